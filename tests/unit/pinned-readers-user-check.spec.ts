/**
 * `checkUserDatabase` (`npm run validate-user`): an unknown user is bad input that names a few
 * accounts the admin.db does have; a missing, incomplete or unreadable collection is a schema
 * problem, never a crash; and the contents are summed per deck (empty decks and the current
 * deck included) and per user a card's marker names.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { DataDirInputError } from '../../db/errors/data-dir-input-error.ts';
import { checkUserDatabase } from '../../db/user-database-check.ts';
import { writeAdminDb, writeDataDir, writeUserDb, type FixtureUser } from './support/anki-fixture.ts';

const ACCOUNTS = [
  { userId: 1, username: 'alice01' },
  { userId: 2, username: 'bob02' },
  { userId: 3, username: 'carol03' },
  { userId: 4, username: 'dave04' },
];

function dataDir(): string {
  return test.info().outputPath('data');
}

function frontOf(username: string, seq: number): string {
  return `[USER:${username}][SEQ:${seq}][TIME:1795743681050][TOPIC:History] Question ${seq}?`;
}

/** The check of a user with nothing read: what a collection that cannot be looked into reports besides its problem. */
function emptyCheck(username: string, userId: number, schemaProblems: string[]): ReturnType<typeof checkUserDatabase> {
  return { username, userId, file: path.join('user_dbs', `user_${userId}.db`), schemaProblems, decks: [], cards: 0, unmarkedCards: 0, markersByOwner: {}, foreign: [], reviews: 0 };
}

test('an unknown username is bad input naming how many accounts admin.db has and the first three of them', () => {
  const dir = dataDir();
  writeAdminDb(dir, ACCOUNTS);
  expect(() => checkUserDatabase(dir, 'zoe99')).toThrow(DataDirInputError);
  expect(() => checkUserDatabase(dir, 'zoe99')).toThrow(`no user "zoe99" in ${path.join(dir, 'admin.db')} (it has 4, e.g. alice01, bob02, carol03) — give a username of that admin.db`);
});

test('an unknown username in an admin.db without accounts says it has none', () => {
  const dir = dataDir();
  writeAdminDb(dir, []);
  expect(() => checkUserDatabase(dir, 'alice01')).toThrow(`no user "alice01" in ${path.join(dir, 'admin.db')} (it has no accounts) — give a username of that admin.db`);
});

test('an account without a collection file is a schema problem with nothing counted, and no file is created', () => {
  const dir = dataDir();
  writeAdminDb(dir, ACCOUNTS);
  fs.mkdirSync(path.join(dir, 'user_dbs'));
  expect(checkUserDatabase(dir, 'bob02')).toEqual(emptyCheck('bob02', 2, ['user_dbs/user_2.db does not exist: the account has no collection']));
  expect(fs.existsSync(path.join(dir, 'user_dbs', 'user_2.db'))).toBe(false);
});

test('a collection lacking an Anki table the server creates is reported, and what can be read is still counted', () => {
  const dir = dataDir();
  writeAdminDb(dir, ACCOUNTS);
  const file = writeUserDb(dir, { userId: 1, username: 'alice01', cards: [{ cardId: 11, deckId: 1, front: frontOf('alice01', 1), back: 'A' }] });
  const db = new Database(file);
  db.exec('DROP TABLE graves');
  db.close();
  const check = checkUserDatabase(dir, 'alice01');
  expect(check.schemaProblems).toEqual(['user_dbs/user_1.db lacks table(s) graves']);
  expect(check.cards).toBe(1);
  expect(check.markersByOwner).toEqual({ alice01: 1 });
});

test('a collection lacking several tables names each of them, then why it could not be read', () => {
  const dir = dataDir();
  writeAdminDb(dir, ACCOUNTS);
  const file = writeUserDb(dir, { userId: 2, username: 'bob02' });
  const db = new Database(file);
  db.exec('DROP TABLE graves; DROP TABLE revlog');
  db.close();
  expect(checkUserDatabase(dir, 'bob02')).toEqual(emptyCheck('bob02', 2, ['user_dbs/user_2.db lacks table(s) graves, revlog', 'user_dbs/user_2.db cannot be read: no such table: revlog']));
});

test("a collection that is not SQLite is reported as unreadable with SQLite's reason", () => {
  const dir = dataDir();
  writeAdminDb(dir, ACCOUNTS);
  fs.mkdirSync(path.join(dir, 'user_dbs'));
  fs.writeFileSync(path.join(dir, 'user_dbs', 'user_3.db'), 'this is plain text and not a database file at all');
  expect(checkUserDatabase(dir, 'carol03')).toEqual(emptyCheck('carol03', 3, ['user_dbs/user_3.db cannot be read: file is not a database']));
});

test('a collection whose decks JSON is broken is reported as unreadable with the reason the reader gives, not its whole error text', () => {
  const dir = dataDir();
  writeAdminDb(dir, ACCOUNTS);
  const file = writeUserDb(dir, { userId: 4, username: 'dave04' });
  const db = new Database(file);
  db.prepare('UPDATE col SET decks = ?').run('{not json');
  db.close();
  const check = checkUserDatabase(dir, 'dave04');
  expect(check.schemaProblems).toHaveLength(1);
  expect(check.schemaProblems[0]).toMatch(/^user_dbs\/user_4\.db cannot be read: .*JSON/);
  expect(check.schemaProblems[0]).not.toContain('Cannot read');
});

test("contents: cards per deck with empty decks and the current one, unmarked cards, markers per named user, and other users' cards with their deck", () => {
  const dir = dataDir();
  const alice: FixtureUser = {
    userId: 1,
    username: 'alice01',
    decks: { '10': 'History', '11': 'Empty deck' },
    currentDeck: 10,
    cards: [
      { cardId: 101, deckId: 10, front: frontOf('alice01', 1), back: 'Answer 1 [MARKER:alice01_1]' },
      { cardId: 102, deckId: 10, front: 'Copied question', back: 'Answer [MARKER:bob02_7]' },
      { cardId: 103, deckId: 1, front: 'A card of her own without marker', back: 'plain' },
      { cardId: 104, deckId: 99, front: frontOf('carol03', 2), back: 'Answer 2' },
    ],
    revlog: [
      { id: 1795743690000, cardId: 101, ease: 3 },
      { id: 1795743691000, cardId: 103, ease: 1 },
    ],
  };
  writeDataDir(dir, [alice, { userId: 2, username: 'bob02' }]);
  expect(checkUserDatabase(dir, 'alice01')).toEqual({
    username: 'alice01',
    userId: 1,
    file: 'user_dbs/user_1.db',
    schemaProblems: ["cards sit in deck id 99, which the collection's decks do not list"],
    decks: [
      { deckId: '1', name: 'MyFirstDeck', cards: 1, current: false },
      { deckId: '2', name: 'Verbal Tenses', cards: 0, current: false },
      { deckId: '10', name: 'History', cards: 2, current: true },
      { deckId: '11', name: 'Empty deck', cards: 0, current: false },
      { deckId: '99', name: null, cards: 1, current: false },
    ],
    cards: 4,
    unmarkedCards: 1,
    markersByOwner: { alice01: 1, bob02: 1, carol03: 1 },
    foreign: [
      { marker: 'bob02_7', owner: 'bob02', cardId: 102, deckName: 'History' },
      { marker: 'carol03_2', owner: 'carol03', cardId: 104, deckName: null },
    ],
    reviews: 2,
  });
});
