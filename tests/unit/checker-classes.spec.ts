/**
 * One test per violation class: each crafts the database state the class exists for and
 * fails if the checker misses it (or reports it as something else). A clean world next
 * to them must give zero violations, so neither direction of the verdict is taken on faith.
 */
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { writeDataDir, type FixtureUser } from './support/anki-fixture.ts';
import type { HistoryBuilder } from './support/history-builder.ts';
import { causeWorld } from './support/cause-world.ts';
import { ALICE, BOB, CAROL, HISTORY_DECK, T0, auditOf, rowFor, userOf } from './support/checker-scenario.ts';
import type { ViolationClass, Verdict } from '../../db/verdict.ts';
import { formatLogLine } from '../../embedded-server/log.ts';

const SAMPLE_CARD = 1_795_743_678_001;

interface World {
  users: FixtureUser[];
  h: HistoryBuilder;
  dir: string;
}

/** alice01 adds 3 cards to History, bob02 1 to MyFirstDeck, carol03 answers 2 sample cards: all stored right. */
function cleanWorld(): World {
  return causeWorld('data', 3);
}

function judge(world: World): Verdict {
  writeDataDir(world.dir, world.users);
  return auditOf(world.dir, world.h.ops);
}

function only(verdict: Verdict, cls: ViolationClass) {
  expect(
    verdict.violations.map((v) => v.class),
    verdict.violations.map((v) => v.message).join('\n'),
  ).toEqual([cls]);
  expect(verdict.countsByClass[cls]).toBe(1);
  expect(verdict.ok).toBe(false);
  return verdict.violations[0]!;
}

test('a clean world has zero violations and every writer reconciles to zero', () => {
  const verdict = judge(cleanWorld());
  expect(verdict.violations).toEqual([]);
  expect(verdict.ok).toBe(true);
  expect(verdict.usersJudged).toBe(3);
  expect(verdict.cardsRead).toBe(3 + 1 + 10);
  expect(verdict.reconciliation).toEqual([
    { vu: 'w01', username: 'alice01', acknowledgedAdds: 3, failedAdds: 0, indeterminateAdds: 0, cardsInOwnDb: 3, difference: 0, explainedBy: {} },
    { vu: 'w02', username: 'bob02', acknowledgedAdds: 1, failedAdds: 0, indeterminateAdds: 0, cardsInOwnDb: 1, difference: 0, explainedBy: {} },
  ]);
});

test('misrouted: alice01 card stored in bob02 database is named with both owners and the deck', () => {
  const world = cleanWorld();
  const cardId = T0 + 7001;
  const { card, op } = world.h.add({ ...ALICE, seq: 7, deckId: HISTORY_DECK, deckName: 'History', at: T0 + 7000, cardId });
  userOf(world.users, 2).cards.push(rowFor(card, cardId, 1));
  const violation = only(judge(world), 'misrouted');
  expect(violation.marker).toBe('alice01_7');
  expect(violation.expectedUser).toBe('alice01');
  expect(violation.expectedUserId).toBe(1);
  expect(violation.expectedDeck).toBe(HISTORY_DECK);
  expect(violation.actual).toEqual([expect.objectContaining({ userId: 2, username: 'bob02', dbFile: 'user_2.db', cardId })]);
  expect(violation.opIds).toEqual([op.id]);
  expect(violation.message).toBe(
    `Card alice01_7 (id ${cardId}) added by w01 to deck ${HISTORY_DECK} (History) at 01:41:28.000 is in user_2.db (bob02) — the server wrote it into another user's database. Cause unknown — missing: a server log with the server's ADD_CARD_START/ADD_CARD_SUCCESS lines for this write (docs/diagnostics.md).`,
  );
  const alice = judge(world).reconciliation.find((row) => row.username === 'alice01')!;
  expect(alice).toMatchObject({ acknowledgedAdds: 4, cardsInOwnDb: 3, difference: 1, explainedBy: { misrouted: 1 } });
});

test('lost: an acknowledged add whose card is in no database', () => {
  const world = cleanWorld();
  world.h.add({ ...ALICE, seq: 8, deckId: HISTORY_DECK, deckName: 'History', at: T0 + 8000, cardId: T0 + 8001 });
  const violation = only(judge(world), 'lost');
  expect(violation.marker).toBe('alice01_8');
  expect(violation.cardId).toBe(T0 + 8001);
  expect(violation.actual).toEqual([]);
  expect(violation.message).toContain('was acknowledged (201, card id');
  expect(violation.message).toContain('is in no database');
});

