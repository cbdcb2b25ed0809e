/**
 * admin.db and the data-directory checks built on it: each way an admin.db is not JAVUMBO's
 * is an `AdminSchemaError` saying what is wrong (cannot be opened, cannot be read, no users
 * table, which columns lack, users unreadable), reading never changes the file, and the
 * fail-fast checks of DATA_DIR turn each problem into a `TargetError` telling what to set.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { readAdminUsers } from '../../db/admin-db.ts';
import { checkAdminDb, checkDataDir } from '../../db/data-dir-check.ts';
import { AdminSchemaError } from '../../db/errors/admin-schema-error.ts';
import { TargetError } from '../../helpers/config/errors/target-error.ts';
import { writeAdminDb } from './support/anki-fixture.ts';

const ACCOUNTS = [
  { userId: 1, username: 'alice01', name: 'Alice' },
  { userId: 2, username: 'bob02', name: 'Bob' },
];

function dataDir(): string {
  const dir = test.info().outputPath('data');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** admin.db made of `sql`, in a fresh data directory. */
function adminDbOf(sql: string): string {
  const dir = dataDir();
  const db = new Database(path.join(dir, 'admin.db'));
  db.exec(sql);
  db.close();
  return dir;
}

/** The `problem` of the AdminSchemaError `fn` throws. */
function schemaProblemOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return error instanceof AdminSchemaError ? error.problem : `not an AdminSchemaError: ${String(error)}`;
  }
  return 'nothing thrown';
}

test("an admin.db that cannot be opened (a folder by that name) is an AdminSchemaError saying so with SQLite's reason", () => {
  const dir = dataDir();
  fs.mkdirSync(path.join(dir, 'admin.db'));
  expect(() => readAdminUsers(dir)).toThrow(AdminSchemaError);
  expect(schemaProblemOf(() => readAdminUsers(dir))).toMatch(/^cannot be opened \(.+\)$/);
  expect(schemaProblemOf(() => readAdminUsers(dir))).not.toContain('undefined');
});

test("an admin.db that is not SQLite cannot be read, and the problem carries SQLite's reason", () => {
  const dir = dataDir();
  fs.writeFileSync(path.join(dir, 'admin.db'), 'plain text, long enough to look like a header of something');
  expect(schemaProblemOf(() => readAdminUsers(dir))).toBe('cannot be read (file is not a database)');
});

test('a users table lacking several columns names every missing one and what it found', () => {
  const dir = adminDbOf('CREATE TABLE users (user_id INTEGER PRIMARY KEY, email TEXT)');
  expect(schemaProblemOf(() => readAdminUsers(dir))).toBe('table users lacks column(s) username, name (found user_id, email)');
});

test('a users table whose rows cannot be read is an AdminSchemaError, not a crash', () => {
  // A view with the right columns whose evaluation fails (integer overflow) at the first row.
  const dir = adminDbOf("CREATE TABLE seed (x); INSERT INTO seed VALUES (1); CREATE VIEW users AS SELECT 1 AS user_id, 'a' AS username, 'A' AS name FROM seed WHERE abs(-9223372036854775807 - 1)");
  expect(schemaProblemOf(() => readAdminUsers(dir))).toBe('its users table cannot be read (integer overflow)');
});

test("reading accounts leaves the server's -wal in place and no file descriptor open", () => {
  const dir = dataDir();
  const file = writeAdminDb(dir, ACCOUNTS);
  const writer = new Database(file);
  writer.pragma('journal_mode = WAL');
  writer.pragma('wal_autocheckpoint = 0');
  writer.prepare("INSERT INTO users VALUES (3, 'carol03', 'Carol', 'x')").run();
  const keptMain = fs.readFileSync(file);
  const keptWal = fs.readFileSync(`${file}-wal`);
  writer.close();
  fs.writeFileSync(file, keptMain);
  fs.writeFileSync(`${file}-wal`, keptWal);
  const before = fs.readdirSync('/proc/self/fd').length;
  expect(readAdminUsers(dir).map((user) => user.username)).toEqual(['alice01', 'bob02', 'carol03']);
  expect(fs.readdirSync('/proc/self/fd')).toHaveLength(before);
  expect(fs.readFileSync(`${file}-wal`).equals(keptWal)).toBe(true);
});

test('DATA_DIR that does not exist, or has no user_dbs/, stops the run with a TargetError telling what to set', () => {
  const dir = dataDir();
  const missing = path.join(dir, 'nowhere');
  expect(() => checkDataDir(missing)).toThrow(TargetError);
  expect(() => checkDataDir(missing)).toThrow(`DATA_DIR ${missing} does not exist — set DATA_DIR to the server's folder holding admin.db and user_dbs/`);
  expect(() => checkDataDir(dir)).toThrow(TargetError);
  expect(() => checkDataDir(dir)).toThrow(`DATA_DIR ${dir} has no user_dbs/ folder — set DATA_DIR to the server's data folder (the one with admin.db and user_dbs/), not its parent`);
  fs.mkdirSync(path.join(dir, 'user_dbs'));
  expect(checkDataDir(dir)).toBeUndefined();
});

test('after registration, a DATA_DIR without admin.db is not the folder the server writes to', () => {
  const dir = dataDir();
  expect(() => checkAdminDb(dir, ['alice01'])).toThrow(TargetError);
  expect(() => checkAdminDb(dir, ['alice01'])).toThrow(`DATA_DIR ${dir} has no admin.db after registering users — DATA_DIR is not the folder this server writes to`);
});

test("after registration, an admin.db that is not JAVUMBO's is a TargetError naming its problem", () => {
  const dir = adminDbOf('CREATE TABLE accounts (id INTEGER PRIMARY KEY)');
  expect(() => checkAdminDb(dir, ['alice01'])).toThrow(TargetError);
  expect(() => checkAdminDb(dir, ['alice01'])).toThrow(
    `DATA_DIR ${path.join(dir, 'admin.db')} is not a JAVUMBO admin database: it has no users table — set DATA_DIR to the folder of the server at BASE_URL, the one holding its admin.db and user_dbs/`,
  );
});

test('after registration, every user just registered must be in admin.db; the error counts the missing and names the first', () => {
  const dir = dataDir();
  writeAdminDb(dir, ACCOUNTS);
  expect(checkAdminDb(dir, ['alice01', 'bob02'])).toBeUndefined();
  expect(checkAdminDb(dir, [])).toBeUndefined();
  expect(() => checkAdminDb(dir, ['alice01', 'carol03', 'bob02', 'dave04'])).toThrow(TargetError);
  expect(() => checkAdminDb(dir, ['alice01', 'carol03', 'bob02', 'dave04'])).toThrow(
    `DATA_DIR ${dir} is not the folder this server writes to: its admin.db lacks 2 of the 4 users just registered (e.g. carol03) — set DATA_DIR to the folder of the server at BASE_URL, the one holding its admin.db and user_dbs/`,
  );
});
