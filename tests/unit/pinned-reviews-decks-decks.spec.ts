/**
 * The deck judge's rules, pinned: what counts as an acknowledged creation (and its id and
 * name), when a deck absent or renamed in the database is lost, which overlapping request of the
 * same user the deck-list-overwritten cause names, which creation the deck-id-collision cause
 * names, and when a POST /decks the client gave up on shows up as created late.
 */
import { test, expect } from '@playwright/test';
import { ALICE, BOB, HISTORY_DECK, T0, causeWorld, judgeWorld, onlyViolation, userOf, type CauseWorld } from './support/cause-world.ts';
import { clockText } from '../../db/evidence-text.ts';
import type { Operation } from '../../helpers/history/operation.ts';
import type { VuIdentity } from './support/history-builder.ts';

const DECK = '1795743695100';

/** A POST /decks of `who` at `at`, acknowledged with `body` unless `fields` say otherwise. */
function createDeck(world: CauseWorld, who: VuIdentity, at: number, body: unknown, fields: Partial<Operation> = {}): Operation {
  return world.h.op(who, 'create_deck', { at, returnedAt: at + 40, method: 'POST', path: '/decks', status: 201, body, ...fields });
}

/** alice01's decks as the audit reads them: History plus `extra`. */
function aliceDecks(world: CauseWorld, extra: Record<string, string> = {}): void {
  userOf(world.users, 1).decks = { [HISTORY_DECK]: 'History', ...extra };
}

const lostDeckIds = (world: CauseWorld) =>
  judgeWorld(world)
    .violations.filter((v) => v.class === 'lost-deck')
    .map((v) => v.expectedDeck);

test('only an acknowledged POST /decks answered with an id creates a deck the database must hold', () => {
  const world = causeWorld();
  aliceDecks(world);
  // A deck switch answered with a deck, a refused creation that names an id, bodies without a usable id.
  world.h.op(ALICE, 'set_current_deck', { at: T0 + 14_000, method: 'PUT', path: '/decks/current', body: { id: '1795743699001', name: 'Switched' }, intent: { deckId: '1795743699001' } });
  createDeck(world, ALICE, T0 + 14_100, { error: 'A deck with this name already exists', id: '1795743699002' }, { status: 409, outcome: 'fail', intent: { deckName: 'Dup' } });
  createDeck(world, ALICE, T0 + 14_200, null, { intent: { deckName: 'No body' } });
  createDeck(world, ALICE, T0 + 14_300, '<html>Created</html>', { intent: { deckName: 'Text body' } });
  createDeck(world, ALICE, T0 + 14_400, { name: 'No id' }, { intent: { deckName: 'No id' } });
  createDeck(world, ALICE, T0 + 14_500, { id: null, name: 'Null id' }, { intent: { deckName: 'Null id' } });
  const verdict = judgeWorld(world);
  expect(verdict.unjudged).toEqual([]);
  expect(verdict.violations).toEqual([]);
});

test("a deck id answered as a number is the same deck as the database's id string", () => {
  const world = causeWorld();
  createDeck(world, ALICE, T0 + 14_000, { id: Number(DECK), name: 'Numbered' }, { intent: { deckName: 'Numbered' } });
  createDeck(world, ALICE, T0 + 15_000, { id: 1_795_743_696_100, name: 'Gone' }, { intent: { deckName: 'Gone' } });
  aliceDecks(world, { [DECK]: 'Numbered' });
  expect(lostDeckIds(world)).toEqual(['1795743696100']);
});

test("a created deck's name is the one the server answered, else the one the client sent, else none", () => {
  const world = causeWorld();
  createDeck(world, ALICE, T0 + 14_000, { id: '1795743695001', name: 'Answered' }, { intent: { deckName: 'Sent' } });
  createDeck(world, ALICE, T0 + 15_000, { id: '1795743695002', name: 7 }, { intent: { deckName: 'Sent' } });
  createDeck(world, ALICE, T0 + 16_000, { id: '1795743695003' });
  aliceDecks(world);
  const violations = judgeWorld(world).violations.filter((v) => v.class === 'lost-deck');
  expect(violations.map((v) => v.expectedDeckName)).toEqual(['Answered', 'Sent', undefined]);
  expect(violations[2]!.message).toContain(`Deck 1795743695003, created by w01 at ${clockText(T0 + 16_000)}`);
});

