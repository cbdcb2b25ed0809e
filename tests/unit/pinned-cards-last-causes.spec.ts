/**
 * The last rules of the card causes and the add groups they stand on: which log line is the
 * write of a refused add, what counts as the server's error, how a marker-less add is grouped,
 * which deletions excuse a missing card, and how shared sample-card ids are summed up.
 */
import { test, expect } from '@playwright/test';
import type { Operation } from '../../helpers/history/operation.ts';
import { aliceAdd } from './support/alice-add.ts';
import type { AuditContext } from '../../db/audit-context.ts';
import type { CardIdHolder, DatabaseIndex } from '../../db/database-index.ts';
import type { ClockOffset } from '../../db/clock-offset.ts';
import type { CardLocation } from '../../db/verdict.ts';
import { indexedLog, type LogLine as Line } from './support/log-lines.ts';
import { collectAdds, type AddGroup } from '../../db/judges/add-groups.ts';
import { collectRemovals, isRemoved } from '../../db/judges/removals.ts';
import { phantomCause, writerOf } from '../../db/judges/card-causes.ts';
import { observeCollisions } from '../../db/judges/collision-observer.ts';

const T = Date.UTC(2026, 10, 27, 2, 0, 0);
const C = 1_795_743_800_001;
const MARKER = 'alice01_7';

/** alice01's add (user 1, w01) of MARKER to deck 5, sent at T and refused 20 ms later with a 500. */
const refused = (over: Partial<Operation> = {}): Operation =>
  aliceAdd(T, C, { marker: MARKER, front: 'F', back: 'B', deckId: '5', deckName: 'History' }, { status: 500, body: { error: 'boom' }, outcome: 'fail', ...over });

function groupOf(...ops: Operation[]): AddGroup {
  return collectAdds(ops).get(MARKER)!;
}

/** The audit's view for the cause functions: alice01 is user 1, and the server log holds `lines`. */
function contextWithLog(lines: Line[]): AuditContext {
  return {
    index: { userIdByUsername: new Map([['alice01', 1]]) } as unknown as DatabaseIndex,
    history: [],
    log: indexedLog(lines),
    clockToleranceMs: 0,
    clock: { agree: true, toleranceMs: 0 } as ClockOffset,
    sessionFiles: null,
  };
}

/** Card C in alice01's own database. */
const inAlice: CardLocation = { userId: 1, username: 'alice01', dbFile: 'user_1.db', cardId: C, noteId: 9, deckId: '5', deckName: 'History', front: 'F', back: 'B' };

/** The three diagnostic lines of worker 41 writing card C into alice01's file: START at T+1, TARGET_DB at T+2, SUCCESS at `successAt`. */
function diagnosticWrite(successAt: number): Line[] {
  return [
    { at: T + 1, message: 'ADD_CARD_START | PID:41 | Thread:140 | SessionUser:alice01 | SessionUserID:1 | SessionID:sid-a' },
    { at: T + 2, message: 'ADD_CARD_TARGET_DB | PID:41 | UserID:1 | DBPath:/srv/user_dbs/user_1.db' },
    { at: successAt, message: `ADD_CARD_SUCCESS | PID:41 | CardID:${C} | UserID:1 | Username:alice01` },
  ];
}

