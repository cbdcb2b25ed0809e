/**
 * Writes the deliverables of a run into its directory, and nothing else:
 * test_results_summary.json, integrity_violations.json, performance_metrics.json,
 * session_analysis.json, api_request_log.jsonl, server_logs.txt and report.html.
 * Returns the thresholds and the summary so the caller can fail the run on them.
 */
import fs from 'node:fs';
import { maskSessionIds } from '../helpers/secrets/fingerprint.ts';
import type { Verdict } from '../db/verdict.ts';
import type { Operation } from '../helpers/history/operation.ts';
import { runPaths, type RunInfo } from '../helpers/run/run-dir.ts';
import { writeHtmlReport } from './html-report.ts';
import { redact } from '../helpers/secrets/redact.ts';
import { writeRequestLog } from './request-log.ts';
import { analyseSessions } from './session-analysis.ts';
import { buildSummary, type ProjectOutcomes, type TestResultsSummary } from './summary.ts';
import type { ThresholdLimits, ThresholdResult } from '../db/decision/thresholds.ts';
import type { GeneratorHealth } from '../db/decision/generator-health.ts';
import { judgePerformance } from '../db/decision/judge-performance.ts';
import type { PerformanceMetrics } from '../db/decision/performance.ts';

export interface DeliverablesInput {
  runDir: string;
  runInfo: RunInfo;
  ops: readonly Operation[];
  verdict: Verdict;
  limits: ThresholdLimits;
  /** Playwright test counts per project (the outcomes reporter's file); criterion 7 is "not judged" without them. */
  projectOutcomes?: ProjectOutcomes;
  /** The server's log file; defaults to `runInfo.serverLog`. */
  serverLogPath?: string | null;
}

export interface DeliverablesResult {
  thresholds: ThresholdResult[];
  perf: PerformanceMetrics;
  summary: TestResultsSummary;
  health: GeneratorHealth;
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Copies the server log, or says in one line why there is none. */
function writeServerLog(target: string, source: string | null | undefined): void {
  if (!source) {
    fs.writeFileSync(target, 'No server log was available for this run (external target without a configured log path).\n');
    return;
  }
  if (!fs.existsSync(source)) {
    fs.writeFileSync(target, `No server log was available for this run: ${source} does not exist.\n`);
    return;
  }
  // Session ids of the diagnostic lines are credentials: the copy carries their fingerprints.
  fs.writeFileSync(target, maskSessionIds(fs.readFileSync(source, 'latin1')), 'latin1');
}

export function writeDeliverables(input: DeliverablesInput): DeliverablesResult {
  const { runDir, runInfo, ops, verdict, limits, projectOutcomes } = input;
  const paths = runPaths(runDir);
  if (!fs.existsSync(runDir)) {
    throw new Error(`Run directory ${runDir} does not exist: deliverables are written into an existing run (start one with the suite first).`);
  }

  const { perf, thresholds, health } = judgePerformance(runDir, ops, runInfo, verdict, limits);
  const summary = buildSummary({
    runInfo,
    perf,
    verdict,
    thresholds,
    health,
    ...(projectOutcomes ? { projectOutcomes } : {}),
    ...(limits.knownFindings ? { knownFindings: limits.knownFindings } : {}),
  });
  const sessions = analyseSessions(ops, verdict);

  writeJson(paths.summary, summary);
  // The verdict quotes card text and log lines; redact it like every other file that leaves the run.
  writeJson(paths.violations, redact(verdict));
  writeJson(paths.performance, perf);
  writeJson(paths.sessions, sessions);
  writeRequestLog(paths.requestLog, ops);
  writeServerLog(paths.serverLogs, input.serverLogPath === undefined ? runInfo.serverLog : input.serverLogPath);
  writeHtmlReport(paths.reportHtml, { runInfo, perf, verdict, thresholds, limits, summary, sessions, health });

  return { thresholds, perf, summary, health };
}
