/**
 * The end of a load run, before it is judged: bring a remote deployment's databases into its
 * data folder (DATA_FETCH_CMD), then back every database up into the run's
 * `database_snapshots/` with SQLite's online backup, after the target stopped writing, so the
 * run is judged — then and later, anywhere — from the state it ended with.
 */
import path from 'node:path';
import { runPaths } from '../helpers/run/run-dir.ts';
import { readRunInfo } from '../helpers/run/run-store.ts';
import { chooseDataDir } from './audit-run.ts';
import { snapshotDatabases } from './snapshots.ts';

/** Snapshot the live databases of a run into its directory; returns the files written. */
export async function snapshotRun(runDir: string, fetch?: (dataDir: string) => void): Promise<string[]> {
  const info = readRunInfo(runDir);
  if (fetch && !info.embedded) fetch(path.resolve(runDir, info.dataDir));
  // Ignore snapshots left by an earlier judgement of the same run: the live folder is the source.
  const { dataDir } = chooseDataDir(runDir, info, { preferSnapshots: false });
  return snapshotDatabases(dataDir, runPaths(runDir).snapshots);
}
