/**
 * Which deck switches explain a card filed under another deck, pinned: another session's switch
 * counts when it was not refused and overlapped the add (sent by the time the add returned, not
 * finished before the writer's own switch was sent); the writer's own switch it gave up on counts
 * when it asked for that very deck and was sent by the time the add returned. And deletions the
 * history recorded without saying what they deleted excuse nothing.
 */
import { test, expect } from '@playwright/test';
import { ALICE, HISTORY_DECK, T0, causeWorld, judgeWorld, onlyViolation, rowFor, userOf, type CauseWorld } from './support/cause-world.ts';
import type { Operation } from '../../helpers/history/operation.ts';
import type { VuIdentity } from './support/history-builder.ts';

const OTHER_SESSION: VuIdentity = { ...ALICE, vu: 's01' };

/** A PUT /decks/current of `who` to `deckId` at `at`, acknowledged unless `fields` say otherwise. */
function switchDeck(world: CauseWorld, who: VuIdentity, deckId: string, at: number, fields: Partial<Operation> = {}): Operation {
  return world.h.op(who, 'set_current_deck', { at, method: 'PUT', path: '/decks/current', intent: { deckId }, ...fields });
}

/** w01 made History current (acknowledged, T0+10.9 s); the world's `switches` happen; then w01 adds at T0+12 s (answered at +12.02 s) and the card sits in deck 1. */
function filedElsewhere(name: string, switches: (world: CauseWorld) => void): ReturnType<typeof judgeWorld> {
  const world = causeWorld(name);
  switchDeck(world, ALICE, HISTORY_DECK, T0 + 10_900);
  switches(world);
  const { card } = world.h.add({ ...ALICE, seq: 11, deckId: HISTORY_DECK, deckName: 'History', at: T0 + 12_000, cardId: T0 + 12_001 });
  userOf(world.users, 1).cards.push(rowFor(card, T0 + 12_001, 1));
  return judgeWorld(world);
}

const timedOut = { status: null, outcome: 'info' as const, body: null, error: 'timeout' };

test("another session's refused switch to the card's deck did not move the card", () => {
  const verdict = filedElsewhere('refused', (world) => {
    switchDeck(world, OTHER_SESSION, '1', T0 + 11_990, { status: 500, outcome: 'fail', body: { error: 'Database is locked' } });
  });
  const violation = onlyViolation(verdict, 'wrong-deck');
  expect(violation.interleavedBy).toBeUndefined();
  expect(violation.cause.kind).toBe('server-chose-other-deck');
});

test("another session's switch sent the moment the add returned may have moved the card; one sent after it did not", () => {
  let atReturn: Operation | undefined;
  const verdict = filedElsewhere('at-return', (world) => {
    atReturn = switchDeck(world, OTHER_SESSION, '1', T0 + 12_020);
  });
  expect(onlyViolation(verdict, 'wrong-deck').interleavedBy).toBe(atReturn!.id);

  const after = filedElsewhere('after-return', (world) => {
    switchDeck(world, OTHER_SESSION, '1', T0 + 12_021);
  });
  const unmoved = onlyViolation(after, 'wrong-deck');
  expect(unmoved.interleavedBy).toBeUndefined();
  expect(unmoved.cause.kind).toBe('server-chose-other-deck');
});

test("another session's switch answered the moment the writer's own switch was sent may still have moved the card", () => {
  let touching: Operation | undefined;
  const verdict = filedElsewhere('touching', (world) => {
    touching = switchDeck(world, OTHER_SESSION, '1', T0 + 10_880);
  });
  expect(touching!.returnedAt).toBe(T0 + 10_900);
  expect(onlyViolation(verdict, 'wrong-deck').interleavedBy).toBe(touching!.id);
});

test("the writer's own switch to the card's deck explains it as applied late only when the client gave up on it", () => {
  const acknowledged = filedElsewhere('own-acknowledged', (world) => {
    switchDeck(world, ALICE, '1', T0 + 10_000);
  });
  expect(onlyViolation(acknowledged, 'wrong-deck').cause.kind).toBe('server-chose-other-deck');

  let abandoned: Operation | undefined;
  const late = filedElsewhere('own-abandoned', (world) => {
    abandoned = switchDeck(world, ALICE, '1', T0 + 10_000, timedOut);
  });
  expect(late.violations).toEqual([]);
  expect(late.observations.filter((o) => o.kind === 'applied-late').map((o) => o.evidence.opIds)).toEqual([[abandoned!.id]]);
});

test("the writer's own abandoned switch explains the card only if it asked for the card's deck and was sent by the time the add returned", () => {
  const otherDeck = filedElsewhere('own-other-deck', (world) => {
    switchDeck(world, ALICE, '2', T0 + 10_000, timedOut);
  });
  expect(otherDeck.violations.map((v) => v.class)).toEqual(['wrong-deck']);

  const sentAfter = filedElsewhere('own-after', (world) => {
    switchDeck(world, ALICE, '1', T0 + 12_021, timedOut);
  });
  expect(sentAfter.violations.map((v) => v.class)).toEqual(['wrong-deck']);

  const sentAtReturn = filedElsewhere('own-at-return', (world) => {
    switchDeck(world, ALICE, '1', T0 + 12_020, timedOut);
  });
  expect(sentAtReturn.violations).toEqual([]);
});

test('deletions recorded without saying what they deleted excuse no lost card and break no judge', () => {
  const world = causeWorld();
  world.h.add({ ...ALICE, seq: 9, deckId: HISTORY_DECK, deckName: 'History', at: T0 + 9000, cardId: T0 + 9001 });
  world.h.op(ALICE, 'delete_card', { at: T0 + 10_000, method: 'DELETE', path: '/cards/unknown' });
  world.h.op(ALICE, 'delete_deck', { at: T0 + 10_100, method: 'DELETE', path: '/decks/unknown' });
  const verdict = judgeWorld(world);
  expect(verdict.unjudged).toEqual([]);
  expect(verdict.violations.map((v) => v.class)).toEqual(['lost']);
});
