/**
 * What a finished child run left in its run directory, read back for judging: the
 * checker's verdict, the summary, the history and the target's FAULT lines.
 */
import fs from 'node:fs';
import { readHistory } from '../../../helpers/history/reader.ts';
import type { Verdict } from '../../../db/verdict.ts';
import type { Operation } from '../../../helpers/history/operation.ts';
import { runPaths } from '../../../helpers/run/run-dir.ts';
import type { TestResultsSummary } from '../../../report/summary.ts';
import { readFaultEvents, type FaultEvent } from './fault-events.ts';

/** The parts of the verdict and summary a row is judged on. */
export type JudgedVerdict = Pick<Verdict, 'violations' | 'countsByClass' | 'observations'>;
export type JudgedSummary = Pick<TestResultsSummary, 'passed' | 'failures' | 'thresholds'>;

export interface ChildOutputs {
  runDir: string;
  verdict: JudgedVerdict | null;
  summary: JudgedSummary | null;
  ops: Operation[];
  faults: FaultEvent[];
}

function readJson<T>(file: string): T | null {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : null;
}

export function readChildOutputs(runDir: string): ChildOutputs {
  const paths = runPaths(runDir);
  return {
    runDir,
    verdict: readJson<Verdict>(paths.violations),
    summary: readJson<TestResultsSummary>(paths.summary),
    ops: readHistory(runDir).operations,
    // The copy the teardown put in the run directory: the same file the checker matched against.
    faults: readFaultEvents(paths.serverLogs),
  };
}