test.describe('phantomCause: the write line and the error', () => {
  test('the write of an attributed request is its success line, the last of its lines: an error between choosing the file and the success is before the write', () => {
    const lines = [...diagnosticWrite(T + 8), { at: T + 5, level: 'ERROR', message: 'pool exhausted for user 1' }];
    const context = contextWithLog(lines);
    const group = groupOf(refused());
    const writer = writerOf(context, group, inAlice);
    expect(writer?.logLines).toHaveLength(3);
    expect(phantomCause(context, group, 1, inAlice, writer)).toEqual({
      kind: 'unknown',
      missing: `a log line of the error the refused request answered with after the write of card ${C} (the log shows an error before it)`,
    });
  });

  test('an error after the success line is quoted with the success line, not with the earlier lines of the request', () => {
    const lines = [...diagnosticWrite(T + 4), { at: T + 9, level: 'ERROR', message: 'response encoding failed for user 1' }];
    const context = contextWithLog(lines);
    const group = groupOf(refused());
    const cause = phantomCause(context, group, 1, inAlice, writerOf(context, group, inAlice));
    expect(cause).toMatchObject({
      kind: 'error-after-write',
      logLines: [expect.stringContaining('ADD_CARD_SUCCESS | PID:41'), expect.stringContaining('response encoding failed')],
    });
  });

  test('without an attribution only an INFO line naming the card is its write: another line of the owner in flight is not', () => {
    const context = contextWithLog([{ at: T + 5, message: 'session refreshed for user 1' }]);
    expect(phantomCause(context, groupOf(refused()), 1, inAlice, null)).toEqual({
      kind: 'response-failed-after-commit',
      text: `while w01#7 was in flight the server stored card ${C} in user_1.db (alice01) and logged no error, yet answered 500 "boom" — the card was committed, then the response failed`,
      opIds: ['w01#7'],
      logLines: [],
    });
  });

  test("a CRITICAL line is the server's error as much as an ERROR line, whether it names the owner or nobody", () => {
    const onlyError = (message: string) => ({
      kind: 'unknown',
      missing: `a log line of the write of card ${C} during the refused request (the log shows only the error "${message}")`,
    });
    const ofOwner = contextWithLog([{ at: T + 5, level: 'CRITICAL', message: 'worker out of memory for user 1' }]);
    expect(phantomCause(ofOwner, groupOf(refused()), 1, inAlice, null)).toEqual(onlyError('worker out of memory for user 1'));
    const ofNobody = contextWithLog([{ at: T + 5, level: 'CRITICAL', message: 'worker timeout' }]);
    expect(phantomCause(ofNobody, groupOf(refused()), 1, inAlice, null)).toEqual(onlyError('worker timeout'));
  });
});

test('an add whose intent names no marker is grouped by the marker its back carries, as a stored card is indexed', () => {
  const op = aliceAdd(T, C, { front: '[USER:alice01][SEQ:7][TIME:1][TOPIC:x] Q', back: 'A [MARKER:alice01_7b]', deckId: '5' });
  expect([...collectAdds([op]).keys()]).toEqual(['alice01_7b']);
  // Without a back, the front's header decides.
  const frontOnly = aliceAdd(T, C, { front: '[USER:alice01][SEQ:7][TIME:1][TOPIC:x] Q', deckId: '5' });
  expect([...collectAdds([frontOnly]).keys()]).toEqual(['alice01_7']);
});

test.describe('removals', () => {
  const deleteDeck = (deckId: string, at: number, over: Partial<Operation> = {}): Operation => ({
    id: `w01#${at}`,
    runId: 'run',
    scenario: 'writers',
    vu: 'w01',
    username: 'alice01',
    userId: 1,
    op: 'delete_deck',
    method: 'DELETE',
    path: `/decks/${deckId}`,
    intent: { deckId },
    sentAt: at,
    returnedAt: at + 20,
    status: 200,
    body: {},
    outcome: 'ok',
    ...over,
  });

  test("each user's deck deletions that may have taken effect are listed, in order, and nothing else", () => {
    const removals = collectRemovals([deleteDeck('5', T), deleteDeck('6', T + 100, { outcome: 'fail', status: 404 }), deleteDeck('7', T + 200, { outcome: 'info', status: null })]);
    expect(removals.decks.get('alice01')).toEqual([
      { deckId: '5', sentAt: T },
      { deckId: '7', sentAt: T + 200 },
    ]);
    expect([...removals.decks.keys()]).toEqual(['alice01']);
  });

  test('an add that named no deck is not excused by a deletion of one of its owner decks', () => {
    const deckless = aliceAdd(T, C, { marker: MARKER, front: 'F', back: 'B' });
    const removals = collectRemovals([deleteDeck('5', T + 100)]);
    expect(isRemoved(removals, collectAdds([deckless]).get(MARKER)!)).toBe(false);
    // The same add naming the deleted deck is excused.
    const inDeck = aliceAdd(T, C, { marker: MARKER, front: 'F', back: 'B', deckId: '5' });
    expect(isRemoved(removals, collectAdds([inDeck]).get(MARKER)!)).toBe(true);
  });
});

