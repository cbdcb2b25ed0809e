/**
 * Snapshots of a run's databases: a data folder without admin.db is refused by name, a backup
 * never invents its source and leaves no file open, a failures record that is not a list
 * names no database, and a run's snapshot is taken from its live folder (fetched first for a
 * remote target, never for the embedded one), whatever an earlier snapshot left.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { backupFile, snapshotDatabases } from '../../db/snapshots.ts';
import { readSnapshotFailures, SNAPSHOT_FAILURES_FILE } from '../../db/snapshot-failures.ts';
import { snapshotRun } from '../../db/snapshot-run.ts';
import { AdminDbMissingError } from '../../db/errors/admin-db-missing-error.ts';
import { listUserDbFiles } from '../../db/anki-collection.ts';
import { writeRunInfo } from '../../helpers/run/run-store.ts';
import type { RunInfo } from '../../helpers/run/run-dir.ts';
import { writeDataDir, writeUserDb } from './support/anki-fixture.ts';
import { T0, baseUsers } from './support/checker-scenario.ts';
import { fakeRunInfo } from './report-fake-run.ts';

/** A run directory whose run.json names `dataDir` (relative to the run) as the target's folder. */
function runWith(name: string, info: Partial<RunInfo> = {}): string {
  const dir = test.info().outputPath(name);
  fs.mkdirSync(dir, { recursive: true });
  writeRunInfo(
    dir,
    fakeRunInfo({
      id: name,
      epochMs: T0,
      startedAt: new Date(T0).toISOString(),
      profile: 'unit',
      baseUrl: 'http://127.0.0.1:8000',
      dataDir: 'target-data',
      embedded: false,
      status: 'running',
      ...info,
    }),
  );
  return dir;
}

const userIdsIn = (dataDir: string): number[] => listUserDbFiles(dataDir).map((f) => f.userId);

test('a data folder without admin.db is refused by naming the missing file', async () => {
  const empty = test.info().outputPath('no-admin');
  fs.mkdirSync(path.join(empty, 'user_dbs'), { recursive: true });
  const snapshot = snapshotDatabases(empty, test.info().outputPath('out'));
  await expect(snapshot).rejects.toThrow(AdminDbMissingError);
  await expect(snapshotDatabases(empty, test.info().outputPath('out'))).rejects.toThrow(`No admin.db at ${path.join(empty, 'admin.db')}`);
});

test('backing up a database that does not exist fails and creates no empty database in its place', async () => {
  const missing = test.info().outputPath('gone', 'user_7.db');
  fs.mkdirSync(path.dirname(missing), { recursive: true });
  await expect(backupFile(missing, test.info().outputPath('copy.db'))).rejects.toThrow();
  expect(fs.existsSync(missing)).toBe(false);
  expect(fs.existsSync(test.info().outputPath('copy.db'))).toBe(false);
});

test('a backup never writes its source: the write-ahead log a stopped server left stays as it was, and the copy holds its rows', async () => {
  // A server stopped without checkpointing leaves its last writes in user_1.db-wal: copy its files while it still holds them.
  const server = test.info().outputPath('server');
  const live = test.info().outputPath('live');
  fs.mkdirSync(server, { recursive: true });
  fs.mkdirSync(live, { recursive: true });
  const writer = new Database(path.join(server, 'user_1.db'));
  writer.pragma('journal_mode = WAL');
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec('CREATE TABLE cards (id INTEGER PRIMARY KEY)');
  writer.prepare('INSERT INTO cards (id) VALUES (?)').run(T0 + 1);
  for (const file of fs.readdirSync(server)) fs.copyFileSync(path.join(server, file), path.join(live, file));
  writer.close();
  // The database and its log, byte for byte (the -shm file is only a shared index any reader may rebuild), and which files exist.
  const filesOf = (dir: string) => ({
    names: fs.readdirSync(dir).sort(),
    db: fs.readFileSync(path.join(dir, 'user_1.db')).toString('base64'),
    wal: fs.readFileSync(path.join(dir, 'user_1.db-wal')).toString('base64'),
  });
  const before = filesOf(live);
  expect(before.names).toEqual(['user_1.db', 'user_1.db-shm', 'user_1.db-wal']);

  const copy = test.info().outputPath('copy.db');
  await backupFile(path.join(live, 'user_1.db'), copy);
  expect(filesOf(live)).toEqual(before);
  const snapshot = new Database(copy, { readonly: true });
  expect(snapshot.prepare('SELECT id FROM cards').all()).toEqual([{ id: T0 + 1 }]);
  snapshot.close();
});