test('phantom: a refused add whose card exists anyway', () => {
  const world = cleanWorld();
  const { card } = world.h.add({ ...ALICE, seq: '2b', deckId: HISTORY_DECK, at: T0 + 2100, outcome: 'fail' });
  userOf(world.users, 1).cards.push(rowFor(card, T0 + 9001, HISTORY_DECK));
  const verdict = judge(world);
  const violation = only(verdict, 'phantom');
  expect(violation.marker).toBe('alice01_2b');
  expect(violation.message).toContain('was refused (500 "Database error occurred while adding card")');
  expect(verdict.reconciliation[0]).toMatchObject({ failedAdds: 1, cardsInOwnDb: 4, difference: -1, explainedBy: { phantom: -1 } });
});

test('a refused add without a card is not phantom', () => {
  const world = cleanWorld();
  world.h.add({ ...ALICE, seq: '2b', deckId: HISTORY_DECK, at: T0 + 2100, outcome: 'fail' });
  expect(judge(world).violations).toEqual([]);
});

test('duplicate: one marker stored twice in the owner database', () => {
  const world = cleanWorld();
  const { card } = world.h.add({ ...ALICE, seq: 9, deckId: HISTORY_DECK, at: T0 + 9000, cardId: T0 + 9001 });
  userOf(world.users, 1).cards.push(rowFor(card, T0 + 9001, HISTORY_DECK), rowFor(card, T0 + 9101, HISTORY_DECK));
  const violation = only(judge(world), 'duplicate');
  expect(violation.actual).toHaveLength(2);
  expect(violation.message).toContain('is stored 2 times');
});

test('content-mismatch: right database, right deck, different back', () => {
  const world = cleanWorld();
  const { card } = world.h.add({ ...ALICE, seq: 10, deckId: HISTORY_DECK, at: T0 + 10_000, cardId: T0 + 10_001 });
  userOf(world.users, 1).cards.push({ ...rowFor(card, T0 + 10_001, HISTORY_DECK), back: `Another answer [MARKER:${card.id}]` });
  const violation = only(judge(world), 'content-mismatch');
  expect(violation.marker).toBe('alice01_10');
  expect(violation.message).toContain('holds back "Another answer [MARKER:alice01_10]" (sent "Answer 10 [MARKER:alice01_10]")');
});

test('wrong-deck: right database, another deck than the VU made current', () => {
  const world = cleanWorld();
  const { card } = world.h.add({ ...ALICE, seq: 11, deckId: HISTORY_DECK, deckName: 'History', at: T0 + 11_000, cardId: T0 + 11_001 });
  userOf(world.users, 1).cards.push(rowFor(card, T0 + 11_001, 1));
  const violation = only(judge(world), 'wrong-deck');
  expect(violation.expectedDeck).toBe(HISTORY_DECK);
  expect(violation.actual![0]!.deckId).toBe('1');
  expect(violation.message).toContain('sits in user_1.db (alice01) as id 1795743692001 in deck 1 (MyFirstDeck)');
});

test('wrong deck caused by another session of the same user switching the current deck is wrong-deck, naming the switch', () => {
  const world = cleanWorld();
  const otherSession = { ...ALICE, vu: 's01' };
  world.h.op(otherSession, 'set_current_deck', { at: T0 + 11_990, method: 'PUT', path: '/decks/current', intent: { deckId: '1' } });
  const { card } = world.h.add({ ...ALICE, seq: 11, deckId: HISTORY_DECK, at: T0 + 12_000, cardId: T0 + 12_001 });
  userOf(world.users, 1).cards.push(rowFor(card, T0 + 12_001, 1));
  const violation = only(judge(world), 'wrong-deck');
  expect(violation.interleavedBy).toBeDefined();
  expect(violation.opIds).toContain(violation.interleavedBy);
  expect(violation.cause).toMatchObject({ kind: 'deck-switched-by-other-session', opIds: [violation.interleavedBy] });
  expect(violation.message).toContain('Cause (deck-switched-by-other-session): s01 (same user alice01) made deck 1 (MyFirstDeck) current');
});