test('shared sample-card ids are summed up with every database counted, but at most twenty of them named', () => {
  const files = Array.from({ length: 25 }, (_, i) => `user_${i + 1}.db`);
  const holders: CardIdHolder[] = files.map((dbFile, i) => ({ userId: i + 1, dbFile, marker: null }));
  const context = { index: { sharedCardIds: new Map([[C, holders]]) }, history: [] } as unknown as AuditContext;
  const [summary, ...rest] = observeCollisions(context);
  expect(rest).toEqual([]);
  expect(summary).toMatchObject({
    kind: 'id-collision',
    message: '1 ids of unmarked cards (the sample deck) are shared by 25 databases — users registered in the same second get the same sample-card ids.',
    evidence: { count: 1, files: files.slice(0, 20), firstCardIds: [C] },
  });
});

test.describe('phantomCause: which refused send the error belongs to', () => {
  // Two refused sends: w01#7 in flight from T to T+20, w01#8 from T+1000 to T+1020; the write
  // of card C is logged at T+5.
  const first = refused({ id: 'w01#7' });
  const second = refused({ id: 'w01#8', sentAt: T + 1000, returnedAt: T + 1020 });
  const erredAt = (at: number) =>
    phantomCause(
      contextWithLog([
        { at: T + 5, message: `wrote card ${C} for user 1` },
        { at, level: 'ERROR', message: 'boom for user 1' },
      ]),
      groupOf(first, second),
      1,
      inAlice,
      null,
    );

  test("an error up to 100 ms before a send or after its answer is that send's", () => {
    expect(erredAt(T + 900)).toMatchObject({ kind: 'error-after-write', opIds: ['w01#8'] });
    expect(erredAt(T + 1120)).toMatchObject({ kind: 'error-after-write', opIds: ['w01#8'] });
  });

  test('an error while no refused send was in flight is quoted with the primary send, not a later one', () => {
    expect(erredAt(T + 500)).toMatchObject({ kind: 'error-after-write', opIds: ['w01#7'] });
  });
});

test("an error naming nobody long before the refused request is not the request's", () => {
  const context = contextWithLog([{ at: T - 60_000, level: 'ERROR', message: 'Traceback (most recent call last)' }]);
  expect(phantomCause(context, groupOf(refused()), 1, inAlice, null)).toMatchObject({ kind: 'response-failed-after-commit', logLines: [] });
});

test("the write of a re-sent card is searched up to the last send's answer", () => {
  const unanswered = aliceAdd(T, C, { marker: MARKER, front: 'F', back: 'B', deckId: '5' }, { id: 'w01#7', outcome: 'info', status: null, body: null });
  const resent = aliceAdd(T + 30_000, C, { marker: MARKER, front: 'F', back: 'B', deckId: '5' }, { id: 'w01#8' });
  const context = contextWithLog([{ at: T + 30_010, message: `ADD_CARD_SUCCESS | PID:41 | CardID:${C} | UserID:1 | Username:alice01` }]);
  expect(writerOf(context, groupOf(unanswered, resent), inAlice)).toMatchObject({ pid: 41, cardId: C, writeUserId: 1 });
});

test('a group with an acknowledged send is not indeterminate, even when another send got no answer', () => {
  const unanswered = aliceAdd(T, C, { marker: MARKER, front: 'F', back: 'B', deckId: '5' }, { id: 'w01#7', outcome: 'info', status: null, body: null });
  const answered = aliceAdd(T + 5000, C, { marker: MARKER, front: 'F', back: 'B', deckId: '5' }, { id: 'w01#8' });
  expect(groupOf(unanswered, answered)).toMatchObject({ acknowledged: true, indeterminate: false, primary: { id: 'w01#8' } });
  expect(groupOf(unanswered)).toMatchObject({ acknowledged: false, indeterminate: true });
});

test('an add recorded without an intent does not stop the collision observer from finding the sent markers', () => {
  const bare = aliceAdd(T, C, {}, { intent: undefined });
  const sent = aliceAdd(T, C, { marker: MARKER, front: 'F', back: 'B' });
  const holders: CardIdHolder[] = [
    { userId: 1, dbFile: 'user_1.db', marker: MARKER },
    { userId: 2, dbFile: 'user_2.db', marker: 'bob02_3' },
  ];
  const context = { index: { sharedCardIds: new Map([[C, holders]]) }, history: [bare, sent] } as unknown as AuditContext;
  expect(observeCollisions(context)).toEqual([expect.objectContaining({ kind: 'id-collision', evidence: { cardId: C, holders } })]);
});
