/**
 * Under overload the client gives up on requests the server still serves later. An operation
 * whose outcome the client never learned (`info`) may take effect at any time after it was
 * sent, even after the run; each explains at most one effect, and what only it explains is an
 * `applied-late` observation, never a violation. Nothing is claimed for one that never acted.
 */
import { test, expect } from '@playwright/test';
import type { Operation } from '../../helpers/history/operation.ts';
import type { Verdict } from '../../db/verdict.ts';
import { ALICE, CAROL, HISTORY_DECK, SAMPLE_CARD, T0, causeWorld, judgeWorld, onlyViolation, rowFor, userOf, type CauseWorld } from './support/cause-world.ts';

/** The client's request timeout in these worlds. */
const TIMEOUT_MS = 10_000;

/** carol03 answers `cardId` with ease 3 at T0+7 s and gives up after the timeout. */
function timedOutAnswer(world: CauseWorld, cardId = SAMPLE_CARD + 4): Operation {
  const op = world.h.answer(CAROL, cardId, 3, T0 + 7000, 'info');
  op.returnedAt = op.sentAt + TIMEOUT_MS;
  op.error = 'timeout';
  return op;
}

/** A revlog row of carol03 (user 3), written at `at`. */
function row(world: CauseWorld, cardId: number, ease: number, at: number): void {
  userOf(world.users, 3).revlog!.push({ id: at, cardId, ease });
}

function lateObservations(verdict: Verdict) {
  return verdict.observations.filter((o) => o.kind === 'applied-late');
}

test('an answer the client gave up on and the server applied 20 s later is an observation, not a review-mismatch', () => {
  const world = causeWorld();
  const op = timedOutAnswer(world);
  row(world, SAMPLE_CARD + 4, 3, op.returnedAt + 20_000);
  // The history goes on after it, so the row is inside the run.
  world.h.op(CAROL, 'list_decks', { at: op.returnedAt + 30_000 });
  const verdict = judgeWorld(world);
  expect(verdict.violations.map((v) => v.message)).toEqual([]);
  const [late] = lateObservations(verdict);
  expect(late?.message).toBe(
    'Applied after the client gave up: 1 answer (20.0 s after the client gave up) — the server served requests the client had timed out on; each explains one effect and none is a violation.',
  );
  expect(late?.evidence).toMatchObject({ request: 'answer', count: 1, opIds: [op.id], delayMs: { median: 20_000, max: 20_000 } });
});

test('a late answer applies to the card a later GET /review of its session made current: still explained, once', () => {
  const world = causeWorld();
  const op = timedOutAnswer(world);
  world.h.op(CAROL, 'get_review', { at: op.returnedAt + 1000, path: '/review', body: { cardId: SAMPLE_CARD + 6, front: 'f', back: 'b', queue: 0 } });
  row(world, SAMPLE_CARD + 6, 3, op.returnedAt + 5000);
  world.h.op(CAROL, 'list_decks', { at: op.returnedAt + 30_000 });
  const verdict = judgeWorld(world);
  expect(verdict.violations.map((v) => v.message)).toEqual([]);
  expect(lateObservations(verdict)[0]?.evidence).toMatchObject({ count: 1, effects: [{ opId: op.id, what: expect.stringContaining(`card ${SAMPLE_CARD + 6} (the card a later GET /review`) }] });

  // A card no GET /review of that session served is not the late answer's: the row is unexplained.
  const stranger = causeWorld('stranger');
  const lone = timedOutAnswer(stranger);
  row(stranger, SAMPLE_CARD + 6, 3, lone.returnedAt + 5000);
  stranger.h.op(CAROL, 'list_decks', { at: lone.returnedAt + 30_000 });
  expect(onlyViolation(judgeWorld(stranger), 'review-mismatch').message).toContain('no answer in the history accounts for');
});

test('one answer the client gave up on explains one row: a second late row is a review-mismatch', () => {
  const world = causeWorld();
  const op = timedOutAnswer(world);
  row(world, SAMPLE_CARD + 4, 3, op.returnedAt + 2000);
  row(world, SAMPLE_CARD + 4, 3, op.returnedAt + 4000);
  world.h.op(CAROL, 'list_decks', { at: op.returnedAt + 30_000 });
  const verdict = judgeWorld(world);
  expect(onlyViolation(verdict, 'review-mismatch').cardId).toBe(SAMPLE_CARD + 4);
  expect(lateObservations(verdict)[0]?.evidence).toMatchObject({ count: 1 });
});

