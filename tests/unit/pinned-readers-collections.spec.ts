/**
 * The readers of user collections (`anki-collection.ts`, `table-names.ts`): which files count
 * as user databases and in which order, what a deck, a current deck and a card's front and back
 * read as when the JSON or the fields are unusual, and that reading never changes what the
 * server left on disk (no file created, no -wal checkpointed, no descriptor left open).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { listUserDbFiles, readAuditCollection, readCollection, splitFields } from '../../db/anki-collection.ts';
import { UnreadableCollectionError } from '../../db/errors/unreadable-collection-error.ts';
import { selectTableNames } from '../../db/table-names.ts';
import { writeUserDb } from './support/anki-fixture.ts';

function dataDir(): string {
  const dir = test.info().outputPath('data');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** alice01's collection with one marked card in deck 2. */
function aliceDb(dir: string): string {
  return writeUserDb(dir, {
    userId: 1,
    username: 'alice01',
    cards: [{ cardId: 5001, deckId: 2, front: '[USER:alice01][SEQ:1][TIME:1795743681050][TOPIC:History] Question 1?', back: 'Answer 1 [MARKER:alice01_1]' }],
  });
}

/** Run SQL against a fixture file, as the server (or a damaged copy) would have left it. */
function alter(file: string, sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

/**
 * Turn `file` into a WAL database whose last commit (`sql`) sits only in its `-wal`, as a server
 * still running leaves it. A connection that may write checkpoints that commit into the file
 * and deletes the `-wal` when it closes; a read-only one leaves both as they are.
 */
function leaveCommitInWal(file: string, sql: string): void {
  const writer = new Database(file);
  writer.pragma('journal_mode = WAL');
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec(sql);
  const keptMain = fs.readFileSync(file);
  const keptWal = fs.readFileSync(`${file}-wal`);
  writer.close();
  fs.writeFileSync(file, keptMain);
  fs.writeFileSync(`${file}-wal`, keptWal);
  fs.rmSync(`${file}-shm`, { force: true });
}

function openDescriptors(): number {
  return fs.readdirSync('/proc/self/fd').length;
}

test('a data directory without user_dbs/ has no user databases', () => {
  expect(listUserDbFiles(dataDir())).toEqual([]);
});

test('only user_{id}.db files are user databases, listed by numeric user id, not by name', () => {
  const dir = path.join(dataDir(), 'user_dbs');
  fs.mkdirSync(dir);
  for (const name of ['user_10.db', 'user_2.db', 'user_100.db', 'user_1.db', 'user_9.db', 'user_20.db', 'user_3.db']) fs.writeFileSync(path.join(dir, name), '');
  for (const name of ['user_4.db-journal', 'user_5.db-wal', 'user_x.db', 'notes.txt', 'user_6.db.bak', 'admin.db']) fs.writeFileSync(path.join(dir, name), '');
  expect(listUserDbFiles(path.dirname(dir))).toEqual([1, 2, 3, 9, 10, 20, 100].map((userId) => ({ userId, file: path.join(dir, `user_${userId}.db`) })));
});

test('a collection without its col row has no decks and no current deck, and its cards are still read', () => {
  const file = aliceDb(dataDir());
  alter(file, 'DELETE FROM col');
  const full = readCollection(file);
  expect(full.decks).toEqual(new Map());
  expect(full.currentDeckId).toBeNull();
  expect(full.cards.map((card) => card.cardId)).toEqual([5001]);
  const audit = readAuditCollection(file);
  expect(audit.decks).toEqual(new Map());
  expect(audit.currentDeckId).toBeNull();
  expect(audit.cardIds).toEqual([5001]);
});

test('a deck whose JSON has no usable name is listed under its id with an empty name', () => {
  const file = aliceDb(dataDir());
  alter(file, 'UPDATE col SET decks = ?', JSON.stringify({ '1': { name: 'MyFirstDeck' }, '7': null, '8': { name: 3 }, '9': {} }));
  const expected = new Map([
    ['1', 'MyFirstDeck'],
    ['7', ''],
    ['8', ''],
    ['9', ''],
  ]);
  expect(readCollection(file).decks).toEqual(expected);
  expect(readAuditCollection(file).decks).toEqual(expected);
});

test('conf.curDeck is the current deck whether stored as a number or a string; absent or null it is no deck', () => {
  const file = aliceDb(dataDir());
  const currentOf = (conf: object): [string | null, string | null] => {
    alter(file, 'UPDATE col SET conf = ?', JSON.stringify(conf));
    return [readCollection(file).currentDeckId, readAuditCollection(file).currentDeckId];
  };
  expect(currentOf({ curDeck: 1795743680526 })).toEqual(['1795743680526', '1795743680526']);
  expect(currentOf({ curDeck: '5' })).toEqual(['5', '5']);
  expect(currentOf({})).toEqual([null, null]);
  expect(currentOf({ curDeck: null })).toEqual([null, null]);
  expect(currentOf({ curDeck: { id: 5 } })).toEqual([null, null]);
});

test("a note's fields split on 0x1f into front and back; a missing back is empty and fields after the back are not part of it", () => {
  expect(splitFields('only a front')).toEqual({ front: 'only a front', back: '' });
  expect(splitFields('Q\x1fA')).toEqual({ front: 'Q', back: 'A' });
  expect(splitFields('Question?\x1fAnswer\x1fExtra\x1fMore')).toEqual({ front: 'Question?', back: 'Answer' });
  expect(splitFields('\x1fback only')).toEqual({ front: '', back: 'back only' });
  expect(splitFields('')).toEqual({ front: '', back: '' });
});

test('a card whose note is missing is still read, with an empty front and back', () => {
  const file = aliceDb(dataDir());
  alter(file, 'DELETE FROM notes');
  expect(readCollection(file).cards).toEqual([{ cardId: 5001, noteId: 5000, deckId: '2', front: '', back: '', queue: 0, type: 0, reps: 0 }]);
});

test('reading a missing collection or its tables fails and never creates the file', () => {
  const file = path.join(dataDir(), 'user_7.db');
  expect(() => readCollection(file)).toThrow(UnreadableCollectionError);
  expect(() => readAuditCollection(file)).toThrow(UnreadableCollectionError);
  expect(() => readAuditCollection(file)).toThrow(`Cannot read ${file}: `);
  expect(() => selectTableNames(file)).toThrow();
  expect(fs.existsSync(file)).toBe(false);
});

test("reading a collection the server is still writing sees its last commit and leaves the server's -wal in place", () => {
  const file = aliceDb(dataDir());
  leaveCommitInWal(file, 'INSERT INTO revlog VALUES (1795743690000, 5001, -1, 3, 1, 0, 2500, 1500, 0); CREATE TABLE extra (x)');
  const walBefore = fs.readFileSync(`${file}-wal`);
  expect(readCollection(file).revlog.map((row) => row.cardId)).toEqual([5001]);
  expect(readAuditCollection(file).revlog.map((row) => row.cardId)).toEqual([5001]);
  expect(selectTableNames(file)).toEqual(['cards', 'col', 'extra', 'graves', 'notes', 'revlog']);
  expect(fs.readFileSync(`${file}-wal`).equals(walBefore)).toBe(true);
});

test('reading collections and their tables leaves no file descriptor open, whether the read succeeds or fails', () => {
  const dir = dataDir();
  const file = aliceDb(dir);
  const garbage = path.join(dir, 'user_dbs', 'user_8.db');
  fs.writeFileSync(garbage, 'not a database at all, just text long enough to be a header');
  const before = openDescriptors();
  readCollection(file);
  readAuditCollection(file);
  selectTableNames(file);
  expect(() => readCollection(garbage)).toThrow(UnreadableCollectionError);
  expect(() => readAuditCollection(garbage)).toThrow(UnreadableCollectionError);
  expect(openDescriptors()).toBe(before);
});
