/**
 * The edges of the card, deck and review rules: for each, the smallest world where the
 * verdict turns on that edge alone. Each was found by changing one condition of the checker
 * and seeing no other test notice (issue 25); each test here fails on that change.
 */
import { test, expect } from '@playwright/test';
import { buildCard } from '../../helpers/history/markers.ts';
import { ALICE, CAROL, HISTORY_DECK, SAMPLE_CARD, T0, causeWorld, judgeWorld, onlyViolation, rowFor, userOf } from './support/cause-world.ts';

const DAY_MS = 86_400_000;

test("misrouted: a marked card of alice01 that this run never sent, found in bob02's database", () => {
  const world = causeWorld();
  const stray = buildCard({ username: 'alice01', seq: '99', timeMs: T0, topic: 'History' }, 'Q?', 'A');
  userOf(world.users, 2).cards.push(rowFor(stray, T0 + 9001, 1));
  const violation = onlyViolation(judgeWorld(world), 'misrouted');
  expect(violation).toMatchObject({ marker: 'alice01_99', expectedUser: 'alice01', expectedUserId: 1, opIds: [] });
  expect(violation.message).toContain(`Card alice01_99 (id ${T0 + 9001}) of alice01, not in this run's history, is in user_2.db (bob02)`);
});

test('lost: a deck deletion sent before the add does not excuse its missing card; one sent after does', () => {
  const deletedBefore = causeWorld('before');
  deletedBefore.h.op(ALICE, 'delete_deck', { at: T0 + 20_000, method: 'DELETE', path: `/decks/${HISTORY_DECK}`, intent: { deckId: HISTORY_DECK } });
  deletedBefore.h.add({ ...ALICE, seq: 9, deckId: HISTORY_DECK, deckName: 'History', at: T0 + 25_000, cardId: T0 + 25_001 });
  expect(onlyViolation(judgeWorld(deletedBefore), 'lost').marker).toBe('alice01_9');

  const deletedAfter = causeWorld('after');
  deletedAfter.h.add({ ...ALICE, seq: 9, deckId: HISTORY_DECK, deckName: 'History', at: T0 + 20_000, cardId: T0 + 20_001 });
  deletedAfter.h.op(ALICE, 'delete_deck', { at: T0 + 25_000, method: 'DELETE', path: `/decks/${HISTORY_DECK}`, intent: { deckId: HISTORY_DECK } });
  const verdict = judgeWorld(deletedAfter);
  expect(verdict.violations).toEqual([]);
  expect(verdict.reconciliation.find((row) => row.username === 'alice01')).toMatchObject({ deleted: 1 });
});

test('lost: only a deletion of that card (by marker or id) or of its own deck, sent with the add or later and not refused, excuses a missing card', () => {
  const at = T0 + 20_000;
  const cardId = at + 1;
  const lostAfter = (name: string, deletion: (world: ReturnType<typeof causeWorld>, marker: string) => void) => {
    const world = causeWorld(name);
    const { card } = world.h.add({ ...ALICE, seq: 9, deckId: HISTORY_DECK, deckName: 'History', at, cardId });
    deletion(world, card.id);
    return judgeWorld(world).violations.map((v) => v.class);
  };
  const deleteCard =
    (intent: { marker?: string; cardId?: number }, outcome: 'ok' | 'fail' = 'ok') =>
    (world: ReturnType<typeof causeWorld>) =>
      world.h.op(ALICE, 'delete_card', { at: at + 5_000, method: 'DELETE', path: `/cards/${cardId}`, outcome, status: outcome === 'ok' ? 200 : 404, intent });
  expect(lostAfter('by-marker', (world, marker) => deleteCard({ marker })(world))).toEqual([]);
  expect(lostAfter('by-id', deleteCard({ cardId }))).toEqual([]);
  expect(lostAfter('refused', (world, marker) => deleteCard({ marker, cardId }, 'fail')(world))).toEqual(['lost']);
  expect(lostAfter('other-card', deleteCard({ cardId: cardId + 1 }))).toEqual(['lost']);
  expect(lostAfter('other-deck', (world) => world.h.op(ALICE, 'delete_deck', { at: at + 5_000, method: 'DELETE', path: '/decks/1', intent: { deckId: '1' } }))).toEqual(['lost']);
  expect(lostAfter('same-ms', (world) => world.h.op(ALICE, 'delete_deck', { at, method: 'DELETE', path: `/decks/${HISTORY_DECK}`, intent: { deckId: HISTORY_DECK } }))).toEqual([]);
});

