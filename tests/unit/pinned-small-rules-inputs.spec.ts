/**
 * What the user reads when input is wrong or the server flagged something: the data directory
 * check (db/data-dir-input.ts), DATA_FETCH_CMD's failures (db/data-fetch.ts), the error classes
 * of db/errors/, and the observation of the server's diagnostic lines
 * (db/judges/diagnostics-observer.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { readDataDirAccounts } from '../../db/data-dir-input.ts';
import { fetchData } from '../../db/data-fetch.ts';
import { readCollection } from '../../db/anki-collection.ts';
import { AdminDbMissingError } from '../../db/errors/admin-db-missing-error.ts';
import { AdminSchemaError } from '../../db/errors/admin-schema-error.ts';
import { AuditInputError } from '../../db/errors/audit-input-error.ts';
import { DataDirInputError } from '../../db/errors/data-dir-input-error.ts';
import { DataFetchError } from '../../db/errors/data-fetch-error.ts';
import { KnownFindingsError } from '../../db/errors/known-findings-error.ts';
import { UnreadableCollectionError } from '../../db/errors/unreadable-collection-error.ts';
import { observeDiagnostics } from '../../db/judges/diagnostics-observer.ts';
import type { AuditContext } from '../../db/audit-context.ts';
import { indexLog } from '../../db/log-match.ts';
import { parseServerLog } from '../../db/server-log.ts';
import { ALICE, HISTORY_DECK, T0, causeWorld, judgeWorld, type LineSpec } from './support/cause-world.ts';

const DEFAULT_FIX = "pass a folder holding admin.db and user_dbs/ (the server's data folder, or a run's database_snapshots/)";

test('a folder without admin.db, and with no run directory’s snapshots either, is told to pass a data folder', () => {
  const dir = test.info().outputPath('empty');
  fs.mkdirSync(dir, { recursive: true });
  expect(() => readDataDirAccounts(dir)).toThrow(DataDirInputError);
  expect(() => readDataDirAccounts(dir)).toThrow(`${dir} has no admin.db — ${DEFAULT_FIX}`);
});

test('an admin.db that is not JAVUMBO’s is one data-directory line naming the file and what is wrong', () => {
  const dir = test.info().outputPath('foreign');
  fs.mkdirSync(dir, { recursive: true });
  const db = new Database(path.join(dir, 'admin.db'));
  db.exec('CREATE TABLE accounts (id INTEGER)');
  db.close();
  expect(() => readDataDirAccounts(dir)).toThrow(DataDirInputError);
  expect(() => readDataDirAccounts(dir)).toThrow(`${path.join(dir, 'admin.db')} is not a JAVUMBO admin database: it has no users table — ${DEFAULT_FIX}`);
});

const fixOf = (dataDir: string) => `make DATA_FETCH_CMD copy the deployment's admin.db and user_dbs/ into DATA_DIR (${dataDir}).`;

test('a fetch command that fails without a word says only its exit code and the fix', () => {
  const cwd = test.info().outputPath('here');
  fs.mkdirSync(cwd, { recursive: true });
  const dataDir = path.join(cwd, 'silent');
  expect(() => fetchData('exit 3', dataDir, cwd)).toThrow(`DATA_FETCH_CMD "exit 3" failed with exit 3: ${fixOf(dataDir)}`);
});

test('a fetch command killed by a signal names the signal, not an exit code', () => {
  const cwd = test.info().outputPath('here');
  fs.mkdirSync(cwd, { recursive: true });
  const dataDir = path.join(cwd, 'killed');
  expect(() => fetchData('kill -9 $$', dataDir, cwd)).toThrow(`DATA_FETCH_CMD "kill -9 $$" failed with signal SIGKILL: ${fixOf(dataDir)}`);
});

test('a fetch command that cannot even start says why it could not run', () => {
  const dataDir = test.info().outputPath('never');
  const nowhere = test.info().outputPath('no-such-folder');
  expect(() => fetchData('true', dataDir, nowhere)).toThrow(DataFetchError);
  expect(() => fetchData('true', dataDir, nowhere)).toThrow(/^DATA_FETCH_CMD "true" could not run \(spawnSync \S+ ENOENT\): make DATA_FETCH_CMD/);
});

test('an unreadable user database is named with the reason in the error’s text', () => {
  const file = test.info().outputPath('user_9.db');
  fs.writeFileSync(file, 'not a database at all, just text long enough to be read as a header '.repeat(10));
  expect(() => readCollection(file)).toThrow(UnreadableCollectionError);
  expect(() => readCollection(file)).toThrow(new RegExp(`^Cannot read ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: \\S`));
});

test('each error of the checker names its class when printed (a stack trace’s first line, String(error))', () => {
  expect(String(new AdminDbMissingError('/d/admin.db'))).toMatch(/^AdminDbMissingError: No admin\.db at \/d\/admin\.db\./);
  expect(String(new AdminSchemaError('/d/admin.db', 'it has no users table'))).toMatch(/^AdminSchemaError: \/d\/admin\.db is not a JAVUMBO admin database: it has no users table\./);
  expect(String(new AuditInputError('Run directory x does not exist.'))).toBe('AuditInputError: Run directory x does not exist.');
  expect(String(new DataDirInputError('x has no admin.db'))).toBe(`DataDirInputError: x has no admin.db — ${DEFAULT_FIX}`);
  expect(String(new DataFetchError('DATA_FETCH_CMD "x" failed', 'fix it'))).toBe('DataFetchError: DATA_FETCH_CMD "x" failed: fix it.');
  expect(String(new KnownFindingsError('known-findings.json', 'is not JSON', 'fix it'))).toBe('KnownFindingsError: Known findings known-findings.json is not JSON: fix it.');
  expect(String(new UnreadableCollectionError('/d/user_1.db', 'file is not a database'))).toBe('UnreadableCollectionError: Cannot read /d/user_1.db: file is not a database');
});

/** An audit context that has only a server log (or none): enough for a log that has no diagnostic lines. */
function contextWithLog(text: string | null): AuditContext {
  return { log: text === null ? null : indexLog(parseServerLog(text)) } as unknown as AuditContext;
}

