/**
 * Rules of the checker's assembly (db/checker.ts): every judge that fails is named and leaves
 * nothing behind, violations read by class then by time, the history's coverage is carried,
 * and each unreadable database says how many adds of its user it left open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { writeDataDir } from './support/anki-fixture.ts';
import { historyBuilder } from './support/history-builder.ts';
import { ALICE, BOB, CAROL, HISTORY_DECK, T0, auditOf, baseUsers, rowFor, userOf } from './support/checker-scenario.ts';

/** Make `op` unreadable: reading its kind or its status throws, as a corrupt record would. */
function corrupt(op: object): void {
  for (const key of ['op', 'status']) {
    Object.defineProperty(op, key, {
      get() {
        throw new Error('unreadable operation');
      },
    });
  }
}

test('every judge that fails is named once, and none leaves a violation, an observation or a count behind', () => {
  const users = baseUsers();
  const h = historyBuilder();
  // alice01 and bob02 hold a sent card under the same id: the collision observer reads the history.
  const shared = h.add({ ...ALICE, seq: 1, deckId: HISTORY_DECK, at: T0 + 1000, cardId: T0 + 1001 });
  userOf(users, 1).cards.push(rowFor(shared.card, T0 + 1001, HISTORY_DECK));
  userOf(users, 2).cards.push(rowFor(shared.card, T0 + 1001, 1));
  corrupt(h.answer(BOB, T0 + 1001, 3, T0 + 2000));
  const dir = test.info().outputPath('data');
  writeDataDir(dir, users);
  // A diagnostic line makes the diagnostics observer read the history too.
  const serverLog = path.join(dir, 'server.log');
  fs.writeFileSync(serverLog, '2026-11-27 01:41:22,005 INFO app MainThread : ADD_CARD_SUCCESS | PID:11105 | CardID:1795743682001 | UserID:1 | Username:alice01\n');

  const verdict = auditOf(dir, h.ops, { serverLog });
  expect(verdict.unjudged).toEqual(
    ['card', 'review', 'session', 'deck', 'server-error', 'id-collision', 'diagnostics'].map((name) => `the ${name} judge failed (unreadable operation), so its rules were not judged`),
  );
  expect(verdict.violations).toEqual([]);
  expect(verdict.observations).toEqual([]);
  expect(verdict.reconciliation).toEqual([]);
  expect(verdict.serverErrorCauses).toEqual({});
  expect(verdict.valid).toBe('unknown');
});

test('violations of one class read in the order their requests were sent, not the order of the history', () => {
  const users = baseUsers();
  const h = historyBuilder();
  h.add({ ...ALICE, seq: 2, deckId: HISTORY_DECK, at: T0 + 5000, cardId: T0 + 5001 });
  h.add({ ...ALICE, seq: 1, deckId: HISTORY_DECK, at: T0 + 1000, cardId: T0 + 1001 });
  h.add({ ...ALICE, seq: 3, deckId: HISTORY_DECK, at: T0 + 3000, cardId: T0 + 3001 });
  const dir = test.info().outputPath('data');
  writeDataDir(dir, users);
  const verdict = auditOf(dir, h.ops);
  expect(verdict.violations.map((v) => `${v.class} ${v.marker}`)).toEqual(['lost alice01_1', 'lost alice01_3', 'lost alice01_2']);
});

test('the history’s coverage is carried on the verdict when the history came from files, and only then', () => {
  const dir = test.info().outputPath('data');
  writeDataDir(dir, baseUsers());
  const coverage = { files: 2, truncatedLines: 1, malformedLines: 0 };
  expect(auditOf(dir, [], { historyCoverage: coverage }).history).toEqual(coverage);
  expect(Object.keys(auditOf(dir, []))).not.toContain('history');
});

test('each unreadable database counts the acknowledged adds of its own user it leaves open', () => {
  const users = baseUsers();
  const h = historyBuilder();
  for (const seq of [1, 2]) {
    const add = h.add({ ...BOB, seq, deckId: 1, at: T0 + seq * 1000, cardId: T0 + seq * 1000 + 1 });
    userOf(users, 2).cards.push(rowFor(add.card, T0 + seq * 1000 + 1, 1));
  }
  const carolAdd = h.add({ ...CAROL, seq: 1, deckId: 2, at: T0 + 4000, cardId: T0 + 4001 });
  userOf(users, 3).cards.push(rowFor(carolAdd.card, T0 + 4001, 2));
  const aliceAdd = h.add({ ...ALICE, seq: 1, deckId: HISTORY_DECK, at: T0 + 5000, cardId: T0 + 5001 });
  userOf(users, 1).cards.push(rowFor(aliceAdd.card, T0 + 5001, HISTORY_DECK));
  const dir = test.info().outputPath('data');
  writeDataDir(dir, users);
  fs.truncateSync(path.join(dir, 'user_dbs', 'user_2.db'), 5000);
  fs.truncateSync(path.join(dir, 'user_dbs', 'user_3.db'), 5000);

  const verdict = auditOf(dir, h.ops);
  const unreadable = verdict.observations.filter((o) => o.kind === 'unreadable-database');
  expect(unreadable.map((o) => [o.evidence.dbFile, o.evidence.unjudgedAdds])).toEqual([
    ['user_2.db', 2],
    ['user_3.db', 1],
  ]);
  expect(unreadable.map((o) => o.message)).toEqual([
    'user_2.db (bob02) cannot be read (database disk image is malformed) — its cards and reviews were not judged (2 adds of its user left open), and a card missing elsewhere may be inside it.',
    'user_3.db (carol03) cannot be read (database disk image is malformed) — its cards and reviews were not judged (1 add of its user left open), and a card missing elsewhere may be inside it.',
  ]);
});

test('the unjudged sentence lists up to 3 unreadable databases, and says when there are more', () => {
  const dir = test.info().outputPath('data');
  writeDataDir(dir, baseUsers());
  const garbage = (id: number) => fs.writeFileSync(path.join(dir, 'user_dbs', `user_${id}.db`), 'not sqlite '.repeat(500));
  [4, 5, 6].forEach(garbage);
  expect(auditOf(dir, []).unjudged).toEqual(['3 user database(s) could not be read: user_4.db (file is not a database), user_5.db (file is not a database), user_6.db (file is not a database)']);
  garbage(7);
  expect(auditOf(dir, []).unjudged).toEqual(['4 user database(s) could not be read: user_4.db (file is not a database), user_5.db (file is not a database), user_6.db (file is not a database), …']);
});