test("wrong deck names the other session's switch that took effect, not an earlier one the writer overrode", () => {
  const world = cleanWorld();
  const otherSession = { ...ALICE, vu: 's01' };
  const early = world.h.op(otherSession, 'set_current_deck', { at: T0 + 11_090, method: 'PUT', path: '/decks/current', intent: { deckId: '1' } });
  world.h.op(ALICE, 'set_current_deck', { at: T0 + 11_100, method: 'PUT', path: '/decks/current', intent: { deckId: HISTORY_DECK } });
  const late = world.h.op(otherSession, 'set_current_deck', { at: T0 + 11_900, method: 'PUT', path: '/decks/current', intent: { deckId: '1' } });
  const { card } = world.h.add({ ...ALICE, seq: 11, deckId: HISTORY_DECK, at: T0 + 12_000, cardId: T0 + 12_001 });
  userOf(world.users, 1).cards.push(rowFor(card, T0 + 12_001, 1));
  const violation = only(judge(world), 'wrong-deck');
  expect(violation.interleavedBy).toBe(late.id);
  expect(violation.interleavedBy).not.toBe(early.id);
});

/** A POST /decks of `who` answered 201 with the deck's id. */
function createDeck(world: World, who: typeof ALICE, deckId: string, name: string, at: number, durationMs = 40) {
  return world.h.op(who, 'create_deck', { at, returnedAt: at + durationMs, method: 'POST', path: '/decks', status: 201, body: { id: deckId, name }, intent: { deckName: name } });
}

test("lost-deck: a deck answered 201 that its user database no longer holds, the other device's overlapping create named", () => {
  const world = cleanWorld();
  const otherDevice = { ...ALICE, vu: 'd01b' };
  const lost = createDeck(world, { ...ALICE, vu: 'd01a' }, '1795743695100', 'Deck d01a', T0 + 14_000);
  const kept = createDeck(world, otherDevice, '1795743695090', 'Probe d01b', T0 + 13_990, 80);
  userOf(world.users, 1).decks = { [HISTORY_DECK]: 'History', '1795743695090': 'Probe d01b' };
  const violation = only(judge(world), 'lost-deck');
  expect(violation).toMatchObject({ vu: 'd01a', expectedUser: 'alice01', expectedUserId: 1, expectedDeck: '1795743695100', expectedDeckName: 'Deck d01a', actual: [], opIds: [lost.id] });
  expect(violation.cause).toMatchObject({ kind: 'deck-list-overwritten', opIds: [kept.id] });
  expect(violation.message).toBe(
    `Deck 1795743695100 (Deck d01a), created by d01a at 01:41:35.000 (${lost.id}, answered 201), is not in user_1.db (alice01) — the server acknowledged the deck and then lost it. ` +
      `Cause (deck-list-overwritten): d01b (same user alice01) created deck 1795743695090 (Probe d01b) in a request sent at 01:41:34.990 and answered at 01:41:35.070 (${kept.id}), while ${lost.id} was in flight — the server reads the user's whole deck list and writes it back, so the list that request wrote did not hold this deck.`,
  );
});

test('lost-deck: nobody else wrote the list meanwhile, so the cause is unknown; a deck kept, deleted later, or refused is no violation', () => {
  const world = cleanWorld();
  const gone = createDeck(world, ALICE, '1795743695100', 'Gone', T0 + 14_000);
  createDeck(world, BOB, '1795743695200', 'Other user, same time', T0 + 14_000);
  createDeck(world, ALICE, '1795743696100', 'Kept', T0 + 15_000);
  createDeck(world, ALICE, '1795743697100', 'Deleted', T0 + 16_000);
  world.h.op(ALICE, 'delete_deck', { at: T0 + 17_000, method: 'DELETE', path: '/decks/1795743697100', intent: { deckId: '1795743697100' } });
  world.h.op(ALICE, 'create_deck', {
    at: T0 + 18_000,
    method: 'POST',
    path: '/decks',
    status: 409,
    outcome: 'fail',
    body: { error: 'A deck with this name already exists' },
    intent: { deckName: 'Kept' },
  });
  userOf(world.users, 1).decks = { [HISTORY_DECK]: 'History', '1795743696100': 'Kept' };
  userOf(world.users, 2).decks = { '1795743695200': 'Other user, same time' };
  const violation = only(judge(world), 'lost-deck');
  expect(violation.opIds).toEqual([gone.id]);
  expect(violation.cause).toMatchObject({ kind: 'unknown' });
  expect(violation.message).toContain(`Cause unknown — missing: another request of alice01 writing the deck list while ${gone.id} was in flight`);
});

