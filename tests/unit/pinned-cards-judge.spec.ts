/**
 * Where every card went (db/judges/card-judge.ts), rule by rule: each test builds the history,
 * the cards each database holds and, when it matters, the server log, and pins the class, the
 * fate, the fields and the sentence the card judge must come to.
 */
import { test, expect } from '@playwright/test';
import type { Operation } from '../../helpers/history/operation.ts';
import { aliceAdd } from './support/alice-add.ts';
import { buildCard, markerIdOf } from '../../helpers/history/markers.ts';
import type { AuditContext } from '../../db/audit-context.ts';
import type { DatabaseIndex } from '../../db/database-index.ts';
import type { ClockOffset } from '../../db/clock-offset.ts';
import type { CardLocation } from '../../db/verdict.ts';
import { indexedLog, type LogLine as Line } from './support/log-lines.ts';
import { judgeCards } from '../../db/judges/card-judge.ts';

const T = Date.UTC(2026, 10, 27, 1, 0, 0);
const C = 1_795_743_700_001;
const CARD = buildCard({ username: 'alice01', seq: '7', timeMs: T, topic: 'x' }, 'Q', 'A');
const MARKER = CARD.id;
const USERS: Record<string, number> = { alice01: 1, bob02: 2 };

/** alice01's add of CARD by w01 to deck 5 (History), sent at T, answered 201 with card C. */
const add = (over: Partial<Operation> = {}): Operation => aliceAdd(T, C, { marker: MARKER, front: CARD.front, back: CARD.back, deckId: '5', deckName: 'History' }, over);
const refused = (over: Partial<Operation> = {}) => add({ status: 500, body: { error: 'boom' }, outcome: 'fail', ...over });
const unanswered = (over: Partial<Operation> = {}) => add({ status: null, body: null, error: 'timeout', outcome: 'info', ...over });

/** CARD stored in `username`'s database, in deck 5, as card C. */
function stored(username: string, over: Partial<CardLocation> = {}): CardLocation {
  return { userId: USERS[username]!, username, dbFile: `user_${USERS[username]}.db`, cardId: C, noteId: 9, deckId: '5', deckName: 'History', front: CARD.front, back: CARD.back, ...over };
}

function contextOf(history: Operation[], cards: CardLocation[], options: { lines?: Line[]; users?: [string, number][]; unreadable?: number[] } = {}): AuditContext {
  const byMarker = new Map<string, CardLocation[]>();
  for (const card of cards) {
    const marker = markerIdOf(card.front, card.back)!;
    byMarker.set(marker, [...(byMarker.get(marker) ?? []), card]);
  }
  return {
    index: {
      userIdByUsername: new Map(options.users ?? Object.entries(USERS)),
      byMarker,
      unreadable: (options.unreadable ?? []).map((userId) => ({ userId })),
    } as unknown as DatabaseIndex,
    history,
    log: options.lines ? indexedLog(options.lines) : null,
    clockToleranceMs: 0,
    clock: { agree: true, toleranceMs: 0 } as ClockOffset,
    sessionFiles: null,
  };
}

/** A line about user 2 (not the requester) and a line naming card C and no user, both in flight. */
const EVIDENCE: Line[] = [
  { at: T + 5, message: 'opened database for user 2' },
  { at: T + 6, message: `touched card ${C}` },
  { at: T + 7, message: 'request for user 1' },
];
const SUCCESS = (userId: number, username: string): Line => ({ at: T + 8, message: `ADD_CARD_SUCCESS | PID:41 | CardID:${C} | UserID:${userId} | Username:${username}` });

test('an acknowledged add stored nowhere is lost; its fate says so and the acknowledgement is quoted as sent', () => {
  const findings = judgeCards(contextOf([add({ body: {} })], []));
  expect(findings.violations.map((v) => v.class)).toEqual(['lost']);
  expect(findings.violations[0]!.message).toBe(`Card ${MARKER} added by w01 to deck 5 (History) at 01:00:00.000 was acknowledged (201) but is in no database — the server lost an acknowledged write.`);
  expect(findings.fates).toEqual([{ marker: MARKER, vu: 'w01', owner: 'alice01', state: 'acknowledged', inOwnDb: false, explainedBy: 'lost' }]);
  expect(findings.lateEffects).toEqual([]);
  expect(findings.observations).toEqual([]);
});

test("a lost card's evidence includes a line naming its card id and no user", () => {
  const lost = judgeCards(contextOf([add()], [], { lines: EVIDENCE })).violations[0]!;
  expect(lost.logLines).toEqual([expect.stringContaining(`touched card ${C}`), expect.stringContaining('request for user 1')]);
});

