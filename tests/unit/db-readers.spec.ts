/**
 * The read-only readers against files the real server wrote: accounts from admin.db, decks,
 * current deck, cards split into front and back, and revlog rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { readAdminUsers } from '../../db/admin-db.ts';
import { listUserDbFiles, readCollection, userDbPath } from '../../db/anki-collection.ts';
import { UnreadableCollectionError } from '../../db/errors/unreadable-collection-error.ts';
import { REAL_SAMPLE_DIR } from './support/real-sample.ts';

test('admin.db of the real sample lists its three users without password hashes', () => {
  expect(readAdminUsers(REAL_SAMPLE_DIR)).toEqual([
    { userId: 1, username: 'alice01', name: 'Alice Example' },
    { userId: 2, username: 'bob02', name: 'Bob Example' },
    { userId: 3, username: 'carol03', name: 'Carol Example' },
  ]);
});

test('user_dbs of the real sample are listed by user id', () => {
  expect(listUserDbFiles(REAL_SAMPLE_DIR).map((f) => f.userId)).toEqual([1, 2, 3]);
  expect(userDbPath(REAL_SAMPLE_DIR, 2)).toBe(path.join(REAL_SAMPLE_DIR, 'user_dbs', 'user_2.db'));
});

test('alice01 collection: History deck is current and holds her four marked cards split on 0x1f', () => {
  const col = readCollection(userDbPath(REAL_SAMPLE_DIR, 1));
  expect(col.decks.get('1795743680526')).toBe('History');
  expect(col.decks.get('1')).toBe('MyFirstDeck');
  expect(col.currentDeckId).toBe('1795743680526');
  const marked = col.cards.filter((card) => card.back.includes('[MARKER:'));
  expect(marked.map((card) => card.cardId)).toEqual([1795743681001, 1795743682001, 1795743683001, 1795743684001]);
  expect(marked[0]).toEqual({
    cardId: 1795743681001,
    noteId: 1795743681000,
    deckId: '1795743680526',
    front: '[USER:alice01][SEQ:1][TIME:1795743681050][TOPIC:History] Question 1?',
    back: 'Answer 1 [MARKER:alice01_1]',
    queue: 0,
    type: 0,
    reps: 0,
  });
  expect(col.revlog).toEqual([]);
});

test('carol03 collection: three revlog rows and the answered cards in learning', () => {
  const col = readCollection(userDbPath(REAL_SAMPLE_DIR, 3));
  expect(col.currentDeckId).toBe('2');
  expect(col.revlog.map((row) => [row.cardId, row.ease, row.time])).toEqual([
    [1795743678094, 3, 1500],
    [1795743678023, 1, 1500],
    [1795743678038, 4, 1500],
  ]);
  const answered = col.cards.filter((card) => card.reps === 1);
  expect(answered.map((card) => card.queue)).toEqual([1, 1, 1]);
});

test('a missing user database is an UnreadableCollectionError and is never created', () => {
  const file = test.info().outputPath('user_9.db');
  expect(() => readCollection(file)).toThrow(UnreadableCollectionError);
  expect(fs.existsSync(file)).toBe(false);
});
