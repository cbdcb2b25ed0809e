/**
 * Runs side by side (the plan's §8 experiments: the same profile against 3 workers and 1,
 * file sessions and another store): each run's target and settings, violations by class,
 * 5xx causes, error rate, p50/p95/p99 per endpoint and cards acknowledged, all taken from the
 * runs' saved deliverables. The first run is the baseline; a value that differs from it is
 * marked changed, and worse or better where lower or higher is known to be better.
 */
import { VIOLATION_CLASSES } from '../db/verdict.ts';
import { peakOf } from '../helpers/config/profiles.ts';
import type { SavedRun } from './saved-run.ts';

/** Which direction is good for a measure; `none` for settings and counts that are neither. */
export type Better = 'lower' | 'higher' | 'none';

/** How a run's value compares with the baseline's (the first run's): always `same` for the baseline. */
export type Trend = 'same' | 'changed' | 'worse' | 'better';

/**
 * How far a value must move from the baseline to count as changed: counts and settings at
 * any difference; a percentile by 25 % and 5 ms at least, since two runs on a shared machine
 * differ by that much without any change to the server; CPU seconds by 25 % and 1 s for the
 * same reason; a rate by 0.1 percentage points;
 * a label (when the run started) never.
 */
export type Measure = 'setting' | 'count' | 'latency' | 'cpu' | 'rate' | 'label';

export interface ComparisonRow {
  label: string;
  measure: Measure;
  better: Better;
  /** One per run, in the order given; null when the run has no such value. */
  values: (number | string | null)[];
  /** The values as shown. */
  shown: string[];
  trends: Trend[];
  changed: boolean;
}

export interface ComparisonSection {
  title: string;
  rows: ComparisonRow[];
}

export interface ComparedRun {
  id: string;
  dir: string;
  target: string;
  passed: boolean;
}

export interface RunComparison {
  generatedAt: string;
  runs: ComparedRun[];
  sections: ComparisonSection[];
  changedRows: number;
}

const LATENCY_CHANGE_RATIO = 0.25;
const LATENCY_CHANGE_MIN_MS = 5;
const CPU_CHANGE_MIN_S = 1;
const RATE_CHANGE = 0.001;

function differs(measure: Measure, base: number | string | null, value: number | string | null): boolean {
  if (measure === 'label') return false;
  if (base === null || value === null || typeof base === 'string' || typeof value === 'string') return base !== value;
  const delta = Math.abs(value - base);
  if (measure === 'latency') return delta >= Math.max(LATENCY_CHANGE_MIN_MS, LATENCY_CHANGE_RATIO * base);
  if (measure === 'cpu') return delta >= Math.max(CPU_CHANGE_MIN_S, LATENCY_CHANGE_RATIO * base);
  if (measure === 'rate') return delta >= RATE_CHANGE;
  return delta !== 0;
}

function trendOf(measure: Measure, better: Better, base: number | string | null, value: number | string | null): Trend {
  if (!differs(measure, base, value)) return 'same';
  if (better === 'none' || typeof base !== 'number' || typeof value !== 'number') return 'changed';
  return value > base === (better === 'lower') ? 'worse' : 'better';
}

function show(measure: Measure, value: number | string | null): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (measure === 'rate') return `${(value * 100).toFixed(2)} %`;
  if (measure === 'latency') return `${Math.round(value)} ms`;
  if (measure === 'cpu') return `${value.toFixed(1)} s`;
  return String(value);
}

function row(label: string, measure: Measure, better: Better, values: (number | string | null)[]): ComparisonRow {
  const base = values[0] ?? null;
  const trends = values.map((value, i) => (i === 0 ? 'same' : trendOf(measure, better, base, value)));
  return { label, measure, better, values, shown: values.map((value) => show(measure, value)), trends, changed: trends.some((t) => t !== 'same') };
}

/** The target as a person names it: the embedded one (whose port changes every run), or the external server's address. */
function targetOf(run: SavedRun): string {
  return run.info.embedded ? 'embedded target' : `${run.info.baseUrl} (external)`;
}

function settingsSection(runs: readonly SavedRun[]): ComparisonSection {
  const setting = (label: string, of: (run: SavedRun) => string | number | null) => row(label, 'setting', 'none', runs.map(of));
  return {
    title: 'Run',
    rows: [
      setting('target', targetOf),
      setting('target workers', (r) => r.info.targetWorkers ?? (r.info.embedded ? 'not recorded' : 'external: not known')),
      setting('sessions kept in', (r) => r.info.sessionStore ?? (r.info.embedded ? 'files' : 'external: not known')),
      setting('profile', (r) => r.info.profile),
      setting('writers (peak)', (r) => (r.profile ? peakOf(r.profile.writers.stages) : null)),
      setting('reviewers (peak)', (r) => (r.profile ? peakOf(r.profile.reviewers.stages) : null)),
      setting('faults', (r) => r.info.faults ?? 'none'),
      row(
        'started',
        'label',
        'none',
        runs.map((r) => r.info.startedAt),
      ),
      setting('status', (r) => r.info.status),
      setting('result', (r) => (r.summary.passed ? 'PASSED' : 'FAILED')),
      setting(
        'criteria failed',
        (r) =>
          r.summary.criteria
            .filter((c) => c.passed === false)
            .map((c) => `${c.id} ${c.key}`)
            .join(', ') || 'none',
      ),
    ],
  };
}