test("wrong-deck: another session's switch that finished before the writer's own switch did not move the card", () => {
  const world = causeWorld();
  // s01 makes MyFirstDeck current and is answered; then w01 makes History current and adds.
  world.h.op({ ...ALICE, vu: 's01' }, 'set_current_deck', { at: T0 + 10_000, method: 'PUT', path: '/decks/current', intent: { deckId: '1' } });
  const own = world.h.op(ALICE, 'set_current_deck', { at: T0 + 10_900, method: 'PUT', path: '/decks/current', intent: { deckId: HISTORY_DECK } });
  const { card } = world.h.add({ ...ALICE, seq: 11, deckId: HISTORY_DECK, at: T0 + 11_000, cardId: T0 + 11_001 });
  userOf(world.users, 1).cards.push(rowFor(card, T0 + 11_001, 1));
  const violation = onlyViolation(judgeWorld(world), 'wrong-deck');
  expect(violation.interleavedBy).toBeUndefined();
  expect(violation.cause).toMatchObject({ kind: 'server-chose-other-deck', opIds: [own.id] });
});

test('lost-deck: a deletion of the id sent before its creation does not excuse the deck', () => {
  const world = causeWorld();
  const deckId = '1795743695100';
  world.h.op(ALICE, 'delete_deck', { at: T0 + 14_000, method: 'DELETE', path: `/decks/${deckId}`, intent: { deckId } });
  const created = world.h.op(ALICE, 'create_deck', {
    at: T0 + 15_000,
    returnedAt: T0 + 15_040,
    method: 'POST',
    path: '/decks',
    status: 201,
    body: { id: deckId, name: 'Again' },
    intent: { deckName: 'Again' },
  });
  const violation = onlyViolation(judgeWorld(world), 'lost-deck');
  expect(violation).toMatchObject({ expectedDeck: deckId, expectedDeckName: 'Again', opIds: [created.id] });
});

test('review: revlog rows written a day before or after the run belong to other runs on the same data directory', () => {
  const world = causeWorld();
  userOf(world.users, 3).revlog!.push({ id: T0 - DAY_MS, cardId: SAMPLE_CARD + 4, ease: 2 }, { id: T0 + DAY_MS, cardId: SAMPLE_CARD + 5, ease: 3 });
  expect(judgeWorld(world).violations).toEqual([]);
});

test('review: an answer that timed out claims the row it wrote while in flight', () => {
  const world = causeWorld();
  world.h.answer(CAROL, SAMPLE_CARD + 2, 4, T0 + 7000, 'info');
  userOf(world.users, 3).revlog!.push({ id: T0 + 7010, cardId: SAMPLE_CARD + 2, ease: 4 });
  expect(judgeWorld(world).violations).toEqual([]);
});

test('review: an answer that timed out claims the row the server wrote after the client gave up, as a late effect', () => {
  // Issue 21: an indeterminate operation may take effect any time after it was sent, until the end of the run.
  const world = causeWorld();
  const answer = world.h.answer(CAROL, SAMPLE_CARD + 2, 4, T0 + 7000, 'info');
  answer.returnedAt = T0 + 17_000; // the client's 10 s timeout
  userOf(world.users, 3).revlog!.push({ id: T0 + 17_500, cardId: SAMPLE_CARD + 2, ease: 4 });
  const verdict = judgeWorld(world);
  expect(verdict.violations).toEqual([]);
  expect(verdict.observations.filter((o) => o.kind === 'applied-late').map((o) => o.evidence.opIds)).toEqual([[answer.id]]);
});
