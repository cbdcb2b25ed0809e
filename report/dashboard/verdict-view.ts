/**
 * The run's decision as the dashboard shows it at the end: read from the summary the teardown
 * wrote (db/decision/run-decision.ts decided it; report.html prints the same criteria), never
 * decided again here.
 */
import fs from 'node:fs';
import { runPaths } from '../../helpers/run/run-dir.ts';
import { resultWord } from '../../db/decision/run-decision.ts';
import type { TestResultsSummary } from '../summary.ts';
import type { VerdictView } from './dashboard-frame.ts';

export function readVerdictView(runDir: string): VerdictView {
  const paths = runPaths(runDir);
  const reportPath = fs.existsSync(paths.reportHtml) ? paths.reportHtml : null;
  let summary: TestResultsSummary;
  try {
    summary = JSON.parse(fs.readFileSync(paths.summary, 'utf8')) as TestResultsSummary;
  } catch {
    return { result: null, word: 'NO VERDICT — the run ended before its teardown wrote one (see the terminal)', criteria: [], failures: [], reportPath };
  }
  return {
    result: summary.result,
    word: resultWord(summary.result),
    criteria: summary.criteria.map((c) => ({ id: c.id, name: c.name, passed: c.passed, detail: c.detail })),
    failures: summary.failures,
    reportPath,
  };
}
