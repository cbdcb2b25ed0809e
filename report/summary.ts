/**
 * test_results_summary.json: one pass/fail per success criterion of the plan, the
 * thresholds, the run and its counts, and an overall `passed` a CI job can gate on.
 */
import type { ViolationClass, Verdict } from '../db/verdict.ts';
import type { RunInfo } from '../helpers/run/run-dir.ts';
import type { PerformanceMetrics } from '../db/decision/performance.ts';
import type { ThresholdResult } from '../db/decision/thresholds.ts';
import type { GeneratorHealth } from '../db/decision/generator-health.ts';
import type { KnownFinding, KnownTally } from '../db/decision/known-findings.ts';
import { decideRun, type Criterion, type ProjectOutcomes, type RunDecision, type RunResult } from '../db/decision/run-decision.ts';
import type { ThresholdLimits } from '../db/decision/thresholds.ts';
import type { RunJudgement } from '../db/decision/judge-run-dir.ts';
import type { CapacityView } from '../db/decision/capacity.ts';

export type { Criterion, ProjectOutcomes, ProjectTestCounts } from '../db/decision/run-decision.ts';

/**
 * The shape of the deliverables this suite writes, recorded in every summary. A run saved with
 * an older one (no `format`: 1) is judged again from its history and databases, or refused.
 * Raise it when a reader of the saved files would misread an older run.
 */
export const DELIVERABLES_FORMAT = 2;

export interface TestResultsSummary {
  /** DELIVERABLES_FORMAT of the suite that wrote it; absent in runs of format 1. */
  format: number;
  runId: string;
  generatedAt: string;
  /** result === 'passed'. */
  passed: boolean;
  /** The run's one decision (db/decision/run-decision.ts): passed, failed, or unknown (not everything judged). */
  result: RunResult;
  /** One line per reason the run did not pass; empty when it passed. */
  failures: string[];
  /** Accepted findings (known-findings.json) this run reported: shown, not failing. */
  knownFindings: KnownTally[];
  /** What the run was judged by: the thresholds and the known-findings baseline (null: not recorded). */
  limits: ThresholdLimits | null;
  run: RunInfo;
  criteria: Criterion[];
  thresholds: ThresholdResult[];
  /** The load generator's own cost and saturation, which decide what latency could be judged. */
  generator: GeneratorHealth | null;
  /** Per stage of the ramp: users, throughput, p95, error and timeout rates, and where each threshold first broke (null: not computed). */
  capacity: CapacityView | null;
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
  projectOutcomes?: ProjectOutcomes | undefined;
  knownFindings?: readonly KnownFinding[];
  /** The run's decision as the judgement stage made it (db/decision/judge-run-dir.ts); left out, it is made here from the rest. */
  decision?: RunDecision;
  limits?: ThresholdLimits;
  capacity?: CapacityView;
}

export function buildSummary({ runInfo, perf, verdict, thresholds, health, projectOutcomes, knownFindings, decision, limits, capacity }: SummaryInput): TestResultsSummary {
  const { result, criteria, failures, known } = decision ?? decideRun({ verdict, thresholds, projectOutcomes, knownFindings });
  return {
    format: DELIVERABLES_FORMAT,
    runId: runInfo.id,
    generatedAt: new Date().toISOString(),
    passed: result === 'passed',
    result,
    failures,
    knownFindings: known,
    limits: limits ?? null,
    run: runInfo,
    criteria,
    thresholds,
    generator: health ?? null,
    capacity: capacity ?? null,
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

/** The summary of a judged run: its decision as the judgement stage made it, and the limits it was judged by. */
export function summaryOf(judgement: RunJudgement): TestResultsSummary {
  const { info, perf, verdict, thresholds, health, projectOutcomes, decision, limits, capacity } = judgement;
  return buildSummary({ runInfo: info, perf, verdict, thresholds, health, projectOutcomes, decision, limits, capacity });
}
