/**
 * Bad files: a corrupt or truncated user database is an observation and the rest of the
 * run is still judged; an admin.db that is not JAVUMBO's stops the audit with a clear error.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { writeDataDir } from './support/anki-fixture.ts';
import { historyBuilder } from './support/history-builder.ts';
import { ALICE, BOB, HISTORY_DECK, T0, auditOf, baseUsers, rowFor, userOf } from './support/checker-scenario.ts';
import { AdminSchemaError } from '../../db/errors/admin-schema-error.ts';
import { AdminDbMissingError } from '../../db/errors/admin-db-missing-error.ts';

test('a truncated and a garbage user database are reported unreadable while the others are still judged', () => {
  const users = baseUsers();
  const h = historyBuilder();
  // bob02's adds cannot be judged (his file is cut short); alice01's lost card must still be found.
  const bobAdd = h.add({ ...BOB, seq: 1, deckId: 1, at: T0 + 1000, cardId: T0 + 1001 });
  userOf(users, 2).cards.push(rowFor(bobAdd.card, T0 + 1001, 1));
  h.add({ ...ALICE, seq: 1, deckId: HISTORY_DECK, at: T0 + 2000, cardId: T0 + 2001 });
  const dir = test.info().outputPath('data');
  writeDataDir(dir, users);
  fs.truncateSync(path.join(dir, 'user_dbs', 'user_2.db'), 5000);
  fs.writeFileSync(path.join(dir, 'user_dbs', 'user_4.db'), 'not sqlite '.repeat(500));

  const verdict = auditOf(dir, h.ops);
  const unreadable = verdict.observations.filter((o) => o.kind === 'unreadable-database');
  expect(unreadable.map((o) => o.evidence.dbFile).sort()).toEqual(['user_2.db', 'user_4.db']);
  expect(unreadable.find((o) => o.evidence.dbFile === 'user_2.db')!.message).toContain('database disk image is malformed');
  expect(verdict.usersJudged).toBe(2);
  expect(verdict.violations.map((v) => `${v.class} ${v.marker}`)).toEqual(['lost alice01_1']);
  expect(verdict.reconciliation.find((row) => row.username === 'bob02')).toMatchObject({ acknowledgedAdds: 1, cardsInOwnDb: 0, unjudged: 1, explainedBy: {} });
  // A violation was found, so the verdict is false (a failure outranks what is unknown).
  expect(verdict.valid).toBe(false);
});

test('a clean world with an unreadable database is unknown, never a pass', () => {
  const users = baseUsers();
  const h = historyBuilder();
  const bobAdd = h.add({ ...BOB, seq: 1, deckId: 1, at: T0 + 1000, cardId: T0 + 1001 });
  userOf(users, 2).cards.push(rowFor(bobAdd.card, T0 + 1001, 1));
  const dir = test.info().outputPath('data');
  writeDataDir(dir, users);
  expect(auditOf(dir, h.ops).valid, 'control: every database readable').toBe(true);
  fs.truncateSync(path.join(dir, 'user_dbs', 'user_2.db'), 5000);
  const verdict = auditOf(dir, h.ops);
  expect(verdict.violations).toEqual([]);
  expect(verdict.valid).toBe('unknown');
  expect(verdict.ok).toBe(false);
  expect(verdict.unjudged).toEqual([
    '1 user database(s) could not be read: user_2.db (database disk image is malformed)',
    "1 acknowledged add(s) could not be judged: their owner's database was not read",
  ]);
});

test('history lines that could not be read make a clean verdict unknown', () => {
  const users = baseUsers();
  const dir = test.info().outputPath('data');
  writeDataDir(dir, users);
  const verdict = auditOf(dir, [], { historyCoverage: { files: 2, truncatedLines: 0, malformedLines: 3 } });
  expect(verdict.valid).toBe('unknown');
  expect(verdict.unjudged).toEqual(['3 line(s) of the history could not be read, so the requests they held were not judged']);
});

test('admin.db without a users table stops the audit with an AdminSchemaError naming the file', () => {
  const dir = test.info().outputPath('data');
  fs.mkdirSync(dir, { recursive: true });
  const db = new Database(path.join(dir, 'admin.db'));
  db.exec('CREATE TABLE accounts (id INTEGER PRIMARY KEY, login TEXT)');
  db.close();
  expect(() => auditOf(dir, [])).toThrow(AdminSchemaError);
  expect(() => auditOf(dir, [])).toThrow(/admin\.db is not a JAVUMBO admin database: it has no users table/);
});

test('admin.db whose users table lacks username is an AdminSchemaError listing what it found', () => {
  const dir = test.info().outputPath('data');
  fs.mkdirSync(dir, { recursive: true });
  const db = new Database(path.join(dir, 'admin.db'));
  db.exec('CREATE TABLE users (user_id INTEGER PRIMARY KEY, email TEXT, name TEXT)');
  db.close();
  expect(() => auditOf(dir, [])).toThrow('table users lacks column(s) username (found user_id, email, name)');
});

test('admin.db that is not SQLite is an AdminSchemaError, a missing one an AdminDbMissingError', () => {
  const dir = test.info().outputPath('data');
  fs.mkdirSync(dir, { recursive: true });
  expect(() => auditOf(dir, [])).toThrow(AdminDbMissingError);
  fs.writeFileSync(path.join(dir, 'admin.db'), 'plain text');
  expect(() => auditOf(dir, [])).toThrow(AdminSchemaError);
});

test('a judge that throws leaves its rules unjudged: the verdict is unknown, never a pass', () => {
  const users = baseUsers();
  const dir = test.info().outputPath('data');
  writeDataDir(dir, users);
  const h = historyBuilder();
  const answer = h.answer(BOB, 1, 3, T0 + 1000);
  // An operation the judges cannot read: every judge that walks the history throws on it.
  Object.defineProperty(answer, 'op', {
    get() {
      throw new Error('unreadable operation');
    },
  });
  const verdict = auditOf(dir, h.ops);
  expect(verdict.violations).toEqual([]);
  expect(verdict.valid).toBe('unknown');
  expect(verdict.unjudged).toContain('the card judge failed (unreadable operation), so its rules were not judged');
  expect(auditOf(dir, []).valid, 'control: the same data with a readable history').toBe(true);
});