test('a deck created without a name is kept whatever name its id holds now; an absent one is lost', () => {
  const world = causeWorld();
  createDeck(world, ALICE, T0 + 14_000, { id: DECK });
  createDeck(world, ALICE, T0 + 15_000, { id: '1795743696100' });
  aliceDecks(world, { [DECK]: 'Renamed by someone' });
  expect(lostDeckIds(world)).toEqual(['1795743696100']);
});

test('a deck deleted by its user in a request sent the same millisecond as its creation is not lost', () => {
  const world = causeWorld();
  createDeck(world, ALICE, T0 + 14_000, { id: DECK, name: 'Brief' });
  world.h.op({ ...ALICE, vu: 'w03' }, 'delete_deck', { at: T0 + 14_000, method: 'DELETE', path: `/decks/${DECK}`, intent: { deckId: DECK } });
  aliceDecks(world);
  expect(lostDeckIds(world)).toEqual([]);
});

test('a lost deck that its id now holds under another name is lost unless an acknowledged or pending rename of it by its user explains the name', () => {
  const renamed = (name: string, rename: (world: CauseWorld) => void) => {
    const world = causeWorld(name);
    createDeck(world, ALICE, T0 + 14_000, { id: DECK, name: 'Before' });
    rename(world);
    aliceDecks(world, { [DECK]: 'After' });
    return lostDeckIds(world).length;
  };
  const rename =
    (who: VuIdentity, deckId: string, fields: Partial<Operation> = {}) =>
    (world: CauseWorld) => {
      world.h.op(who, 'rename_deck', { at: T0 + 15_000, method: 'PUT', path: `/decks/${deckId}`, intent: { deckId, deckName: 'After' }, ...fields });
    };
  expect(renamed('ok', rename(ALICE, DECK))).toBe(0);
  expect(renamed('pending', rename(ALICE, DECK, { status: null, outcome: 'info', body: null }))).toBe(0);
  expect(renamed('refused', rename(ALICE, DECK, { status: 404, outcome: 'fail', body: { error: 'Deck not found' } }))).toBe(1);
  expect(renamed('other-user', rename(BOB, DECK))).toBe(1);
  expect(renamed('other-deck', rename(ALICE, '1795743696100'))).toBe(1);
  expect(
    renamed('no-intent', (world) => {
      world.h.op(ALICE, 'rename_deck', { at: T0 + 15_000, method: 'PUT', path: `/decks/${DECK}` });
    }),
  ).toBe(1);
  expect(
    renamed('switch', (world) => {
      world.h.op(ALICE, 'set_current_deck', { at: T0 + 15_000, method: 'PUT', path: '/decks/current', intent: { deckId: DECK } });
    }),
  ).toBe(1);
});

test('a lost-deck violation carries the log lines of its request, found by its user', () => {
  const world = causeWorld();
  const lost = createDeck(world, ALICE, T0 + 14_000, { id: DECK, name: 'Gone' });
  lost.userId = null;
  aliceDecks(world);
  const verdict = judgeWorld(world, [{ at: T0 + 14_020, pid: 7, message: 'User 1 (alice01) created a deck' }]);
  expect(onlyViolation(verdict, 'lost-deck').logLines).toEqual([expect.stringContaining('User 1 (alice01) created a deck')]);
  // The deck judge adds no observation of its own (the world's only one is its id collision).
  expect(verdict.observations.map((o) => o.kind)).toEqual(['id-collision']);
});

