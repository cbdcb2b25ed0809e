/**
 * The index of a data directory (`indexDatabases`): admin.db decides who is who and the pool
 * only fills in users admin.db does not know (an older snapshot); a card with a marker tag but
 * no marker id is not indexed under any marker; a card id held by two databases is shared
 * even when it is the smallest id of all; and a card's owner is found by username when the
 * database's user is known, else by user id.
 */
import { test, expect } from '@playwright/test';
import { indexDatabases, isOwnersDatabase } from '../../db/database-index.ts';
import type { PoolUser } from '../../helpers/run/run-dir.ts';
import { writeAdminDb, writeUserDb, type FixtureCard } from './support/anki-fixture.ts';

function poolUser(username: string, userId: number): PoolUser {
  return { vu: 'w01', username, name: username, userId, registeredSentAt: 0, registeredReturnedAt: 0 };
}

function marked(cardId: number, username: string, seq: number, deckId = 1): FixtureCard {
  return { cardId, deckId, front: `[USER:${username}][SEQ:${seq}][TIME:1795743681050][TOPIC:History] Q${seq}?`, back: `A${seq} [MARKER:${username}_${seq}]` };
}

/** admin.db with alice01 (1) and bob02 (2), and a collection for each of `userIds`. */
function dataDirWith(userIds: number[]): string {
  const dir = test.info().outputPath('data');
  writeAdminDb(dir, [
    { userId: 1, username: 'alice01' },
    { userId: 2, username: 'bob02' },
  ]);
  for (const userId of userIds) writeUserDb(dir, { userId, username: `user${userId}` });
  return dir;
}

test('without a pool the index knows exactly the accounts of admin.db', () => {
  const index = indexDatabases(dataDirWith([1, 2]));
  expect(index.userIdByUsername).toEqual(
    new Map([
      ['alice01', 1],
      ['bob02', 2],
    ]),
  );
  expect(index.usernameById).toEqual(
    new Map([
      [1, 'alice01'],
      [2, 'bob02'],
    ]),
  );
});

test('the pool adds the users admin.db does not know, and never overrides a name or id admin.db has', () => {
  const dir = dataDirWith([1, 2, 4]);
  const index = indexDatabases(dir, [poolUser('alice01', 9), poolUser('zed', 2), poolUser('dave04', 4)]);
  expect(index.userIdByUsername).toEqual(
    new Map([
      ['alice01', 1],
      ['bob02', 2],
      ['zed', 2],
      ['dave04', 4],
    ]),
  );
  expect(index.usernameById).toEqual(
    new Map([
      [1, 'alice01'],
      [2, 'bob02'],
      [9, 'alice01'],
      [4, 'dave04'],
    ]),
  );
  expect(index.databases.get(4)?.username).toBe('dave04');
  expect(index.databases.get(2)?.username).toBe('bob02');
});

test('a card tagged [USER: without a readable marker id is indexed under no marker', () => {
  const dir = dataDirWith([]);
  writeUserDb(dir, {
    userId: 1,
    username: 'alice01',
    cards: [marked(101, 'alice01', 1), { cardId: 102, deckId: 1, front: '[USER:alice01] a tag without sequence', back: 'no marker here' }],
  });
  const index = indexDatabases(dir);
  expect([...index.byMarker.keys()]).toEqual(['alice01_1']);
  expect(index.byMarker.get('alice01_1')?.map((location) => location.cardId)).toEqual([101]);
  expect(index.cardsRead).toBe(2);
});

test('a card id held by two databases is shared even when it is the smallest id of all, each holder with its marker or none', () => {
  const dir = dataDirWith([]);
  writeUserDb(dir, { userId: 1, username: 'alice01', cards: [marked(5, 'alice01', 1), marked(700, 'alice01', 2)] });
  writeUserDb(dir, { userId: 2, username: 'bob02', cards: [{ cardId: 5, deckId: 1, front: 'unmarked', back: 'card' }, marked(800, 'bob02', 1)] });
  const index = indexDatabases(dir);
  expect(index.sharedCardIds).toEqual(
    new Map([
      [
        5,
        [
          { userId: 1, dbFile: 'user_1.db', marker: 'alice01_1' },
          { userId: 2, dbFile: 'user_2.db', marker: null },
        ],
      ],
    ]),
  );
});

test("a card's owner is judged by the username of the database holding it when known, else by that database's user id", () => {
  const index = { userIdByUsername: new Map([['alice01', 1]]) };
  expect(isOwnersDatabase(index, { username: 'alice01', userId: 7 }, 'alice01')).toBe(true);
  expect(isOwnersDatabase(index, { username: 'bob02', userId: 1 }, 'alice01')).toBe(false);
  expect(isOwnersDatabase(index, { username: null, userId: 1 }, 'alice01')).toBe(true);
  expect(isOwnersDatabase(index, { username: null, userId: 7 }, 'alice01')).toBe(false);
  expect(isOwnersDatabase(index, { username: null, userId: 7 }, 'nobody')).toBe(false);
});
