/**
 * Equal card ids in different users' files are the real server's whole-second ids, not
 * contamination: the checker must report them as an observation and judge ownership by the
 * marker alone.
 */
import { test, expect } from '@playwright/test';
import { writeDataDir } from './support/anki-fixture.ts';
import { historyBuilder } from './support/history-builder.ts';
import { ALICE, BOB, HISTORY_DECK, T0, auditOf, baseUsers, rowFor, userOf } from './support/checker-scenario.ts';

test('identical card ids in two users databases are an id-collision observation, not a violation', () => {
  const users = baseUsers();
  const h = historyBuilder();
  const sharedId = T0 + 3001;
  const alice = h.add({ ...ALICE, seq: 3, deckId: HISTORY_DECK, at: T0 + 3000, cardId: sharedId });
  const bob = h.add({ ...BOB, seq: 1, deckId: 1, at: T0 + 3005, cardId: sharedId });
  userOf(users, 1).cards.push(rowFor(alice.card, sharedId, HISTORY_DECK));
  userOf(users, 2).cards.push(rowFor(bob.card, sharedId, 1));
  const dir = test.info().outputPath('data');
  writeDataDir(dir, users);

  const verdict = auditOf(dir, h.ops);
  expect(verdict.violations).toEqual([]);
  const collisions = verdict.observations.filter((o) => o.kind === 'id-collision');
  expect(collisions).toHaveLength(1);
  expect(collisions[0]!.evidence.cardId).toBe(sharedId);
  expect(collisions[0]!.message).toContain('user_1.db (alice01_3) and user_2.db (bob02_1)');
});

test('a shared id does not hide a misrouted card: the marker decides', () => {
  const users = baseUsers();
  const h = historyBuilder();
  const sharedId = T0 + 3001;
  const alice = h.add({ ...ALICE, seq: 3, deckId: HISTORY_DECK, at: T0 + 3000, cardId: sharedId });
  const bob = h.add({ ...BOB, seq: 1, deckId: 1, at: T0 + 3005, cardId: sharedId });
  // bob02's card went into alice01's file, under the id alice01's own card also has elsewhere.
  userOf(users, 1).cards.push(rowFor(bob.card, sharedId, 1));
  userOf(users, 2).cards.push(rowFor(alice.card, sharedId, HISTORY_DECK));
  const dir = test.info().outputPath('data');
  writeDataDir(dir, users);

  const verdict = auditOf(dir, h.ops);
  expect(verdict.countsByClass.misrouted).toBe(2);
  expect(verdict.violations.map((v) => v.marker).sort()).toEqual(['alice01_3', 'bob02_1']);
});

test("ids shared only between cards of earlier runs on the same server are not this run's observations", () => {
  const users = baseUsers();
  const earlier = historyBuilder();
  const sharedId = T0 + 3001;
  // Cards an earlier run added; this run's history does not hold their adds.
  const alice = earlier.add({ ...ALICE, seq: 3, deckId: HISTORY_DECK, at: T0 + 3000, cardId: sharedId });
  const bob = earlier.add({ ...BOB, seq: 1, deckId: 1, at: T0 + 3005, cardId: sharedId });
  userOf(users, 1).cards.push(rowFor(alice.card, sharedId, HISTORY_DECK));
  userOf(users, 2).cards.push(rowFor(bob.card, sharedId, 1));
  const dir = test.info().outputPath('data');
  writeDataDir(dir, users);

  const verdict = auditOf(dir, historyBuilder().ops);
  expect(verdict.violations).toEqual([]);
  expect(verdict.observations.filter((o) => o.kind === 'id-collision')).toEqual([]);
});
