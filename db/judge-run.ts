/**
 * The end-of-run judgement used by the global teardown: snapshot the live databases into
 * the run directory (online backup, after the target stopped writing), then audit the run
 * from its own files exactly as `npm run audit` would later.
 */
import path from 'node:path';
import { runPaths } from '../helpers/run/run-dir.ts';
import type { Operation } from '../helpers/history/operation.ts';
import type { Verdict } from './verdict.ts';
import { readRunInfo } from '../helpers/run/run-store.ts';
import { auditRunDir, chooseDataDir } from './audit-run.ts';
import { printVerdict } from './print-verdict.ts';
import { snapshotDatabases } from './snapshots.ts';

export interface JudgeRunOptions {
  /** Back the live databases up into `database_snapshots/` before judging (default true). */
  takeSnapshots?: boolean;
  /** Runs before the snapshots: brings a remote deployment's databases into its data folder (DATA_FETCH_CMD). */
  fetch?: ((dataDir: string) => void) | undefined;
}

export interface JudgedRun {
  operations: Operation[];
  verdict: Verdict;
  /** The verdict on one screen (`printVerdict`). */
  text: string;
  /** Folder the databases were judged from. */
  dataDir: string;
  /** Snapshot files written, when snapshots were taken. */
  snapshots: string[];
}

/** Snapshot (optionally) and judge a run directory; the caller writes the deliverables. */
export async function judgeRun(runDir: string, options: JudgeRunOptions = {}): Promise<JudgedRun> {
  let snapshots: string[] = [];
  if (options.takeSnapshots ?? true) {
    const info = readRunInfo(runDir);
    if (options.fetch && !info.embedded) options.fetch(path.resolve(runDir, info.dataDir));
    const live = chooseLiveDataDir(runDir, info);
    snapshots = await snapshotDatabases(live, runPaths(runDir).snapshots);
  }
  const result = auditRunDir(runDir);
  return { operations: result.operations, verdict: result.verdict, text: printVerdict(result.verdict), dataDir: result.dataDir, snapshots };
}

function chooseLiveDataDir(runDir: string, info: ReturnType<typeof readRunInfo>): string {
  // Ignore snapshots left by an earlier judgement of the same run: the live folder is the source.
  const { dataDir } = chooseDataDir(runDir, info, { preferSnapshots: false });
  return dataDir;
}