test('lost-deck: two creations in one millisecond share an id and the later replaces the earlier under it', () => {
  const world = cleanWorld();
  const first = createDeck(world, { ...ALICE, vu: 'd01a' }, '1795743695100', 'A8', T0 + 14_000);
  const second = createDeck(world, { ...ALICE, vu: 'd01b' }, '1795743695100', 'B8', T0 + 14_000);
  userOf(world.users, 1).decks = { [HISTORY_DECK]: 'History', '1795743695100': 'A8' };
  const violation = only(judge(world), 'lost-deck');
  expect(violation).toMatchObject({ vu: 'd01b', opIds: [second.id], expectedDeckName: 'B8' });
  expect(violation.cause).toMatchObject({ kind: 'deck-id-collision', opIds: [first.id] });
  expect(violation.message).toContain('is not in user_1.db (alice01): its id holds deck "A8"');
  expect(violation.message).toContain(`Cause (deck-id-collision): d01a (same user alice01) created deck "A8" with the same id 1795743695100 (${first.id}`);
});

test('indeterminate adds are reported landed or not landed and never counted lost', () => {
  const world = cleanWorld();
  const { card } = world.h.add({ ...ALICE, seq: 12, deckId: HISTORY_DECK, at: T0 + 12_000, outcome: 'info' });
  userOf(world.users, 1).cards.push(rowFor(card, T0 + 12_001, HISTORY_DECK));
  world.h.add({ ...ALICE, seq: 13, deckId: HISTORY_DECK, at: T0 + 13_000, outcome: 'info' });
  const verdict = judge(world);
  expect(verdict.violations).toEqual([]);
  const landed = verdict.observations.filter((o) => o.kind === 'indeterminate-landed');
  const notLanded = verdict.observations.filter((o) => o.kind === 'indeterminate-not-landed');
  expect(landed.map((o) => o.evidence.marker)).toEqual(['alice01_12']);
  expect(notLanded.map((o) => o.evidence.marker)).toEqual(['alice01_13']);
  expect(verdict.reconciliation[0]).toMatchObject({ indeterminateAdds: 2, cardsInOwnDb: 4, difference: -1, explainedBy: { 'indeterminate-landed': -1 } });
});

test('review-mismatch: an acknowledged answer without a revlog row', () => {
  const world = cleanWorld();
  world.h.answer(CAROL, SAMPLE_CARD + 2, 4, T0 + 7000);
  const violation = only(judge(world), 'review-mismatch');
  expect(violation.cardId).toBe(SAMPLE_CARD + 2);
  expect(violation.message).toContain('has no revlog row for it');
});

test('review-mismatch: a revlog row for a card never answered', () => {
  const world = cleanWorld();
  userOf(world.users, 3).revlog!.push({ id: T0 + 7000, cardId: SAMPLE_CARD + 5, ease: 2 });
  const violation = only(judge(world), 'review-mismatch');
  expect(violation.cardId).toBe(SAMPLE_CARD + 5);
  expect(violation.message).toContain('that no answer in the history accounts for');
});

test('review-mismatch: an answer applied to another card is one violation naming both cards', () => {
  const world = cleanWorld();
  world.h.answer(CAROL, SAMPLE_CARD + 2, 3, T0 + 7000);
  userOf(world.users, 3).revlog!.push({ id: T0 + 7010, cardId: SAMPLE_CARD + 3, ease: 3 });
  const violation = only(judge(world), 'review-mismatch');
  expect(violation.message).toContain(`recorded card ${SAMPLE_CARD + 3} with ease 3 instead — the answer was applied to another card`);
});

test('review-mismatch: a browser answer recorded on another card than the one on screen names both', () => {
  const world = cleanWorld();
  const answer = world.h.answer(CAROL, SAMPLE_CARD + 2, 3, T0 + 7000);
  // The session remembered card +2 (what the recorder saw last), but the screen showed +4.
  answer.intent = { ...answer.intent, shownCardId: SAMPLE_CARD + 4 };
  userOf(world.users, 3).revlog!.push({ id: T0 + 7010, cardId: SAMPLE_CARD + 2, ease: 3 });
  const violation = only(judge(world), 'review-mismatch');
  expect(violation.cardId).toBe(SAMPLE_CARD + 4);
  expect(violation.message).toContain(`answered card ${SAMPLE_CARD + 4} (the card on screen)`);
  expect(violation.message).toContain(`recorded card ${SAMPLE_CARD + 2} with ease 3 instead`);
});

