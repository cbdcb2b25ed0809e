/**
 * Which of the writer's own deck switches a card filed under another deck is judged against: its
 * last switch answered by the time the add was sent. A switch of its own still in flight when the
 * add was sent, or sent after it, is not the one the add relied on.
 */
import { test, expect } from '@playwright/test';
import { ALICE, HISTORY_DECK, T0, causeWorld, judgeWorld, onlyViolation, rowFor, userOf, type CauseWorld } from './support/cause-world.ts';
import type { Operation } from '../../helpers/history/operation.ts';
import type { Cause } from '../../db/verdict.ts';

/** A PUT /decks/current of w01 (the writer) to `deckId` sent at `at`, answered 20 ms later. */
function ownSwitch(world: CauseWorld, deckId: string, at: number): Operation {
  return world.h.op(ALICE, 'set_current_deck', { at, method: 'PUT', path: '/decks/current', intent: { deckId } });
}

/** w01 made History current (T0+10.9 s), then `more` switches happen; w01 adds at T0+12 s (answered at +12.02 s) and the card sits in deck 1. */
function wrongDeckCause(name: string, more: (world: CauseWorld) => void): { cause: Cause; history: Operation } {
  const world = causeWorld(name);
  const history = ownSwitch(world, HISTORY_DECK, T0 + 10_900);
  more(world);
  const { card } = world.h.add({ ...ALICE, seq: 11, deckId: HISTORY_DECK, deckName: 'History', at: T0 + 12_000, cardId: T0 + 12_001 });
  userOf(world.users, 1).cards.push(rowFor(card, T0 + 12_001, 1));
  return { cause: onlyViolation(judgeWorld(world), 'wrong-deck').cause, history };
}

test("the writer's own switch a wrong-deck card is judged against is its last one answered by the time the add was sent, not one still in flight or sent later", () => {
  // Still in flight when the add was sent (answered at T0+12.01 s), or sent after the add: the History switch is the one the add relied on.
  for (const [name, at] of [
    ['in-flight', T0 + 11_990],
    ['later', T0 + 13_000],
  ] as const) {
    const { cause, history } = wrongDeckCause(name, (world) => ownSwitch(world, '1', at));
    expect(cause, name).toMatchObject({ kind: 'server-chose-other-deck', opIds: [history.id] });
  }
});

test("the writer's own switch answered the very millisecond the add was sent is the one the add relied on", () => {
  let touching: Operation | undefined;
  const { cause } = wrongDeckCause('touching', (world) => {
    touching = ownSwitch(world, '1', T0 + 11_980);
  });
  expect(touching!.returnedAt).toBe(T0 + 12_000);
  // It switched to deck 1, not History: no acknowledged switch to History is the last one, so the cause is unknown and names it.
  expect(cause).toEqual({
    kind: 'unknown',
    missing: `an acknowledged switch of w01's session to deck ${HISTORY_DECK} (History) before the add (the history has ${touching!.id}, ok)`,
  });
});