test('a refused add stored nowhere is neither a violation nor an observation', () => {
  const findings = judgeCards(contextOf([refused()], []));
  expect(findings.violations).toEqual([]);
  expect(findings.observations).toEqual([]);
  expect(findings.fates).toEqual([{ marker: MARKER, vu: 'w01', owner: 'alice01', state: 'failed', inOwnDb: false, explainedBy: null }]);
});

test("a refused add stored only in another user's database is phantom and misrouted, and the phantom fate is not claimed", () => {
  const findings = judgeCards(contextOf([refused()], [stored('bob02')]));
  expect(findings.violations.map((v) => v.class).sort()).toEqual(['misrouted', 'phantom']);
  expect(findings.fates[0]!.explainedBy).toBeNull();
  const phantom = findings.violations.find((v) => v.class === 'phantom')!;
  // The refused send's deck is the one expected: no acknowledged send exists.
  expect(phantom).toMatchObject({ expectedUser: 'alice01', expectedUserId: 1, expectedDeck: '5', expectedDeckName: 'History' });
});

test("a phantom card's evidence: lines about the database's user and naming the card, and the writer's lines", () => {
  const lines = [...EVIDENCE, SUCCESS(1, 'alice01')];
  const findings = judgeCards(contextOf([refused()], [stored('alice01')], { lines }));
  const phantom = findings.violations.find((v) => v.class === 'phantom')!;
  expect(phantom.logLines).toEqual(expect.arrayContaining([expect.stringContaining(`touched card ${C}`)]));
  expect(phantom).toMatchObject({ workerPid: 41, writtenBy: { pid: 41, writeUserId: 1 } });
  expect(findings.fates[0]!.explainedBy).toBe('phantom');
  const foreign = judgeCards(contextOf([refused()], [stored('bob02')], { lines: EVIDENCE })).violations.find((v) => v.class === 'phantom')!;
  expect(foreign.logLines).toEqual(expect.arrayContaining([expect.stringContaining('opened database for user 2')]));
});

test("an unanswered add that landed only in another user's database is not counted as landed in its own", () => {
  const findings = judgeCards(contextOf([unanswered()], [stored('bob02')], { lines: EVIDENCE }));
  expect(findings.fates[0]).toMatchObject({ state: 'indeterminate', inOwnDb: false, explainedBy: null });
  expect(findings.observations).toEqual([
    {
      kind: 'indeterminate-landed',
      message: `Card ${MARKER}: w01's add at 01:00:00.000 got no definite answer (no response (timeout)) and did land in user_2.db (bob02) as id ${C} in deck 5 (History).`,
      evidence: expect.objectContaining({ marker: MARKER, vu: 'w01', expectedUser: 'alice01', expectedDeck: '5', opIds: ['w01#7'], actual: [stored('bob02')] }),
    },
  ]);
  expect(findings.observations[0]!.evidence.logLines).toEqual([
    expect.stringContaining('opened database for user 2'),
    expect.stringContaining(`touched card ${C}`),
    expect.stringContaining('request for user 1'),
  ]);
});

test('an unanswered add stored nowhere is an observation that it did not land', () => {
  const findings = judgeCards(contextOf([unanswered()], []));
  expect(findings.observations.map((o) => [o.kind, o.message])).toEqual([
    ['indeterminate-not-landed', `Card ${MARKER}: w01's add at 01:00:00.000 got no definite answer (no response (timeout)) and is in no database.`],
  ]);
});

test("a misrouted card's message counts the copies in its owner's database", () => {
  const one = judgeCards(contextOf([add()], [stored('alice01'), stored('bob02')])).violations.find((v) => v.class === 'misrouted')!;
  expect(one.message).toBe(
    `Card ${MARKER} (id ${C}) added by w01 to deck 5 (History) at 01:00:00.000 is in user_2.db (bob02) (and 1 copy in its owner's database) — the server wrote it into another user's database.`,
  );
  const two = judgeCards(contextOf([add()], [stored('alice01'), stored('alice01', { cardId: C + 1 }), stored('bob02')])).violations.find((v) => v.class === 'misrouted')!;
  expect(two.message).toContain("is in user_2.db (bob02) (and 2 copies in its owner's database) — the server");
});

