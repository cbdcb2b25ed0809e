/**
 * Writes the deliverables of a judged run into its directory, and nothing else:
 * test_results_summary.json, integrity_violations.json, performance_metrics.json,
 * session_analysis.json, api_request_log.jsonl, server_logs.txt and report.html.
 * The judgement comes from the judgement stage (db/decision/judge-run-dir.ts); nothing is judged here.
 */
import fs from 'node:fs';
import { maskSessionIds } from '../helpers/secrets/fingerprint.ts';
import { runPaths } from '../helpers/run/run-dir.ts';
import { writeHtmlReport } from './html-report.ts';
import { redact } from '../helpers/secrets/redact.ts';
import { writeRequestLog } from './request-log.ts';
import { analyseSessions } from './session-analysis.ts';
import { summaryOf, type TestResultsSummary } from './summary.ts';
import type { RunJudgement } from '../db/decision/judge-run-dir.ts';

export interface DeliverablesOptions {
  /** The server's log file; defaults to the run's `serverLog`. */
  serverLogPath?: string | null | undefined;
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

/** Write every deliverable of `judgement` into its run directory; returns the summary written. */
export function writeDeliverables(judgement: RunJudgement, options: DeliverablesOptions = {}): TestResultsSummary {
  const { runDir, info: runInfo, operations, verdict, perf, thresholds, limits, health, capacity } = judgement;
  const paths = runPaths(runDir);
  if (!fs.existsSync(runDir)) {
    throw new Error(`Run directory ${runDir} does not exist: deliverables are written into an existing run (start one with the suite first).`);
  }
  const summary = summaryOf(judgement);
  const sessions = analyseSessions(operations, verdict);

  writeJson(paths.summary, summary);
  // The verdict quotes card text and log lines; redact it like every other file that leaves the run.
  writeJson(paths.violations, redact(verdict));
  writeJson(paths.performance, perf);
  writeJson(paths.sessions, sessions);
  writeRequestLog(paths.requestLog, operations);
  writeServerLog(paths.serverLogs, options.serverLogPath === undefined ? runInfo.serverLog : options.serverLogPath);
  writeHtmlReport(paths.reportHtml, { runInfo, perf, verdict, thresholds, limits, summary, sessions, health, capacity });
  return summary;
}