test('review-mismatch: two answers misapplied in a row are two violations, each naming the row written in its own flight', () => {
  const world = cleanWorld();
  // First answer (card +4) was applied to +2; the next one (card +6), 300 ms later, to +4.
  world.h.answer(CAROL, SAMPLE_CARD + 4, 1, T0 + 7000);
  world.h.answer(CAROL, SAMPLE_CARD + 6, 1, T0 + 7300);
  userOf(world.users, 3).revlog!.push({ id: T0 + 7010, cardId: SAMPLE_CARD + 2, ease: 1 }, { id: T0 + 7310, cardId: SAMPLE_CARD + 4, ease: 1 });
  const violations = judge(world).violations.filter((v) => v.class === 'review-mismatch');
  expect(violations.map((v) => v.cardId)).toEqual([SAMPLE_CARD + 4, SAMPLE_CARD + 6]);
  expect(violations[0]!.message).toContain(`recorded card ${SAMPLE_CARD + 2} with ease 1 instead`);
  expect(violations[1]!.message).toContain(`recorded card ${SAMPLE_CARD + 4} with ease 1 instead`);
});

test('review-mismatch: one answer recorded twice', () => {
  const world = cleanWorld();
  userOf(world.users, 3).revlog!.push({ id: T0 + 5015, cardId: SAMPLE_CARD, ease: 3 });
  const violation = only(judge(world), 'review-mismatch');
  expect(violation.message).toContain('one answer was recorded more than once');
});

test('session-mismatch: an identity probe shows another user probe deck', () => {
  const world = cleanWorld();
  const aliceProbe = { ...ALICE, vu: 's01' };
  const bobProbe = { ...BOB, vu: 's02' };
  world.h.op(bobProbe, 'list_decks', { at: T0 + 3000, path: '/decks', intent: { probeDeckName: 'probe bob02' }, body: [{ id: '9', name: 'probe bob02' }] });
  world.h.op(aliceProbe, 'list_decks', {
    at: T0 + 4000,
    path: '/decks',
    intent: { probeDeckName: 'probe alice01' },
    body: [
      { id: '1', name: 'MyFirstDeck' },
      { id: '9', name: 'probe bob02' },
    ],
  });
  const violation = only(judge(world), 'session-mismatch');
  expect(violation.vu).toBe('s01');
  expect(violation.message).toContain(`saw bob02's probe deck "probe bob02" and did not see its own probe deck "probe alice01"`);
});

test('session-mismatch: a 401 on a request sent with a valid session', () => {
  const world = cleanWorld();
  world.h.op(BOB, 'list_decks', { at: T0 + 3000, path: '/decks', status: 401, outcome: 'fail', body: { error: 'Authentication required' }, sessionValid: true });
  world.h.op(BOB, 'login', { at: T0 + 3500, path: '/login', status: 401, outcome: 'fail', sessionValid: true });
  world.h.op(BOB, 'list_decks', { at: T0 + 4000, path: '/decks', status: 401, outcome: 'fail', sessionValid: false });
  const violation = only(judge(world), 'session-mismatch');
  expect(violation.message).toContain('got 401 on GET /decks');
});

test('server errors are counted by cause from the response when there is no log', () => {
  const world = cleanWorld();
  world.h.add({ ...ALICE, seq: '3b', deckId: HISTORY_DECK, at: T0 + 3100, outcome: 'fail' });
  const verdict = judge(world);
  expect(verdict.serverErrorCauses).toEqual({ '"Database error occurred while adding card"': 1 });
});

test('server errors are classified from the matching log line of the same user', () => {
  const world = cleanWorld();
  world.h.add({ ...ALICE, seq: '3b', deckId: HISTORY_DECK, at: T0 + 3100, outcome: 'fail' });
  world.h.op(BOB, 'get_review', { at: T0 + 3200, path: '/review', status: 500, outcome: 'fail', body: { error: 'x' } });
  const log = test.info().outputPath('server.log');
  // Written as the target writes it: local time, no zone, so the test holds in any time zone.
  fs.writeFileSync(
    log,
    formatLogLine(new Date(T0 + 3110), 'ERROR', 7, 'Database error adding card for user 1: UNIQUE constraint failed: notes.id') +
      formatLogLine(new Date(T0 + 3210), 'ERROR', 8, 'Database error in get_next_card for user 2: disk I/O error'),
  );
  writeDataDir(world.dir, world.users);
  const verdict = auditOf(world.dir, world.h.ops, { serverLog: log });
  expect(verdict.serverErrorCauses).toEqual({ 'id-collision': 1, '"Database error in get_next_card for user N: disk I/O error"': 1 });
});