test("a misrouted card's evidence: lines about the foreign database's user and naming the card, with the writer", () => {
  const lines = [...EVIDENCE, SUCCESS(2, 'bob02')];
  const misrouted = judgeCards(contextOf([add()], [stored('bob02')], { lines })).violations[0]!;
  expect(misrouted.class).toBe('misrouted');
  expect(misrouted.logLines).toEqual(expect.arrayContaining([expect.stringContaining('opened database for user 2'), expect.stringContaining(`touched card ${C}`)]));
  expect(misrouted).toMatchObject({ workerPid: 41, writtenBy: { pid: 41, writeUserId: 2 } });
});

test('a card no request of the history added gets no log evidence: nothing bounds its time', () => {
  const findings = judgeCards(contextOf([], [stored('bob02'), stored('bob02', { cardId: C + 1 })], { lines: EVIDENCE }));
  expect(findings.violations.map((v) => v.class).sort()).toEqual(['duplicate', 'misrouted']);
  for (const violation of findings.violations) expect(violation.logLines).toEqual([]);
  expect(findings.violations.find((v) => v.class === 'misrouted')!.message).toContain(`of alice01, not in this run's history, is in user_2.db (bob02) and user_2.db (bob02)`);
  expect(findings.violations.find((v) => v.class === 'duplicate')!.message).toBe(
    `Card ${MARKER} is stored 2 times (user_2.db (bob02) as id ${C} in deck 5 (History); user_2.db (bob02) as id ${C + 1} in deck 5 (History)) — one add produced several cards.`,
  );
});

test('a duplicate says how often its card was sent, with the evidence and writer of its first copy', () => {
  const lines = [...EVIDENCE, SUCCESS(1, 'alice01')];
  const copies = [stored('alice01'), stored('alice01', { cardId: C + 1 })];
  const once = judgeCards(contextOf([add()], copies, { lines })).violations[0]!;
  expect(once.class).toBe('duplicate');
  expect(once.message).toContain(`in deck 5 (History)) though w01 sent it once (first at 01:00:00.000) — one add produced several cards.`);
  expect(once.logLines).toEqual(expect.arrayContaining([expect.stringContaining(`touched card ${C}`)]));
  expect(once).toMatchObject({ workerPid: 41, writtenBy: { writeUserId: 1 } });
  const twice = judgeCards(contextOf([add(), add({ id: 'w01#8', sentAt: T + 1000, returnedAt: T + 1020 })], copies)).violations[0]!;
  expect(twice.message).toContain(' though w01 sent it 2 times (first at 01:00:00.000) — one add');
});

test("a duplicate's evidence includes lines about every database's user holding a copy", () => {
  const copies = [stored('alice01'), stored('bob02', { cardId: C + 1 })];
  const duplicate = judgeCards(contextOf([add()], copies, { lines: EVIDENCE })).violations.find((v) => v.class === 'duplicate')!;
  expect(duplicate.logLines).toEqual(expect.arrayContaining([expect.stringContaining('opened database for user 2')]));
});

test('a stored card holding other content than sent: only the copies that differ, and only the fields that differ', () => {
  const altered = stored('alice01', { cardId: C + 1, back: `other [MARKER:${MARKER}]` });
  const findings = judgeCards(
    contextOf([add()], [stored('alice01'), altered], { lines: [...EVIDENCE, { ...SUCCESS(1, 'alice01'), message: SUCCESS(1, 'alice01').message.replace(String(C), String(C + 1)) }] }),
  );
  const content = findings.violations.find((v) => v.class === 'content-mismatch')!;
  expect(content.actual).toEqual([altered]);
  expect(content.message).toBe(
    `Card ${MARKER} (id ${C + 1}) added by w01 at 01:00:00.000 is in the right database, user_1.db (alice01), but holds back "other [MARKER:${MARKER}]" (sent "A [MARKER:${MARKER}]") — the server stored different content than was sent.`,
  );
  expect(content).toMatchObject({ workerPid: 41 });
  const front = stored('alice01', { front: `${CARD.front} changed` });
  const frontOnly = judgeCards(contextOf([add()], [front])).violations.find((v) => v.class === 'content-mismatch')!;
  expect(frontOnly.message).toContain(`but holds front ${JSON.stringify(`${CARD.front} changed`)} (sent ${JSON.stringify(CARD.front)}) — the server`);
  const both = judgeCards(contextOf([add()], [stored('alice01', { front: `${CARD.front} x`, back: `y [MARKER:${MARKER}]` })])).violations[0]!;
  expect(both.message).toContain(`(sent ${JSON.stringify(CARD.front)}) and back "y [MARKER:${MARKER}]" (sent "A [MARKER:${MARKER}]")`);
});