test('without a server log, or with one that has no diagnostic lines, there is no diagnostics observation', () => {
  expect(observeDiagnostics(contextWithLog(null))).toEqual([]);
  expect(observeDiagnostics(contextWithLog(`${new Date(T0).toISOString()} INFO app pid=41 : 127.0.0.1 - - "GET /review HTTP/1.1" 200 -`))).toEqual([]);
  const verdict = judgeWorld(causeWorld(), [{ at: T0 + 100, pid: 41, message: '127.0.0.1 - - "GET /review HTTP/1.1" 200 -' }]);
  expect(verdict.observations.map((o) => o.kind)).not.toContain('server-diagnostics');
});

/** The lines of one add_card request of worker 41 that wrote card `cardId` for alice01: nothing flagged. */
function quietAdd(at: number, cardId: number): LineSpec[] {
  return [
    { at, pid: 41, message: 'ADD_CARD_START | PID:41 | Thread:140 | SessionUser:alice01 | SessionUserID:1 | SessionID:s' },
    { at: at + 2, pid: 41, message: `ADD_CARD_SUCCESS | PID:41 | CardID:${cardId} | UserID:1 | Username:alice01` },
  ];
}

test('diagnostic lines that flag nothing say so, and an add found in no database is not counted as stored', () => {
  const world = causeWorld();
  // alice01's third add was acknowledged but is in no database: a lost card, not one of the stored ones.
  world.h.add({ ...ALICE, seq: 9, deckId: HISTORY_DECK, deckName: 'History', at: T0 + 9000, cardId: T0 + 9001 });
  const observation = judgeWorld(world, quietAdd(T0 + 1004, T0 + 1001)).observations.find((o) => o.kind === 'server-diagnostics');
  // alice01's two cards and bob02's one are stored; the lines tie alice01's first.
  expect(observation?.message).toBe("The server's diagnostic lines tie 1 of the 3 cards this run added and found to the worker, session and session user that wrote them; the server flagged nothing.");
  expect(observation?.evidence).toMatchObject({ tiedCards: 1, storedCards: 3, lines: [] });
});

test('the diagnostics observation counts every flagged line but quotes only the first ten, as written, and no unflagged line', () => {
  const flags: LineSpec[] = Array.from({ length: 12 }, (_, i) => ({ at: T0 + 100 + i, pid: 41, level: 'ERROR' as const, message: `INTEGRITY_VIOLATION check ${i} failed` }));
  const observation = judgeWorld(causeWorld(), [...quietAdd(T0 + 50, T0 + 1001), ...flags]).observations.find((o) => o.kind === 'server-diagnostics');
  expect(observation?.message).toMatch(/the server flagged 12 INTEGRITY_VIOLATION\.$/);
  const quoted = (observation?.evidence as { lines: string[] }).lines;
  expect(quoted.map((line) => line.slice(line.indexOf('INTEGRITY_VIOLATION')))).toEqual(Array.from({ length: 10 }, (_, i) => `INTEGRITY_VIOLATION check ${i} failed`));
});
