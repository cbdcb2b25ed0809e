/**
 * The record a snapshot leaves of the user databases it could not back up, so an audit of
 * the snapshot folder reports them as unreadable instead of judging their users' cards lost.
 */
import fs from 'node:fs';
import path from 'node:path';

export const SNAPSHOT_FAILURES_FILE = 'snapshot_failures.json';

export interface SnapshotFailure {
  userId: number;
  /** The live file that could not be backed up. */
  file: string;
  error: string;
}

/** Failures recorded in a snapshot folder; none for a live data directory. */
export function readSnapshotFailures(dir: string): SnapshotFailure[] {
  const file = path.join(dir, SNAPSHOT_FAILURES_FILE);
  if (!fs.existsSync(file)) return [];
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  return Array.isArray(parsed) ? (parsed as SnapshotFailure[]) : [];
}

/** Record failures beside the snapshot (nothing is written when there are none). */
export function writeSnapshotFailures(dir: string, failures: readonly SnapshotFailure[]): void {
  if (failures.length === 0) return;
  fs.writeFileSync(path.join(dir, SNAPSHOT_FAILURES_FILE), `${JSON.stringify(failures, null, 2)}\n`);
}