function violationSection(runs: readonly SavedRun[]): ComparisonSection {
  return {
    title: 'Violations by class',
    rows: [
      ...VIOLATION_CLASSES.map((cls) =>
        row(
          cls,
          'count',
          'lower',
          runs.map((r) => r.verdict.countsByClass[cls] ?? 0),
        ),
      ),
      row(
        'total',
        'count',
        'lower',
        runs.map((r) => r.verdict.violations.length),
      ),
    ],
  };
}

function serverErrorSection(runs: readonly SavedRun[]): ComparisonSection {
  const causes = [...new Set(runs.flatMap((r) => Object.keys(r.verdict.serverErrorCauses ?? {})))].sort();
  return {
    title: '5xx causes',
    rows:
      causes.length === 0
        ? [
            row(
              '(no 5xx answer in any run)',
              'count',
              'lower',
              runs.map(() => 0),
            ),
          ]
        : causes.map((cause) =>
            row(
              cause,
              'count',
              'lower',
              runs.map((r) => r.verdict.serverErrorCauses?.[cause] ?? 0),
            ),
          ),
  };
}

function errorSection(runs: readonly SavedRun[]): ComparisonSection {
  return {
    title: 'Requests and errors',
    rows: [
      row(
        'requests',
        'count',
        'none',
        runs.map((r) => r.perf.overall.count),
      ),
      row(
        'error rate',
        'rate',
        'lower',
        runs.map((r) => r.perf.errorRate),
      ),
      row(
        'failed (fail)',
        'count',
        'lower',
        runs.map((r) => r.perf.outcomes.fail),
      ),
      row(
        'unknown outcome (info)',
        'count',
        'lower',
        runs.map((r) => r.perf.outcomes.info),
      ),
      row(
        'cards acknowledged',
        'count',
        'none',
        runs.map((r) => r.summary.counts.cardsAcknowledged),
      ),
    ],
  };
}

function latencySection(runs: readonly SavedRun[]): ComparisonSection {
  const endpoints = [...new Set(runs.flatMap((r) => r.perf.endpoints.filter((e) => e.count > 0).map((e) => e.endpoint)))].sort();
  const rows: ComparisonRow[] = [];
  for (const endpoint of endpoints) {
    const of = (r: SavedRun) => r.perf.endpoints.find((e) => e.endpoint === endpoint && e.count > 0);
    rows.push(
      row(
        `${endpoint} p50`,
        'latency',
        'lower',
        runs.map((r) => of(r)?.p50Ms ?? null),
      ),
    );
    rows.push(
      row(
        `${endpoint} p95`,
        'latency',
        'lower',
        runs.map((r) => of(r)?.p95Ms ?? null),
      ),
    );
    rows.push(
      row(
        `${endpoint} p99`,
        'latency',
        'lower',
        runs.map((r) => of(r)?.p99Ms ?? null),
      ),
    );
  }
  return { title: 'Latency per endpoint', rows };
}

/** What the latency figures are worth: how much of the run the generator itself distorted (db/decision/generator-health.ts). */
function generatorSection(runs: readonly SavedRun[]): ComparisonSection {
  const of = (pick: (health: NonNullable<SavedRun['summary']['generator']>) => number | null) => runs.map((r) => (r.summary.generator?.measured ? pick(r.summary.generator) : null));
  return {
    title: 'Load generator',
    rows: [
      row(
        'requests while it was saturated',
        'count',
        'lower',
        of((h) => h.requests.sentWhileSaturated),
      ),
      row(
        'runner CPU',
        'cpu',
        'none',
        of((h) => h.cpuSeconds.runner),
      ),
      row(
        'server CPU',
        'cpu',
        'none',
        of((h) => h.cpuSeconds.server),
      ),
    ],
  };
}

/** Compare runs; the first is the baseline the others are measured against. */
export function compareRuns(runs: readonly SavedRun[], now = new Date()): RunComparison {
  const sections = [settingsSection(runs), violationSection(runs), serverErrorSection(runs), errorSection(runs), latencySection(runs), generatorSection(runs)];
  return {
    generatedAt: now.toISOString(),
    runs: runs.map((r) => ({ id: r.info.id, dir: r.dir, target: targetOf(r), passed: r.summary.passed })),
    sections,
    changedRows: sections.reduce((n, s) => n + s.rows.filter((r) => r.changed && r.measure !== 'setting').length, 0),
  };
}
