/**
 * The deck judge's last rules, pinned: a deck of a user whose database could not be read is not
 * judged lost (its absence proves nothing), and an overlapping write of the deck list that the
 * history recorded without its intent is still the write the deck-list-overwritten cause names.
 */
import { test, expect } from '@playwright/test';
import { ALICE, HISTORY_DECK, T0, causeWorld, userOf, type CauseWorld } from './support/cause-world.ts';
import { auditOf } from './support/checker-scenario.ts';
import { writeDataDir } from './support/anki-fixture.ts';
import { writeSnapshotFailures } from '../../db/snapshot-failures.ts';
import type { Verdict } from '../../db/verdict.ts';
import type { Operation } from '../../helpers/history/operation.ts';

const DECK = '1795743695100';

/** alice01 creates deck "Gone" (acknowledged 201) that her database does not hold. */
function createGoneDeck(world: CauseWorld, vu = ALICE.vu): Operation {
  userOf(world.users, 1).decks = { [HISTORY_DECK]: 'History' };
  return world.h.op({ ...ALICE, vu }, 'create_deck', { at: T0 + 14_000, returnedAt: T0 + 14_040, method: 'POST', path: '/decks', status: 201, body: { id: DECK, name: 'Gone' } });
}

/** Audit the world, recording that the snapshot could not back up the databases of `failedUserIds`. */
function auditWithFailures(world: CauseWorld, failedUserIds: number[]): Verdict {
  writeDataDir(world.dir, world.users);
  writeSnapshotFailures(
    world.dir,
    failedUserIds.map((userId) => ({ userId, file: `/srv/data/user_dbs/user_${userId}.db`, error: 'database disk image is malformed' })),
  );
  return auditOf(world.dir, world.h.ops);
}

const lostDeckIds = (verdict: Verdict) => verdict.violations.filter((v) => v.class === 'lost-deck').map((v) => v.expectedDeck);

test("a deck missing from a database the snapshot could not back up is not judged lost: that file's absence of it proves nothing", () => {
  const failed = causeWorld('failed');
  createGoneDeck(failed);
  const verdict = auditWithFailures(failed, [1]);
  expect(lostDeckIds(verdict)).toEqual([]);
  expect(verdict.unjudged).toEqual(expect.arrayContaining([expect.stringContaining('user_1.db (no snapshot could be taken (database disk image is malformed))')]));

  // The same deck, with another user's database the one that failed: lost.
  const readable = causeWorld('readable');
  createGoneDeck(readable);
  expect(lostDeckIds(auditWithFailures(readable, [2]))).toEqual([DECK]);
});

test('an overlapping write of the deck list recorded without its intent is still the one the deck-list-overwritten cause names', () => {
  const world = causeWorld();
  const lost = createGoneDeck(world, 'd01a');
  // Another device of alice01 deletes a deck while the creation is in flight; the history kept no intent for it.
  const deleted = world.h.op({ ...ALICE, vu: 'd01b' }, 'delete_deck', { at: T0 + 14_010, method: 'DELETE', path: '/decks/7' });
  writeDataDir(world.dir, world.users);
  const verdict = auditOf(world.dir, world.h.ops);
  expect(verdict.unjudged).toEqual([]);
  const violations = verdict.violations.filter((v) => v.class === 'lost-deck');
  expect(violations.map((v) => v.opIds)).toEqual([[lost.id]]);
  expect(violations[0]!.cause).toMatchObject({
    kind: 'deck-list-overwritten',
    text: expect.stringMatching(/^d01b \(same user alice01\) deleted .* \(d01b#1\), while d01a#1 was in flight/),
    opIds: [deleted.id],
  });
});
