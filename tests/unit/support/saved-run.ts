/**
 * Run directories as the suite leaves them, for the commands that read runs: a fake plan run
 * with every deliverable written by the teardown's own writer, and the real server's sample
 * laid out as a run that never reached its audit (history, snapshots and log, no deliverables).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Verdict } from '../../../db/verdict.ts';
import type { Operation } from '../../../helpers/history/operation.ts';
import type { RunInfo } from '../../../helpers/run/run-dir.ts';
import { writeRunInfo } from '../../../helpers/run/run-store.ts';
import { OUTCOMES_FILE } from '../../../helpers/monitor/outcomes-reporter.ts';
import { PLAN_LIMITS, type ThresholdLimits, type ThresholdResult } from '../../../db/decision/thresholds.ts';
import { judgeRecord } from '../../../db/decision/judge-run-dir.ts';
import { writeDeliverables } from '../../../report/write-deliverables.ts';
import type { TestResultsSummary } from '../../../report/summary.ts';
import { fakePlanHistory, fakeRunInfo, fakeVerdict } from '../report-fake-run.ts';
import { copyRealSample } from './contaminated-sample.ts';
import { REAL_SAMPLE_LOG, realSampleHistory } from './real-sample.ts';

export interface SavedRunSpec {
  info?: Partial<RunInfo>;
  ops?: Operation[];
  verdict?: Verdict;
}

export interface JudgedSpec {
  runDir: string;
  runInfo: RunInfo;
  ops: readonly Operation[];
  /** Made up, not read from databases: the judgement stage takes it from here on. */
  verdict: Verdict;
  limits: ThresholdLimits;
  serverLogPath?: string | null;
}

/** The deliverables of a made-up history and verdict, judged by the judgement stage from the verdict on and written as the teardown writes them. */
export function writeJudged(spec: JudgedSpec): { summary: TestResultsSummary; thresholds: ThresholdResult[] } {
  const judgement = judgeRecord({ runDir: spec.runDir, info: spec.runInfo, operations: spec.ops, verdict: spec.verdict }, { limits: spec.limits });
  const summary = writeDeliverables(judgement, { serverLogPath: spec.serverLogPath });
  return { summary, thresholds: judgement.thresholds };
}

/** A finished fake run in `dir`: run.json and the deliverables `writeDeliverables` writes. */
export function writeSavedRun(dir: string, spec: SavedRunSpec = {}): string {
  fs.mkdirSync(dir, { recursive: true });
  const runInfo = fakeRunInfo({ id: path.basename(dir), ...spec.info });
  writeRunInfo(dir, runInfo);
  // The outcomes reporter's file, as every run leaves it: the plan's writers and reviewers all passed.
  const passed = (planned: number) => ({ planned, passed: planned, failed: 0, skipped: 0, interrupted: 0, failures: [] });
  fs.writeFileSync(path.join(dir, OUTCOMES_FILE), JSON.stringify({ status: 'passed', projects: { writers: passed(6), reviewers: passed(24) } }));
  writeJudged({ runDir: dir, runInfo, ops: spec.ops ?? fakePlanHistory(), verdict: spec.verdict ?? fakeVerdict(), limits: PLAN_LIMITS, serverLogPath: null });
  return dir;
}

/** The real sample as an unaudited run in `dir`: history/, database_snapshots/, server_logs.txt, run.json. */
export function writeRealSampleRun(dir: string): string {
  const { ops } = realSampleHistory();
  copyRealSample(path.join(dir, 'database_snapshots'));
  fs.copyFileSync(REAL_SAMPLE_LOG, path.join(dir, 'server_logs.txt'));
  fs.mkdirSync(path.join(dir, 'history'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'history', 'sample.jsonl'), ops.map((op) => `${JSON.stringify(op)}\n`).join(''));
  const first = Math.min(...ops.map((op) => op.sentAt));
  writeRunInfo(dir, {
    id: path.basename(dir),
    epochMs: first,
    startedAt: new Date(first).toISOString(),
    profile: 'real-sample',
    baseUrl: 'http://127.0.0.1:8000',
    dataDir: path.join(dir, 'database_snapshots'),
    serverLog: null,
    embedded: false,
    faults: null,
    status: 'complete',
  });
  return dir;
}
