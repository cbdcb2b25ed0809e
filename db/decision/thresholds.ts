/**
 * The plan's pass/fail thresholds, judged on the measured performance and the verdict.
 * The limits are data (the config module supplies them); a broken threshold fails the run
 * and is explained in one line: `threshold broken: average POST /add_card 734 ms ≥ 500 ms`.
 */
import { VIOLATION_CLASSES, type Verdict } from '../verdict.ts';
import { PLAN_LIMITS, type Thresholds } from '../../helpers/config/plan-limits.ts';
import type { PerformanceMetrics } from './performance.ts';
import { config } from '../../helpers/config/config.ts';
import { configuredKnownFindings, splitViolations, type KnownFinding } from './known-findings.ts';

/**
 * The limits, in the config module's shape (`config.thresholds`): mean add_card and
 * review latency in ms, error rate as a fraction, violations allowed, and whether the
 * real server's same-second 500s (id collisions) are left out of the judged error rate.
 */
export type ThresholdLimits = Thresholds & {
  /** The known-findings baseline: violations it accepts are not counted against maxViolations. */
  knownFindings?: readonly KnownFinding[];
};

export { PLAN_LIMITS };

export interface ThresholdResult {
  name: string;
  /** The limit as configured (ms, a fraction, or a count). */
  limit: number;
  /** What was measured; null when there was nothing to measure (no such requests). */
  measured: number | null;
  unit: 'ms' | 'ratio' | 'count';
  /**
   * null: not judged — no such request was sent, or every one was in flight while the load
   * generator was saturated, so the figure is the generator's, not the server's. Neither
   * a pass nor a failure; the line says so.
   */
  passed: boolean | null;
  line: string;
}

const ADD_CARD = 'POST /add_card';
const REVIEW = 'GET /review';

function formatMs(value: number): string {
  return `${Math.round(value)} ms`;
}

function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  // Enough digits that 0.996 % does not print as "1 %" next to a 1 % limit.
  const text = Number.isInteger(percent) ? String(percent) : percent.toFixed(2).replace(/\.?0+$/, '');
  return `${text} %`;
}

function meanLatency(name: string, endpoint: string, limitMs: number, perf: PerformanceMetrics): ThresholdResult {
  const metrics = perf.endpoints.find((e) => e.endpoint === endpoint);
  if (!metrics || metrics.count === 0) {
    // Nothing measured is nothing judged: neither a pass nor a failure (a profile without such
    // requests says the threshold is not part of it, Profile.notPartOfRun).
    return { name, limit: limitMs, measured: null, unit: 'ms', passed: null, line: `threshold not measured: ${name} (no ${endpoint} requests)` };
  }
  const { count, meanMs } = metrics.unsaturated;
  if (meanMs === null) {
    return {
      name,
      limit: limitMs,
      measured: null,
      unit: 'ms',
      passed: null,
      line: `threshold not judged: ${name} — all ${metrics.count} requests were in flight while the load generator was saturated (their mean, ${formatMs(metrics.meanMs ?? 0)}, is the generator's)`,
    };
  }
  const excluded = metrics.count - count;
  const scope = excluded > 0 ? ` (judged on ${count} of ${metrics.count} requests; ${excluded} in flight while the load generator was saturated left out)` : '';
  const passed = meanMs < limitMs;
  const line = passed ? `threshold met: ${name} ${formatMs(meanMs)} < ${formatMs(limitMs)}${scope}` : `threshold broken: ${name} ${formatMs(meanMs)} ≥ ${formatMs(limitMs)}${scope}`;
  return { name, limit: limitMs, measured: meanMs, unit: 'ms', passed, line };
}

function errorRate(perf: PerformanceMetrics, limits: ThresholdLimits): ThresholdResult {
  const excluding = limits.errorRateExcludesIdCollisions;
  const name = excluding ? 'error rate excluding id collisions' : 'error rate';
  // A timeout while the generator was saturated may be the generator's own slowness: it is
  // left out of the judged rate (and still recorded info, so the checker judges its effect).
  const generatorTimeouts = perf.timeoutsWhileSaturated;
  const count = perf.overall.count - generatorTimeouts;
  const errors = perf.overall.errors - generatorTimeouts - (excluding ? perf.idCollisionErrors : 0);
  const measured = count > 0 ? errors / count : 0;
  const passed = measured < limits.errorRate;
  const detail =
    `${perf.overall.errors} of ${perf.overall.count} requests` +
    (perf.idCollisionErrors ? `, ${perf.idCollisionErrors} of them id collisions` : '') +
    (generatorTimeouts ? `, ${generatorTimeouts} timeout(s) while the load generator was saturated left out` : '');
  const line = passed
    ? `threshold met: ${name} ${formatPercent(measured)} < ${formatPercent(limits.errorRate)} (${detail})`
    : `threshold broken: ${name} ${formatPercent(measured)} ≥ ${formatPercent(limits.errorRate)} (${detail})`;
  return { name, limit: limits.errorRate, measured, unit: 'ratio', passed, line };
}

function integrity(verdict: Verdict, limits: ThresholdLimits): ThresholdResult {
  const { known, unexpected } = splitViolations(verdict.violations, limits.knownFindings ?? []);
  const accepted = known.filter((k) => k.withinLimit).reduce((n, k) => n + k.count, 0);
  const name = accepted > 0 ? 'integrity violations beyond the known findings' : 'integrity violations';
  const measured = unexpected.length;
  const passed = measured <= limits.maxViolations;
  const classes = VIOLATION_CLASSES.map((cls) => [cls, unexpected.filter((v) => v.class === cls).length] as const)
    .filter(([, n]) => n > 0)
    .map(([cls, n]) => `${n} ${cls}`)
    .join(', ');
  const knownText = accepted > 0 ? `; ${accepted} known` : '';
  const line = passed ? `threshold met: ${name} ${measured} ≤ ${limits.maxViolations}${knownText}` : `threshold broken: ${name} ${measured} > ${limits.maxViolations} (${classes}${knownText})`;
  return { name, limit: limits.maxViolations, measured, unit: 'count', passed, line };
}

/** Every threshold of the plan, in a fixed order: add_card, review, error rate, integrity. */
export function evaluateThresholds(perf: PerformanceMetrics, verdict: Verdict, limits: ThresholdLimits = PLAN_LIMITS): ThresholdResult[] {
  return [
    meanLatency(`average ${ADD_CARD}`, ADD_CARD, limits.addCardAvgMs, perf),
    meanLatency(`average ${REVIEW}`, REVIEW, limits.reviewAvgMs, perf),
    errorRate(perf, limits),
    integrity(verdict, limits),
  ];
}

/** The configured thresholds with the configured baseline: what the teardown, the audit and the merge judge a run by. */
export function configuredLimits(): ThresholdLimits {
  return { ...config.thresholds, knownFindings: configuredKnownFindings() };
}
