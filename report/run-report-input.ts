/**
 * What report.html shows for a run directory: its saved deliverables when the run finished
 * its audit in this suite's format, else the run judged again from its history and databases
 * (as the teardown and `npm run audit` judge it), without writing anything into the run. A run
 * saved by an older suite whose databases are not beside it is refused in one line naming its format.
 */
import { resolveRunDir } from '../db/audit-run.ts';
import type { Thresholds } from '../helpers/config/config.ts';
import type { HtmlReportInput } from './html-report.ts';
import { judgeRunDir, recordedLimits, type RunJudgement } from '../db/decision/judge-run-dir.ts';
import { formatText, hasSavedDeliverables, isOlderFormat, readSavedRun } from './saved-run.ts';
import { AdminDbMissingError } from '../db/errors/admin-db-missing-error.ts';
import { ReportError } from './errors/report-error.ts';
import { analyseSessions } from './session-analysis.ts';
import { summaryOf } from './summary.ts';
import type { ThresholdLimits, ThresholdResult } from '../db/decision/thresholds.ts';

export interface RunReportInput {
  report: HtmlReportInput;
  /** `saved`: the run's own deliverables; `judged again`: from its history and databases. */
  source: 'saved' | 'judged again';
  /** Why it was judged again rather than read: `it never finished its audit`, or the older format it was saved in. */
  why?: string;
}

/** The limits a run was judged with, read back from its threshold results; `fallback` for any not found. */
export function limitsOf(thresholds: readonly ThresholdResult[], fallback: Thresholds): Thresholds {
  const limit = (unit: ThresholdResult['unit'], match: (name: string) => boolean): number | undefined => thresholds.find((t) => t.unit === unit && match(t.name))?.limit;
  return {
    ...fallback,
    addCardAvgMs: limit('ms', (n) => n.includes('/add_card')) ?? fallback.addCardAvgMs,
    reviewAvgMs: limit('ms', (n) => n.includes('/review')) ?? fallback.reviewAvgMs,
    errorRate: limit('ratio', () => true) ?? fallback.errorRate,
    maxViolations: limit('count', () => true) ?? fallback.maxViolations,
  };
}

/**
 * `limits`: what to judge a run by when it recorded none (this checkout's thresholds and known
 * findings); a run that recorded its limits is shown and judged again by those.
 */
export function runReportInput(arg: string, limits: ThresholdLimits): RunReportInput {
  const runDir = resolveRunDir(arg);
  const saved = hasSavedDeliverables(runDir) ? readSavedRun(runDir) : null;
  if (saved && !isOlderFormat(saved)) {
    const { summary } = saved;
    return {
      source: 'saved',
      report: {
        runInfo: saved.info,
        perf: saved.perf,
        verdict: saved.verdict,
        thresholds: summary.thresholds,
        limits: summary.limits ?? limitsOf(summary.thresholds, limits),
        summary,
        ...(saved.sessions ? { sessions: saved.sessions } : {}),
        ...(summary.generator ? { health: summary.generator } : {}),
        // A run saved before the capacity view has none: the section says it was not computed.
        capacity: summary.capacity ?? null,
      },
    };
  }
  const why = saved ? `saved by an older suite (${formatText(saved.format)})` : 'it never finished its audit';
  let judged: RunJudgement;
  try {
    judged = judgeRunDir(runDir, { limits: recordedLimits(runDir) ?? limits });
  } catch (error) {
    if (saved && error instanceof AdminDbMissingError)
      throw new ReportError(
        `${arg} was saved by an older version of the suite (${formatText(saved.format)}) and its databases are not beside it (${error.file})`,
        'copy the run with its database_snapshots/ so it can be judged again, or open the report.html it wrote itself',
      );
    throw error;
  }
  const { info: runInfo, perf, verdict, thresholds, health, capacity } = judged;
  return {
    source: 'judged again',
    why,
    report: { runInfo, perf, verdict, thresholds, limits: judged.limits, summary: summaryOf(judged), sessions: analyseSessions(judged.operations, verdict), health, capacity },
  };
}