test('review-mismatch: answers that are mostly misapplied do not widen the window that catches them', () => {
  const world = cleanWorld();
  // Card +4 answered at 7 s was applied to +2; card +6 answered a second later was applied to +4.
  // A window widened to the 2 s tolerance would let the first answer claim the second one's row.
  world.h.answer(CAROL, SAMPLE_CARD + 4, 1, T0 + 7000);
  world.h.answer(CAROL, SAMPLE_CARD + 6, 1, T0 + 8000);
  userOf(world.users, 3).revlog!.push({ id: T0 + 7010, cardId: SAMPLE_CARD + 2, ease: 1 }, { id: T0 + 8010, cardId: SAMPLE_CARD + 4, ease: 1 });
  const violations = judge(world).violations.filter((v) => v.class === 'review-mismatch');
  expect(violations.map((v) => v.cardId)).toEqual([SAMPLE_CARD + 4, SAMPLE_CARD + 6]);
  expect(violations[0]!.message).toContain(`recorded card ${SAMPLE_CARD + 2} with ease 1 instead`);
});

test('review-mismatch: a server clock measured 3 s ahead by its Date headers moves the window, not the verdict', () => {
  const world = cleanWorld();
  const answer = world.h.answer(CAROL, SAMPLE_CARD + 2, 3, T0 + 30_000);
  // Every response of the run said the server's clock read 3 s later than ours.
  for (const op of world.h.ops) op.serverDate = Math.floor((op.sentAt + 3_000) / 1000) * 1000;
  userOf(world.users, 3).revlog!.push({ id: answer.sentAt + 3_050, cardId: SAMPLE_CARD + 2, ease: 3 });
  const verdict = judge(world);
  expect(verdict.violations.filter((v) => v.class === 'review-mismatch')).toEqual([]);
});

test('session-mismatch: a probe deck whose creation went unanswered is not required in the list; one created is', () => {
  const world = cleanWorld();
  const aliceProbe = { ...ALICE, vu: 't01' };
  // The creation timed out (a worker crashed under it): the deck may never have been made.
  world.h.op(aliceProbe, 'create_deck', { at: T0 + 3000, path: '/decks', status: null, outcome: 'info', body: null, intent: { deckName: 'probe alice01' } });
  world.h.op(aliceProbe, 'list_decks', { at: T0 + 4000, path: '/decks', intent: { probeDeckName: 'probe alice01' }, body: [{ id: '1', name: 'MyFirstDeck' }] });
  expect(judge(world).violations.filter((v) => v.class === 'session-mismatch')).toEqual([]);

  // Control: acknowledged and in the database, so the list must show it.
  const created = cleanWorld();
  created.h.op(aliceProbe, 'create_deck', { at: T0 + 3000, path: '/decks', status: 201, body: { id: '9', name: 'probe alice01' }, intent: { deckName: 'probe alice01' } });
  created.h.op(aliceProbe, 'list_decks', { at: T0 + 4000, path: '/decks', intent: { probeDeckName: 'probe alice01' }, body: [{ id: '1', name: 'MyFirstDeck' }] });
  userOf(created.users, 1).decks = { [HISTORY_DECK]: 'History', '9': 'probe alice01' };
  expect(only(judge(created), 'session-mismatch').message).toContain('did not see its own probe deck "probe alice01"');

  // Acknowledged but gone from the database: a lost deck, which a list cannot show whoever it serves.
  const lostDeck = cleanWorld();
  lostDeck.h.op(aliceProbe, 'create_deck', { at: T0 + 3000, path: '/decks', status: 201, body: { id: '9', name: 'probe alice01' }, intent: { deckName: 'probe alice01' } });
  lostDeck.h.op(aliceProbe, 'list_decks', { at: T0 + 4000, path: '/decks', intent: { probeDeckName: 'probe alice01' }, body: [{ id: '1', name: 'MyFirstDeck' }] });
  expect(only(judge(lostDeck), 'lost-deck').expectedDeckName).toBe('probe alice01');
});