test('the overlapping write the cause names is one whose own deck survived, else the first; refused writes and writes outside the flight are not named', () => {
  const world = causeWorld();
  const lost = createDeck(world, { ...ALICE, vu: 'd01a' }, T0 + 14_000, { id: DECK, name: 'Lost' });
  // Touching the flight's ends, both overlapping: a delete sent as the creation returned, a rename answered as it was sent.
  const deleted = world.h.op({ ...ALICE, vu: 'd01b' }, 'delete_deck', { at: T0 + 14_040, method: 'DELETE', path: '/decks/1', intent: { deckId: '1' } });
  const renamed = world.h.op({ ...ALICE, vu: 'd01c' }, 'rename_deck', { at: T0 + 13_980, returnedAt: T0 + 14_000, method: 'PUT', path: '/decks/7', intent: { deckId: '7', deckName: 'R' } });
  const kept = createDeck(world, { ...ALICE, vu: 'd01d' }, T0 + 14_010, { id: '1795743695110', name: 'Kept' }, { intent: { deckName: 'Kept' } });
  // Not overlapping: refused, answered before the creation was sent, sent after it returned.
  createDeck(world, { ...ALICE, vu: 'd01e' }, T0 + 14_010, { error: 'Database is locked' }, { status: 500, outcome: 'fail', intent: { deckName: 'Refused' } });
  world.h.op({ ...ALICE, vu: 'd01f' }, 'rename_deck', { at: T0 + 13_900, returnedAt: T0 + 13_999, method: 'PUT', path: '/decks/8', intent: { deckId: '8', deckName: 'S' } });
  world.h.op({ ...ALICE, vu: 'd01g' }, 'delete_deck', { at: T0 + 14_041, method: 'DELETE', path: '/decks/9', intent: { deckId: '9' } });
  aliceDecks(world, { '1795743695110': 'Kept' });
  const violation = onlyViolation(judgeWorld(world), 'lost-deck');
  expect(violation.cause).toEqual({
    kind: 'deck-list-overwritten',
    text: `d01d (same user alice01) created deck 1795743695110 (Kept) in a request sent at ${clockText(T0 + 14_010)} and answered at ${clockText(T0 + 14_050)} (${kept.id}), while ${lost.id} was in flight — the server reads the user's whole deck list and writes it back, so the list that request wrote did not hold this deck`,
    opIds: [deleted.id, renamed.id, kept.id],
  });
});

test('with no overlapping creation whose deck survived, the cause names the first overlapping write by its deck and the name it sent', () => {
  const world = causeWorld();
  const lost = createDeck(world, { ...ALICE, vu: 'd01a' }, T0 + 14_000, { id: DECK, name: 'Lost' });
  const renamed = world.h.op({ ...ALICE, vu: 'd01b' }, 'rename_deck', { at: T0 + 14_010, method: 'PUT', path: '/decks/1', intent: { deckId: '1', deckName: 'Mine' } });
  createDeck(world, { ...ALICE, vu: 'd01c' }, T0 + 14_020, { id: '1795743695120', name: 'Also lost' }, { intent: { deckName: 'Also lost' } });
  aliceDecks(world);
  const violation = judgeWorld(world).violations.find((v) => v.opIds?.[0] === lost.id);
  expect(violation?.cause).toMatchObject({
    kind: 'deck-list-overwritten',
    text: `d01b (same user alice01) renamed deck 1 (Mine) in a request sent at ${clockText(T0 + 14_010)} and answered at ${clockText(T0 + 14_030)} (${renamed.id}), while ${lost.id} was in flight — the server reads the user's whole deck list and writes it back, so the list that request wrote did not hold this deck`,
  });
});

test("a deck replaced under its id: the cause names the same user's creation that answered the name the id holds, by VU alone when it is the lost deck's own", () => {
  const world = causeWorld();
  const lost = createDeck(world, { ...ALICE, vu: 'd01a' }, T0 + 14_000, { id: DECK, name: 'B8' });
  const other = createDeck(world, { ...ALICE, vu: 'd01b' }, T0 + 14_000, { id: DECK, name: 'C8' });
  const own = createDeck(world, { ...ALICE, vu: 'd01a' }, T0 + 14_040, { id: DECK, name: 'A8' });
  createDeck(world, BOB, T0 + 14_000, { id: DECK, name: 'A8' }); // another user's deck: another database
  aliceDecks(world, { [DECK]: 'A8' });
  userOf(world.users, 2).decks = { [DECK]: 'A8' };
  const violation = judgeWorld(world).violations.find((v) => v.opIds?.[0] === lost.id);
  expect(violation?.cause).toEqual({
    kind: 'deck-id-collision',
    text: `d01a created deck "A8" with the same id ${DECK} (${own.id}, sent at ${clockText(T0 + 14_040)}) — the server takes deck ids from the clock in milliseconds, so two creations in one millisecond share an id and the later replaced this deck under it`,
    opIds: [other.id, own.id],
  });
});

