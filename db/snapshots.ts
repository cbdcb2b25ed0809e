/**
 * Consistent copies of a data directory for the run's deliverables and for a later audit.
 * Each database is copied with SQLite's online backup API (better-sqlite3 `db.backup()`),
 * never by copying the file: a file copy taken while the server writes can tear a page or
 * miss a rollback journal, and would show the checker a database that never existed.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { adminDbPath } from './admin-db.ts';
import { listUserDbFiles } from './anki-collection.ts';
import { AdminDbMissingError } from './errors/admin-db-missing-error.ts';
import { SNAPSHOT_FAILURES_FILE, writeSnapshotFailures, type SnapshotFailure } from './snapshot-failures.ts';
import { saveSessionFiles } from './session-files.ts';

/**
 * Back up admin.db and every `user_dbs/user_{id}.db` of `dataDir` into `outDir` (same layout),
 * with the count of its session files (`session_files.json`).
 * Returns the snapshot files written. A user database that cannot be backed up is recorded in
 * `snapshot_failures.json` beside them (the audit reports it as unreadable); a missing
 * admin.db throws, as there would be nothing to judge.
 */
export async function snapshotDatabases(dataDir: string, outDir: string): Promise<string[]> {
  const admin = adminDbPath(dataDir);
  if (!fs.existsSync(admin)) throw new AdminDbMissingError(admin);
  fs.mkdirSync(path.join(outDir, 'user_dbs'), { recursive: true });
  // A record left by an earlier snapshot into the same folder must not outlive it.
  fs.rmSync(path.join(outDir, SNAPSHOT_FAILURES_FILE), { force: true });

  const written: string[] = [];
  const adminTarget = adminDbPath(outDir);
  await backupFile(admin, adminTarget);
  written.push(adminTarget);

  const failures: SnapshotFailure[] = [];
  // One at a time: the server keeps writing meanwhile, and each backup holds a read lock briefly.
  for (const { userId, file } of listUserDbFiles(dataDir)) {
    const target = path.join(outDir, 'user_dbs', path.basename(file));
    try {
      await backupFile(file, target);
      written.push(target);
    } catch (error) {
      fs.rmSync(target, { force: true });
      failures.push({ userId, file, error: error instanceof Error ? error.message : String(error) });
    }
  }
  writeSnapshotFailures(outDir, failures);
  // What the session folder held, for a later audit's account of a 401 (counts, never names).
  saveSessionFiles(dataDir, outDir);
  return written;
}

/** Online backup of one database file to `target` (replaced if present). */
export async function backupFile(source: string, target: string): Promise<void> {
  fs.rmSync(target, { force: true });
  // Stryker disable next-line BooleanLiteral: a read-only open of a missing file fails with the same SqliteError either way
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
}
