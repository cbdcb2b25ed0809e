/**
 * The lookups every judge shares: a username's server id (admin.db, then what the history
 * learned at login), and the log lines a verdict shows or a cause rests on — those of the
 * users involved and of the operations' own users, lines naming one of the cards, within the
 * whole span of the operations, widened by the clock tolerance when the clocks disagree.
 */
import { test, expect } from '@playwright/test';
import { evidenceAt, evidenceFor, linesInFlight, userIdOf, type AuditContext } from '../../db/audit-context.ts';
import type { DatabaseIndex } from '../../db/database-index.ts';
import type { ClockOffset } from '../../db/clock-offset.ts';
import { IN_FLIGHT_SLACK_MS } from '../../db/log-match.ts';
import { indexLog } from '../../db/log-match.ts';
import { parseServerLog } from '../../db/server-log.ts';
import { historyBuilder } from './support/history-builder.ts';
import { ALICE, T0 } from './support/checker-scenario.ts';

const CARD = 1_795_743_681_001;

interface Line {
  at: number;
  message: string;
}

function contextOf(lines: Line[] | null, clock: Partial<ClockOffset> = {}): AuditContext {
  const text = (lines ?? []).map((l) => `${new Date(l.at).toISOString()} INFO app pid=41 : ${l.message}`).join('\n');
  return {
    index: {
      userIdByUsername: new Map([
        ['alice01', 1],
        ['bob02', 2],
      ]),
      unreadable: [],
    } as unknown as DatabaseIndex,
    history: [],
    log: lines ? indexLog(parseServerLog(text)) : null,
    clockToleranceMs: 0,
    clock: { agree: true, toleranceMs: 0, ...clock } as ClockOffset,
    sessionFiles: null,
  };
}

/** Two requests of alice01 (user 1) ten seconds apart: sent at T0 and T0 + 10 s, each in flight 20 ms. */
function twoRequests() {
  const h = historyBuilder();
  const first = h.op(ALICE, 'list_decks', { at: T0 });
  const last = h.op(ALICE, 'list_decks', { at: T0 + 10_000 });
  return { first, last, ops: [first, last] };
}

const lineTexts = (lines: { text: string }[]) => lines.map((l) => l.text.replace(/^.* : /, ''));
const evidenceTexts = (lines: string[]) => lines.map((l) => l.replace(/^.* : /, ''));

test("a username's id comes from admin.db first, then from the history's login, else it is unknown", () => {
  const context = contextOf(null);
  const h = historyBuilder();
  const loggedIn = h.op({ vu: 'w09', username: 'ghost09', userId: 7 }, 'login', { at: T0 });
  const never = h.op({ vu: 'w09', username: 'ghost09', userId: 7 }, 'login', { at: T0, userId: null });
  expect(userIdOf(context, 'alice01', loggedIn)).toBe(1);
  expect(userIdOf(context, 'ghost09', loggedIn)).toBe(7);
  expect(userIdOf(context, 'ghost09', never)).toBeUndefined();
  expect(userIdOf(context, 'ghost09')).toBeUndefined();
});

test("evidence holds the lines of the users named and of the operations' own users, not of others", () => {
  const { first } = twoRequests();
  const context = contextOf([
    { at: T0 + 5, message: 'user_id=1 added a card' },
    { at: T0 + 8, message: 'user_id=2 listed decks' },
    { at: T0 + 12, message: 'user_id=3 listed decks' },
  ]);
  const evidence = evidenceFor(context, [first], [2, undefined]);
  expect(evidenceTexts(evidence.logLines)).toEqual(['user_id=1 added a card', 'user_id=2 listed decks']);
});

test('evidence of no operation is empty', () => {
  const context = contextOf([{ at: T0, message: 'user_id=1 added a card' }]);
  expect(evidenceFor(context, [], [1])).toEqual({ logLines: [] });
});

test('evidence spans every operation given, from the first sent to the last answered, and no further than the log window', () => {
  const { ops } = twoRequests();
  const context = contextOf([
    { at: T0 - 60_000, message: 'user_id=1 a minute earlier' },
    { at: T0 - 1_500, message: 'user_id=1 before the first' },
    { at: T0 + 5_000, message: 'user_id=1 between the two' },
    { at: T0 + 11_500, message: 'user_id=1 after the last' },
    { at: T0 + 60_000, message: 'user_id=1 a minute later' },
  ]);
  expect(evidenceTexts(evidenceFor(context, ops, []).logLines)).toEqual(['user_id=1 before the first', 'user_id=1 between the two', 'user_id=1 after the last']);
});

test('evidence holds a line that names one of the cards without naming a user, and not one naming another card', () => {
  const { first } = twoRequests();
  const context = contextOf([
    { at: T0 + 5, message: `stored card ${CARD}` },
    { at: T0 + 6, message: 'stored card 1795743681999' },
  ]);
  expect(evidenceTexts(evidenceFor(context, [first], [], [CARD, undefined]).logLines)).toEqual([`stored card ${CARD}`]);
});

test('evidence at a moment with no operation holds the lines of the users and cards named there', () => {
  const context = contextOf([
    { at: T0 + 5, message: 'user_id=2 answered' },
    { at: T0 + 6, message: `stored card ${CARD}` },
    { at: T0 + 7, message: 'user_id=1 answered' },
  ]);
  expect(evidenceTexts(evidenceAt(context, T0, T0 + 20, [2, undefined], [CARD]).logLines)).toEqual(['user_id=2 answered', `stored card ${CARD}`]);
});

test('no line is in flight without a log or without an operation', () => {
  const { first } = twoRequests();
  expect(linesInFlight(contextOf(null), [first], [1])).toEqual([]);
  expect(linesInFlight(contextOf([{ at: T0 + 5, message: 'user_id=1 added a card' }]), [], [1])).toEqual([]);
});

test('lines in flight span every operation given, with only the logging slack around them', () => {
  const { ops, last } = twoRequests();
  const context = contextOf([
    { at: T0 - IN_FLIGHT_SLACK_MS / 2, message: 'user_id=1 just before the first' },
    { at: T0 + 5_000, message: 'user_id=1 between the two' },
    { at: last.returnedAt + IN_FLIGHT_SLACK_MS / 2, message: 'user_id=1 just after the last' },
    { at: last.returnedAt + 5 * IN_FLIGHT_SLACK_MS, message: 'user_id=1 well after the last' },
    { at: T0 + 60_000, message: 'user_id=1 a minute later' },
  ]);
  expect(lineTexts(linesInFlight(context, ops, [1]))).toEqual(['user_id=1 just before the first', 'user_id=1 between the two', 'user_id=1 just after the last']);
});

test("when the server's clock is not ours, a line counts as in flight within the clock tolerance too", () => {
  const { first } = twoRequests();
  const lines = [{ at: first.returnedAt + IN_FLIGHT_SLACK_MS + 300, message: 'user_id=1 stamped late by its clock' }];
  expect(linesInFlight(contextOf(lines, { agree: true, toleranceMs: 500 }), [first], [1])).toEqual([]);
  expect(lineTexts(linesInFlight(contextOf(lines, { agree: false, toleranceMs: 500 }), [first], [1]))).toEqual(['user_id=1 stamped late by its clock']);
});