test('a deck replaced under its id by a name no creation answered: the cause names the first same-id creation with its own name, or is unknown when there is none of its user', () => {
  const world = causeWorld();
  const lost = createDeck(world, { ...ALICE, vu: 'd01a' }, T0 + 14_000, { id: DECK, name: 'B8' });
  const other = createDeck(world, { ...ALICE, vu: 'd01b' }, T0 + 14_000, { id: DECK, name: 'C8' });
  aliceDecks(world, { [DECK]: 'Outside' });
  const violation = judgeWorld(world).violations.find((v) => v.opIds?.[0] === lost.id);
  expect(violation?.cause).toMatchObject({
    kind: 'deck-id-collision',
    text: expect.stringContaining(`d01b (same user alice01) created deck "C8" with the same id ${DECK} (${other.id},`),
  });

  const alone = causeWorld('alone');
  const single = createDeck(alone, ALICE, T0 + 14_000, { id: DECK, name: 'B8' });
  createDeck(alone, BOB, T0 + 14_000, { id: DECK, name: 'Outside' });
  aliceDecks(alone, { [DECK]: 'Outside' });
  userOf(alone.users, 2).decks = { [DECK]: 'Outside' };
  expect(onlyViolation(judgeWorld(alone), 'lost-deck')).toMatchObject({
    opIds: [single.id],
    cause: { kind: 'unknown', missing: `the request that created deck "Outside" under id ${DECK} (the history holds none)` },
  });
});

test('a POST /decks given up on whose deck appears with an id after the client gave up is an applied-late creation naming the deck', () => {
  const world = causeWorld();
  const late = createDeck(world, ALICE, T0 + 14_000, null, { returnedAt: T0 + 24_000, status: null, outcome: 'info', intent: { deckName: 'Late' } });
  aliceDecks(world, { '1795743706000': 'Late' });
  const verdict = judgeWorld(world);
  expect(verdict.violations).toEqual([]);
  expect(verdict.observations.filter((o) => o.kind === 'applied-late').map((o) => o.evidence.effects)).toEqual([
    [{ opId: late.id, vu: 'w01', at: 1_795_743_706_000, what: 'deck 1795743706000 (Late) in user_1.db' }],
  ]);
});

test('no applied-late creation (nor lost deck) for a POST /decks acknowledged, another request given up on, another name, or a user without a database', () => {
  const world = causeWorld();
  const timedOut = { returnedAt: T0 + 24_000, status: null, outcome: 'info' as const, body: null };
  createDeck(world, ALICE, T0 + 14_000, { id: '1795743706000', name: 'Late' }, { intent: { deckName: 'Late' } });
  world.h.op(ALICE, 'set_current_deck', { at: T0 + 14_100, method: 'PUT', path: '/decks/current', intent: { deckId: '1795743706100', deckName: 'Switched' }, ...timedOut });
  createDeck(world, ALICE, T0 + 14_200, null, { ...timedOut, intent: { deckName: 'Never made' } });
  createDeck(world, { vu: 'd09', username: 'dave04', userId: 4 }, T0 + 14_300, null, { ...timedOut, intent: { deckName: 'Late' } });
  createDeck(world, { vu: 'd09', username: 'dave04', userId: 4 }, T0 + 14_400, { id: '1795743706400', name: 'No database' });
  aliceDecks(world, { '1795743706000': 'Late', '1795743706100': 'Switched', '1795743706200': 'Something else' });
  const verdict = judgeWorld(world);
  expect(verdict.unjudged).toEqual([]);
  expect(verdict.violations).toEqual([]);
  expect(verdict.observations.filter((o) => o.kind === 'applied-late')).toEqual([]);
});
