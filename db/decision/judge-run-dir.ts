/**
 * The one judgement stage: a run directory in, everything the printers need out — the verdict
 * from the history and the databases, the generator's health, the performance and its
 * thresholds, the known findings and the run's decision. The teardown, `npm run audit`, the
 * merge and `npm run report -- --input` all call it; none assembles the chain itself.
 *
 * The limits (thresholds and the known-findings baseline) are passed in, never read here, and
 * travel with the judgement so the summary records what the run was judged by
 * (`recordedLimits` reads them back, so a copied run is judged the same anywhere).
 */
import fs from 'node:fs';
import type { Profile } from '../../helpers/config/profiles.ts';
import type { Operation } from '../../helpers/history/operation.ts';
import { readOutcomes } from '../../helpers/monitor/outcomes-reporter.ts';
import { runPaths, type RunInfo } from '../../helpers/run/run-dir.ts';
import { auditRunDir } from '../audit-run.ts';
import { printVerdict } from '../print-verdict.ts';
import type { Verdict } from '../verdict.ts';
import { capacityLines, type CapacityView } from './capacity.ts';
import type { GeneratorHealth } from './generator-health.ts';
import { judgeRunCapacity } from './judge-capacity.ts';
import { judgePerformance, thresholdMark } from './judge-performance.ts';
import type { KnownFinding } from './known-findings.ts';
import type { PerformanceMetrics } from './performance.ts';
import { decideRun, resultWord, type ProjectOutcomes, type RunDecision } from './run-decision.ts';
import type { ThresholdLimits, ThresholdResult } from './thresholds.ts';

/** What was recorded: the run, its history and the verdict on it. */
export interface RunRecord {
  runDir: string;
  info: RunInfo;
  operations: readonly Operation[];
  verdict: Verdict;
}

export interface JudgeOptions {
  /** The thresholds and the known-findings baseline to judge by. */
  limits: ThresholdLimits;
  /** Playwright's counts per project; left out: the run's own outcomes file, when it has one. */
  projectOutcomes?: ProjectOutcomes | undefined;
  /** Criterion keys and threshold names not part of the run; left out: what the run's profile.json says (`notPartOfRun`). */
  notPartOfRun?: readonly string[];
  /** The clock the checker judges late effects against (tests). */
  now?: Date;
}

export interface RunJudgement extends RunRecord {
  limits: ThresholdLimits;
  projectOutcomes: ProjectOutcomes | undefined;
  health: GeneratorHealth;
  perf: PerformanceMetrics;
  thresholds: ThresholdResult[];
  /** Per stage of the ramp: where each threshold first broke (capacity.ts); beside the decision, never part of it. */
  capacity: CapacityView;
  decision: RunDecision;
}

/** Judge what a run recorded: performance and thresholds on its history, then the one decision. */
export function judgeRecord(record: RunRecord, options: JudgeOptions): RunJudgement {
  const { runDir, info, operations, verdict } = record;
  const { limits } = options;
  const { perf, thresholds, health } = judgePerformance(runDir, operations, info, verdict, limits);
  const projectOutcomes = 'projectOutcomes' in options ? options.projectOutcomes : readOutcomes(runDir)?.projects;
  const notPartOfRun = options.notPartOfRun ?? notPartOfRunOf(runDir);
  const decision = decideRun({ verdict, thresholds, projectOutcomes, knownFindings: limits.knownFindings, notPartOfRun });
  const capacity = judgeRunCapacity(runDir, operations, info, verdict, health, limits);
  return { ...record, limits, projectOutcomes, health, perf, thresholds, capacity, decision };
}

/** Judge a run directory from its own files (history, pool, snapshots or live data, server log); writes nothing. */
export function judgeRunDir(runDir: string, options: JudgeOptions): RunJudgement {
  const audit = auditRunDir(runDir, options.now);
  return judgeRecord({ runDir: audit.runDir, info: audit.info, operations: audit.operations, verdict: audit.verdict }, options);
}

/**
 * What a judgement prints, in the teardown's order: the verdict, the generator's health, each
 * threshold, each known finding, the reasons the run did not pass, and the result line.
 */
export function judgementLines(judgement: RunJudgement, resultLine: (word: string) => string = (word) => `run ${judgement.info.id}: ${word}`): string[] {
  const { decision } = judgement;
  return [
    printVerdict(judgement.verdict),
    judgement.health.line,
    ...judgement.thresholds.map((t) => `${thresholdMark(t)} ${t.line}`),
    ...capacityLines(judgement.capacity),
    ...decision.known.map((k) => `${k.withinLimit ? 'ok  ' : 'FAIL'} ${k.line}`),
    ...decision.failures.map((f) => `  ${f}`),
    resultLine(resultWord(decision.result)),
  ];
}

/**
 * What the run's profile (profile.json, as global setup resolved it) says is not part of the run:
 * criterion keys (`scenario-tests`) and threshold names (`average GET /review`). None when the
 * run saved no profile or the profile names none.
 */
export function notPartOfRunOf(runDir: string): string[] {
  const file = runPaths(runDir).profile;
  if (!fs.existsSync(file)) return [];
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Record<keyof Profile, unknown>>;
  return Array.isArray(profile.notPartOfRun) ? profile.notPartOfRun.filter((key): key is string => typeof key === 'string') : [];
}

/** The limits recorded in a run's saved summary, or null when it recorded none (older runs, unfinished ones). */
export function recordedLimits(runDir: string): ThresholdLimits | null {
  const file = runPaths(runDir).summary;
  if (!fs.existsSync(file)) return null;
  try {
    const summary = JSON.parse(fs.readFileSync(file, 'utf8')) as { limits?: ThresholdLimits & { knownFindings?: KnownFinding[] } };
    return summary.limits && typeof summary.limits.addCardAvgMs === 'number' ? summary.limits : null;
  } catch {
    // A broken summary records nothing usable; the caller's limits decide.
    return null;
  }
}