test("a content mismatch's evidence includes a line naming the card and no user", () => {
  const content = judgeCards(contextOf([add()], [stored('alice01', { back: `z [MARKER:${MARKER}]` })], { lines: EVIDENCE })).violations[0]!;
  expect(content.class).toBe('content-mismatch');
  expect(content.logLines).toEqual(expect.arrayContaining([expect.stringContaining(`touched card ${C}`)]));
});

test('an add that sent no content or named no deck is not judged for content or deck', () => {
  const bare = add({ intent: { marker: MARKER } });
  expect(judgeCards(contextOf([bare], [stored('alice01', { deckId: '9', back: `z [MARKER:${MARKER}]` })])).violations).toEqual([]);
});

test('a card in another deck than its writer made current is wrong-deck, with the evidence and writer of that card', () => {
  const lines = [...EVIDENCE, { at: T + 7, message: 'request for user 1 again' }, SUCCESS(1, 'alice01')];
  const owner = add({ userId: null });
  const deck = judgeCards(contextOf([owner], [stored('alice01', { deckId: '9', deckName: 'Other' })], { lines })).violations[0]!;
  expect(deck.class).toBe('wrong-deck');
  expect(deck.message).toBe(
    `Card ${MARKER} (id ${C}) added by w01 to deck 5 (History) at 01:00:00.000 sits in user_1.db (alice01) as id ${C} in deck 9 (Other) — the card is not in the deck its writer made current.`,
  );
  // The owner's id comes from admin.db here (the add carried none): lines about it are evidence.
  expect(deck.logLines).toEqual(expect.arrayContaining([expect.stringContaining('request for user 1 again'), expect.stringContaining(`touched card ${C}`)]));
  expect(deck).toMatchObject({ workerPid: 41, expectedUserId: 1 });
});

test('an owner known neither to admin.db nor from login has no user id in a violation', () => {
  const lost = judgeCards(contextOf([add({ userId: null })], [], { users: [] })).violations[0]!;
  expect(Object.keys(lost)).not.toContain('expectedUserId');
  expect(lost).toMatchObject({ expectedUser: 'alice01', expectedDeck: '5', expectedDeckName: 'History' });
});

test("the VU's own abandoned switch to the card's deck is a late effect naming the card and the deck", () => {
  const own = (over: Partial<Operation>) => add({ op: 'set_current_deck', path: '/set_current_deck', status: 200, body: {}, outcome: 'ok', intent: { deckId: '5', deckName: 'History' }, ...over });
  const abandoned = own({ id: 'w01#3', sentAt: T - 3000, returnedAt: T - 2000, status: null, body: null, outcome: 'info', intent: { deckId: '9' } });
  const later = own({ id: 'w01#5', sentAt: T - 500, returnedAt: T - 480 });
  const findings = judgeCards(contextOf([abandoned, later, add()], [stored('alice01', { deckId: '9', deckName: 'Other' })]));
  expect(findings.violations).toEqual([]);
  expect(findings.lateEffects).toEqual([{ op: abandoned, at: null, what: `card ${MARKER} filed under deck 9 (Other), the deck w01#3 switched to` }]);
});

test("the owner of a card this run sent is the history's, even where the stored front names someone else", () => {
  // alice01's add (marker alice01_7, no front sent) stored twice in bob02's database under a front naming bob02:
  // the server keeps the front it was sent, so the other name is its doing — the card is still alice01's, misrouted.
  const bobsFront = buildCard({ username: 'bob02', seq: '7', timeMs: T, topic: 'x' }, 'Q', 'A').front;
  const sent = add({ username: 'alice01', intent: { marker: MARKER, deckId: '5' } });
  const copies = [stored('bob02', { front: bobsFront }), stored('bob02', { front: bobsFront, cardId: C + 1 })];
  const findings = judgeCards(contextOf([sent], copies));
  expect(findings.violations.map((v) => [v.class, v.expectedUser])).toEqual([
    ['misrouted', 'alice01'],
    ['duplicate', 'alice01'],
  ]);
  // One copy: misrouted alone, as the card's fate says.
  expect(judgeCards(contextOf([sent], [stored('bob02', { front: bobsFront })])).violations.map((v) => [v.class, v.expectedUser])).toEqual([['misrouted', 'alice01']]);
  // Fronts that name nobody leave the history's owner.
  const plain = [stored('alice01', { front: 'plain' }), stored('alice01', { front: 'plain', cardId: C + 1 })];
  expect(judgeCards(contextOf([sent], plain)).violations.map((v) => [v.class, v.expectedUser])).toEqual([['duplicate', 'alice01']]);
});