test('backing up databases one after the other leaves none of them open', async () => {
  const live = test.info().outputPath('live');
  writeDataDir(live, baseUsers());
  const openFiles = (): number => fs.readdirSync('/proc/self/fd').length;
  const before = openFiles();
  for (let i = 0; i < 6; i++) await backupFile(path.join(live, 'user_dbs', 'user_3.db'), test.info().outputPath(`copy-${i}.db`));
  // Six leaked connections would hold six more descriptors; a snapshot of thousands of users would run out.
  expect(openFiles()).toBeLessThan(before + 3);
});

test('a failures record that is not a list names no unreadable database', () => {
  const dir = test.info().outputPath('snap');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, SNAPSHOT_FAILURES_FILE), JSON.stringify({ userId: 2, file: 'user_2.db', error: 'locked' }));
  expect(readSnapshotFailures(dir)).toEqual([]);
  fs.writeFileSync(path.join(dir, SNAPSHOT_FAILURES_FILE), JSON.stringify([{ userId: 2, file: 'user_2.db', error: 'locked' }]));
  expect(readSnapshotFailures(dir)).toEqual([{ userId: 2, file: 'user_2.db', error: 'locked' }]);
});

test("a remote target's databases are fetched into the run's data folder before the snapshot copies them", async () => {
  const runDir = runWith('remote');
  const fetched: string[] = [];
  const files = await snapshotRun(runDir, (dataDir) => {
    fetched.push(dataDir);
    writeDataDir(dataDir, baseUsers());
  });
  expect(fetched).toEqual([path.join(runDir, 'target-data')]);
  const snapshots = path.join(runDir, 'database_snapshots');
  expect(files.map((f) => path.relative(snapshots, f))).toEqual(['admin.db', 'user_dbs/user_1.db', 'user_dbs/user_2.db', 'user_dbs/user_3.db']);
  expect(userIdsIn(snapshots)).toEqual([1, 2, 3]);
});

test('the embedded target is never fetched: its folder is already here', async () => {
  const runDir = runWith('embedded', { embedded: true });
  writeDataDir(path.join(runDir, 'target-data'), baseUsers());
  const fetched: string[] = [];
  const files = await snapshotRun(runDir, (dataDir) => fetched.push(dataDir));
  expect(fetched).toEqual([]);
  expect(files).toHaveLength(4);
});

test('without a fetch command a remote run is snapshotted from the folder run.json names', async () => {
  const runDir = runWith('no-fetch');
  writeDataDir(path.join(runDir, 'target-data'), baseUsers());
  const files = await snapshotRun(runDir);
  expect(files.map((f) => path.basename(f))).toEqual(['admin.db', 'user_1.db', 'user_2.db', 'user_3.db']);
});

test('a second snapshot of the same run copies the live folder again, not the earlier snapshot', async () => {
  const runDir = runWith('twice', { embedded: true });
  const live = path.join(runDir, 'target-data');
  writeDataDir(live, baseUsers());
  await snapshotRun(runDir);
  // The target went on: a fourth user registered after the first snapshot.
  writeUserDb(live, { userId: 4, username: 'dave04', cards: [], revlog: [] });
  const files = await snapshotRun(runDir);
  expect(files.map((f) => path.basename(f))).toEqual(['admin.db', 'user_1.db', 'user_2.db', 'user_3.db', 'user_4.db']);
  expect(userIdsIn(path.join(runDir, 'database_snapshots'))).toEqual([1, 2, 3, 4]);
});
