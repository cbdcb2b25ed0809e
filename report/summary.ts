/**
 * test_results_summary.json: one pass/fail per success criterion of the plan, the
 * thresholds, the run and its counts, and an overall `passed` a CI job can gate on.
 */
import type { ProjectOutcome } from './outcomes-reporter.ts';
import type { ViolationClass, Verdict } from '../checker/verdict.ts';
import type { RunInfo } from '../run/run-dir.ts';
import type { PerformanceMetrics } from './performance.ts';
import type { ThresholdResult } from './thresholds.ts';
import type { GeneratorHealth } from './generator-health.ts';

/**
 * Playwright's test counts of one project (scenario), as the outcomes reporter records
 * them in the run directory (`readOutcomes(runDir).projects`); `planned` above the tests
 * that ended means the run was cut short.
 */
export type ProjectTestCounts = Pick<ProjectOutcome, 'passed' | 'failed' | 'skipped'> & Partial<Pick<ProjectOutcome, 'planned'>>;

/** Per project name. */
export type ProjectOutcomes = Readonly<Record<string, ProjectTestCounts>>;

export interface Criterion {
  id: number;
  key: string;
  name: string;
  /** null when the criterion could not be judged (no test outcomes were supplied). */
  passed: boolean | null;
  detail: string;
}

export interface TestResultsSummary {
  runId: string;
  generatedAt: string;
  passed: boolean;
  /** One line per reason the run did not pass; empty when it passed. */
  failures: string[];
  run: RunInfo;
  criteria: Criterion[];
  thresholds: ThresholdResult[];
  /** The load generator's own cost and saturation, which decide what latency could be judged. */
  generator: GeneratorHealth | null;
  counts: {
    operations: number;
    outcomes: { ok: number; fail: number; info: number };
    cardsAcknowledged: number;
    usersJudged: number;
    cardsRead: number;
    violations: number;
    violationsByClass: Record<ViolationClass, number>;
    observations: number;
    scenarios: { scenario: string; vus: number; requests: number; errors: number; cardsCreated: number }[];
    tests: ProjectOutcomes | null;
  };
  verdictOk: boolean;
}

export interface SummaryInput {
  runInfo: RunInfo;
  perf: PerformanceMetrics;
  verdict: Verdict;
  thresholds: ThresholdResult[];
  health?: GeneratorHealth;
  projectOutcomes?: ProjectOutcomes;
}

function countCriterion(id: number, key: string, name: string, verdict: Verdict, classes: ViolationClass[]): Criterion {
  const found = classes.map((cls) => ({ cls, n: verdict.countsByClass[cls] ?? 0 }));
  const total = found.reduce((sum, f) => sum + f.n, 0);
  const detail =
    total === 0
      ? `no ${classes.join(' / ')} violations in ${verdict.usersJudged} users and ${verdict.cardsRead} cards`
      : found
          .filter((f) => f.n > 0)
          .map((f) => `${f.n} ${f.cls}`)
          .join(', ');
  return { id, key, name, passed: total === 0, detail };
}

function testsCriterion(outcomes: ProjectOutcomes | undefined): Criterion {
  const base = { id: 7, key: 'scenario-tests', name: "all scenarios' tests passed" };
  if (!outcomes) return { ...base, passed: null, detail: 'no Playwright test outcomes were supplied' };
  const problems: string[] = [];
  let ended = 0;
  for (const [project, o] of Object.entries(outcomes)) {
    const done = o.passed + o.failed + o.skipped;
    ended += done;
    if (o.failed > 0) problems.push(`${project}: ${o.failed} of ${o.planned ?? done} failed`);
    if (o.planned !== undefined && o.planned > done) problems.push(`${project}: ${o.planned - done} of ${o.planned} did not finish`);
  }
  const projects = Object.keys(outcomes).length;
  if (projects === 0) return { ...base, passed: false, detail: 'no Playwright tests ran' };
  return problems.length ? { ...base, passed: false, detail: problems.join(', ') } : { ...base, passed: true, detail: `${ended} tests in ${projects} projects passed` };
}

/** The criteria of the plan, numbered as the plan numbers them, plus placement (8). */
export function judgeCriteria(verdict: Verdict, thresholds: ThresholdResult[], outcomes?: ProjectOutcomes): Criterion[] {
  const performance = thresholds.filter((t) => t.unit !== 'count');
  const broken = performance.filter((t) => t.passed === false);
  const notJudged = performance.filter((t) => t.passed === null);
  return [
    countCriterion(1, 'no-cross-user-contamination', 'zero cross-user contamination', verdict, ['misrouted']),
    countCriterion(2, 'no-lost-cards', 'no lost cards', verdict, ['lost']),
    countCriterion(3, 'no-duplicates-or-phantoms', 'no duplicate or phantom cards', verdict, ['duplicate', 'phantom']),
    countCriterion(4, 'session-integrity', 'session integrity', verdict, ['session-mismatch']),
    countCriterion(5, 'review-integrity', 'review integrity', verdict, ['review-mismatch']),
    {
      id: 6,
      key: 'performance-thresholds',
      name: 'performance thresholds met',
      // Not judged (null) when a latency could only be measured through a saturated generator.
      passed: broken.length > 0 ? false : notJudged.length > 0 ? null : true,
      detail: (broken.length ? broken : performance).map((t) => t.line).join('; '),
    },
    testsCriterion(outcomes),
    // Not one of the plan's seven, but a card with altered content or in the wrong deck is
    // still a broken promise to the user and must not pass silently.
    countCriterion(8, 'card-placement', 'cards intact and in the intended deck', verdict, ['content-mismatch', 'wrong-deck']),
    // What could not be judged is never a pass (Jepsen's :unknown).
    {
      id: 9,
      key: 'judged-completely',
      name: 'every card, review and request judged',
      passed: verdict.valid !== 'unknown',
      detail: verdict.unjudged?.length ? verdict.unjudged.join('; ') : `all ${verdict.usersJudged} user databases read and every operation judged`,
    },
  ];
}

export function buildSummary({ runInfo, perf, verdict, thresholds, health, projectOutcomes }: SummaryInput): TestResultsSummary {
  const criteria = judgeCriteria(verdict, thresholds, projectOutcomes);
  // Performance thresholds are already inside criterion 6; the integrity threshold is listed
  // too because its limit is configurable and may differ from the plan's zero.
  const failures = [
    ...criteria.filter((c) => c.passed === false).map((c) => `criterion ${c.id} failed: ${c.name} (${c.detail})`),
    ...thresholds.filter((t) => t.passed === false && t.unit === 'count').map((t) => t.line),
    ...(verdict.ok || verdict.violations.length > 0 || verdict.valid === 'unknown' ? [] : ['the checker did not judge the run ok, though it reported no violation']),
  ];
  return {
    runId: runInfo.id,
    generatedAt: new Date().toISOString(),
    passed: failures.length === 0,
    failures,
    run: runInfo,
    criteria,
    thresholds,
    generator: health ?? null,
    counts: {
      operations: perf.overall.count,
      outcomes: perf.outcomes,
      cardsAcknowledged: perf.cardsCreated,
      usersJudged: verdict.usersJudged,
      cardsRead: verdict.cardsRead,
      violations: verdict.violations.length,
      violationsByClass: verdict.countsByClass,
      observations: verdict.observations.length,
      scenarios: perf.scenarios.map((s) => ({ scenario: s.scenario, vus: s.vus, requests: s.count, errors: s.errors, cardsCreated: s.cardsCreated })),
      tests: projectOutcomes ?? null,
    },
    verdictOk: verdict.ok,
  };
}
