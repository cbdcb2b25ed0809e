/**
 * The last rules of the card judge (db/judges/card-judge.ts): whose card a stored card is when
 * no stored front names its user, and that a card with a copy in its owner's database is judged
 * there even when another copy was misrouted.
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

const T = Date.UTC(2026, 10, 27, 3, 0, 0);
const C = 1_795_743_900_001;
const USERS: Record<string, number> = { alice01: 1, bob02: 2 };

/** A card row of `username`'s database (deck 5, History, card C unless told). */
function row(username: string, front: string, back: string, over: Partial<CardLocation> = {}): CardLocation {
  return { userId: USERS[username]!, username, dbFile: `user_${USERS[username]}.db`, cardId: C, noteId: 9, deckId: '5', deckName: 'History', front, back, ...over };
}

/** The judge's view: admin.db's two users, the history, the stored cards indexed by marker, and a server log of `lines` (none: no log). */
function contextOf(history: Operation[], cards: CardLocation[], lines?: Line[]): AuditContext {
  const byMarker = new Map<string, CardLocation[]>();
  for (const card of cards) {
    const marker = markerIdOf(card.front, card.back)!;
    byMarker.set(marker, [...(byMarker.get(marker) ?? []), card]);
  }
  return {
    index: { userIdByUsername: new Map(Object.entries(USERS)), byMarker, unreadable: [] } as unknown as DatabaseIndex,
    history,
    log: lines ? indexedLog(lines) : null,
    clockToleranceMs: 0,
    clock: { agree: true, toleranceMs: 0 } as ClockOffset,
    sessionFiles: null,
  };
}

test('a card not sent in this run whose front names no user belongs to the user its marker id names', () => {
  const findings = judgeCards(contextOf([], [row('bob02', 'When did Rome fall?', '476 [MARKER:alice01_99]')]));
  expect(findings.violations.map((v) => v.class)).toEqual(['misrouted']);
  expect(findings.violations[0]).toMatchObject({ marker: 'alice01_99', expectedUser: 'alice01', expectedUserId: 1, opIds: [] });
  expect(findings.violations[0]!.message).toContain(`Card alice01_99 (id ${C}) of alice01, not in this run's history, is in user_2.db (bob02)`);
});

test("when no stored front names a user, the history's sender owns the card, not whatever its marker id's prefix reads", () => {
  // alice01 sent a card whose marker id does not start with her name and whose front has no
  // [USER:] header; both its copies are in her database: a duplicate, and nothing misrouted.
  const back = 'Answer [MARKER:deck_7]';
  const add = aliceAdd(T, C, { marker: 'deck_7', front: 'What year?', back, deckId: '5', deckName: 'History' });
  const findings = judgeCards(contextOf([add], [row('alice01', 'What year?', back), row('alice01', 'What year?', back, { cardId: C + 1 })]));
  expect(findings.violations.map((v) => v.class)).toEqual(['duplicate']);
  expect(findings.violations[0]).toMatchObject({ marker: 'deck_7', expectedUser: 'alice01', expectedUserId: 1 });
});

test("a card stored in its owner's database and misrouted to another is still judged in its owner's copy", () => {
  const card = buildCard({ username: 'alice01', seq: '7', timeMs: T, topic: 'x' }, 'Q', 'A');
  const add = aliceAdd(T, C, { marker: card.id, front: card.front, back: card.back, deckId: '5', deckName: 'History' });
  // Her own copy sits in deck 1, not the deck 5 she added to; bob02 holds the other copy.
  const findings = judgeCards(contextOf([add], [row('alice01', card.front, card.back, { deckId: '1', deckName: 'Default' }), row('bob02', card.front, card.back)]));
  expect(findings.violations.map((v) => v.class).sort()).toEqual(['duplicate', 'misrouted', 'wrong-deck']);
  expect(findings.violations.find((v) => v.class === 'wrong-deck')).toMatchObject({ actual: [expect.objectContaining({ username: 'alice01', deckId: '1' })] });
  // Acknowledged and in its own database: the misrouted copy does not explain its fate.
  expect(findings.fates).toEqual([{ marker: card.id, vu: 'w01', owner: 'alice01', state: 'acknowledged', inOwnDb: true, explainedBy: null }]);
});

test("of two copies in the owner's database, only the one outside the add's deck is the wrong-deck card", () => {
  const card = buildCard({ username: 'alice01', seq: '7', timeMs: T, topic: 'x' }, 'Q', 'A');
  const add = aliceAdd(T, C, { marker: card.id, front: card.front, back: card.back, deckId: '5', deckName: 'History' });
  const findings = judgeCards(contextOf([add], [row('alice01', card.front, card.back), row('alice01', card.front, card.back, { cardId: C + 1, deckId: '1', deckName: 'Default' })]));
  expect(findings.violations.map((v) => v.class)).toEqual(['duplicate', 'wrong-deck']);
  expect(findings.violations[1]).toMatchObject({ cardId: C + 1, actual: [expect.objectContaining({ cardId: C + 1, deckId: '1' })] });
  expect(findings.violations[1]!.actual).toHaveLength(1);
});

test("a lost or altered card's evidence holds its owner's log lines even when the add recorded no user id", () => {
  const card = buildCard({ username: 'alice01', seq: '7', timeMs: T, topic: 'x' }, 'Q', 'A');
  const add = aliceAdd(T, C, { marker: card.id, front: card.front, back: card.back, deckId: '5', deckName: 'History' }, { userId: null });
  const lines = [{ at: T + 10, message: 'Opened collection for user 1' }];
  const lost = judgeCards(contextOf([add], [], lines));
  expect(lost.violations.map((v) => v.class)).toEqual(['lost']);
  expect(lost.violations[0]!.logLines).toEqual([expect.stringContaining('Opened collection for user 1')]);
  const altered = judgeCards(contextOf([add], [row('alice01', card.front, 'Another answer [MARKER:alice01_7]')], lines));
  expect(altered.violations.map((v) => v.class)).toEqual(['content-mismatch']);
  expect(altered.violations[0]!.logLines).toEqual([expect.stringContaining('Opened collection for user 1')]);
});

test("a card not sent in this run belongs to the user its stored front names, before its marker id's prefix", () => {
  // Front [USER:bob02] over back [MARKER:alice01_99]: in bob02's database it is his own card, in alice01's it is his, misrouted.
  const front = buildCard({ username: 'bob02', seq: '99', timeMs: T, topic: 'x' }, 'Q', 'A').front;
  const back = 'A [MARKER:alice01_99]';
  expect(judgeCards(contextOf([], [row('bob02', front, back)])).violations).toEqual([]);
  const inAlices = judgeCards(contextOf([], [row('alice01', front, back)])).violations;
  expect(inAlices.map((v) => [v.class, v.expectedUser])).toEqual([['misrouted', 'bob02']]);
});