test('an answer the client gave up on that never took effect claims nothing, and an acknowledged answer still must land in its flight', () => {
  const world = causeWorld();
  timedOutAnswer(world);
  world.h.op(CAROL, 'list_decks', { at: T0 + 40_000 });
  const verdict = judgeWorld(world);
  expect(verdict.violations).toEqual([]);
  expect(lateObservations(verdict)).toEqual([]);

  // The same late row for an acknowledged answer: the server recorded it outside its flight.
  const acked = causeWorld('acked');
  const ok = acked.h.answer(CAROL, SAMPLE_CARD + 4, 3, T0 + 7000);
  row(acked, SAMPLE_CARD + 4, 3, ok.returnedAt + 20_000);
  acked.h.op(CAROL, 'list_decks', { at: ok.returnedAt + 30_000 });
  expect(judgeWorld(acked).violations.map((v) => v.class)).toEqual(['review-mismatch', 'review-mismatch']);
});

test("a card filed under the deck of the VU's own switch that it gave up on is an observation; another session's switch is still wrong-deck", () => {
  /** alice01 (w01) switches to deck 1 and gives up, switches to History (acknowledged), adds a card that lands in deck 1. */
  const world = (name: string, switcher: typeof ALICE) => {
    const w = causeWorld(name, 0);
    const late = w.h.op(switcher, 'set_current_deck', { at: T0 + 8000, method: 'PUT', path: '/decks/current', intent: { deckId: '1' }, status: null, outcome: 'info', body: null, error: 'timeout' });
    late.returnedAt = T0 + 8000 + TIMEOUT_MS;
    w.h.op(ALICE, 'set_current_deck', { at: T0 + 19_000, method: 'PUT', path: '/decks/current', intent: { deckId: String(HISTORY_DECK) } });
    const { card } = w.h.add({ ...ALICE, seq: 9, deckId: HISTORY_DECK, deckName: 'History', at: T0 + 20_000, cardId: T0 + 20_001 });
    userOf(w.users, 1).cards.push(rowFor(card, T0 + 20_001, 1));
    return { w, late };
  };
  const own = world('own', ALICE);
  const verdict = judgeWorld(own.w);
  expect(verdict.violations.map((v) => v.message)).toEqual([]);
  expect(verdict.observations.find((o) => o.kind === 'applied-late')?.evidence).toMatchObject({ request: 'set_current_deck', count: 1, opIds: [own.late.id] });

  // The same switch sent by another device of alice01: the per-user current deck moved under the add.
  const other = world('other', { ...ALICE, vu: 'd01b' });
  expect(onlyViolation(judgeWorld(other.w), 'wrong-deck').cause).toMatchObject({ kind: 'deck-switched-by-other-session', opIds: [other.late.id] });
});

test('a deck creation the client gave up on, created after it gave up, is counted as applied late; one created in its flight is not late', () => {
  const world = causeWorld();
  const op = world.h.op(ALICE, 'create_deck', { at: T0 + 8000, method: 'POST', path: '/decks', intent: { deckName: 'Late deck' }, status: null, outcome: 'info', body: null, error: 'timeout' });
  op.returnedAt = T0 + 8000 + TIMEOUT_MS;
  const alice = userOf(world.users, 1);
  alice.decks = { ...alice.decks, [String(op.returnedAt + 3000)]: 'Late deck' };
  const verdict = judgeWorld(world);
  expect(verdict.violations).toEqual([]);
  expect(lateObservations(verdict)[0]?.evidence).toMatchObject({ request: 'create_deck', count: 1, delayMs: { max: 3000 } });

  const inFlight = causeWorld('in-flight');
  const early = inFlight.h.op(ALICE, 'create_deck', { at: T0 + 8000, method: 'POST', path: '/decks', intent: { deckName: 'Late deck' }, status: null, outcome: 'info', body: null, error: 'timeout' });
  early.returnedAt = T0 + 8000 + TIMEOUT_MS;
  const owner = userOf(inFlight.users, 1);
  owner.decks = { ...owner.decks, [String(T0 + 8500)]: 'Late deck' };
  expect(lateObservations(judgeWorld(inFlight))).toEqual([]);
});
