/**
 * The card causes, one rule at a time: each test hands a cause function of db/judges/card-causes.ts
 * the history, the log lines and the attribution it decides from, and pins the cause (kind,
 * requests, lines and the sentence a reader gets) it must come to.
 */
import { test, expect } from '@playwright/test';
import type { Operation } from '../../helpers/history/operation.ts';
import { aliceAdd } from './support/alice-add.ts';
import type { AuditContext } from '../../db/audit-context.ts';
import type { DatabaseIndex } from '../../db/database-index.ts';
import type { ClockOffset } from '../../db/clock-offset.ts';
import type { CardLocation, WriteAttribution } from '../../db/verdict.ts';
import { indexedLog, type LogLine as Line } from './support/log-lines.ts';
import { collectAdds, type AddGroup } from '../../db/judges/add-groups.ts';
import { indexDeckSwitches } from '../../db/judges/deck-interleaving.ts';
import { contentCause, duplicateCause, lostCause, misroutedCause, phantomCause, userOfDbPath, writerOf, wrongDeckCause } from '../../db/judges/card-causes.ts';

const T = Date.UTC(2026, 10, 27, 1, 0, 0);
const C = 1_795_743_700_001;
const MARKER = 'u1_7';

/** An add of alice01 (user 1) by w01, sent at T and answered 20 ms later with card C. */
const add = (over: Partial<Operation> = {}): Operation => aliceAdd(T, C, { marker: MARKER, front: 'F', back: 'B', deckId: '5', deckName: 'History' }, over);

function groupOf(...ops: Operation[]): AddGroup {
  return collectAdds(ops).get(MARKER)!;
}

/** The audit's view: admin.db's users, the history, and a server log of `lines` (none: no log). */
function contextOf(options: { history?: Operation[]; lines?: Line[]; users?: [string, number][] } = {}): AuditContext {
  const users = new Map(
    options.users ?? [
      ['alice01', 1],
      ['bob02', 2],
    ],
  );
  return {
    index: { userIdByUsername: users } as unknown as DatabaseIndex,
    history: options.history ?? [],
    log: options.lines ? indexedLog(options.lines) : null,
    clockToleranceMs: 0,
    clock: { agree: true, toleranceMs: 0 } as ClockOffset,
    sessionFiles: null,
  };
}

/** Card C stored in bob02's (user 2) database. */
function inBob(over: Partial<CardLocation> = {}): CardLocation {
  return { userId: 2, username: 'bob02', dbFile: 'user_2.db', cardId: C, noteId: 9, deckId: '1', deckName: 'Default', front: 'F', back: 'B', ...over };
}

function success(at: number, userId: number, username: string, cardId = C, pid = 41): Line {
  return { at, pid, message: `ADD_CARD_SUCCESS | PID:${pid} | CardID:${cardId} | UserID:${userId} | Username:${username}` };
}

test.describe('writerOf', () => {
  test('the write is searched from the first send of a re-sent card, not only the last', () => {
    const first = add({ id: 'w01#7', outcome: 'info', status: null, body: null });
    const resent = add({ id: 'w01#8', sentAt: T + 3000, returnedAt: T + 3020 });
    const writer = writerOf(contextOf({ lines: [success(T + 5, 2, 'bob02')] }), groupOf(first, resent), inBob());
    expect(writer).toMatchObject({ pid: 41, writeUserId: 2 });
  });

  test("the requester's id from its login counts when admin.db does not know the owner", () => {
    // The success line names the requester's own user (1), not the file's (2): only the
    // request's user id ties it to this request.
    const context = contextOf({ lines: [success(T + 5, 1, 'alice01')], users: [] });
    expect(writerOf(context, groupOf(add()), inBob())).toMatchObject({ pid: 41, writeUserId: 1 });
    expect(writerOf(context, groupOf(add({ userId: null })), inBob())).toBeNull();
  });

  test('no add with the marker: no writer', () => {
    expect(writerOf(contextOf({ lines: [success(T + 5, 2, 'bob02')] }), undefined, inBob())).toBeNull();
  });
});

test.describe('misroutedCause', () => {
  const writer = (over: Partial<WriteAttribution>): WriteAttribution => ({ pid: 41, logLines: ['L1', 'L2'], ...over });

  test('no add in the history with the marker: unknown, naming the missing request', () => {
    expect(misroutedCause(contextOf(), undefined, inBob(), null)).toEqual({ kind: 'unknown', missing: 'the request that added it (the history has no add with this marker)' });
  });

  test('no attribution: with a log the diagnostic lines are missing, without one the log itself', () => {
    const lines = "the server's ADD_CARD_START/ADD_CARD_SUCCESS lines for this write (docs/diagnostics.md)";
    expect(misroutedCause(contextOf({ lines: [] }), groupOf(add()), inBob(), null)).toEqual({ kind: 'unknown', missing: lines });
    expect(misroutedCause(contextOf(), groupOf(add()), inBob(), null)).toEqual({ kind: 'unknown', missing: `a server log with ${lines}` });
  });

  test('a write without its START line is unknown, and says who it was written for', () => {
    const cause = misroutedCause(contextOf({ lines: [] }), groupOf(add({ cookieFingerprint: undefined })), inBob(), writer({ writeUserId: 2 }));
    expect(cause).toEqual({
      kind: 'unknown',
      missing:
        "the ADD_CARD_START line of PID 41's request (its session id and session user at entry); the write itself was written by PID 41 for session user bob02 while the request carried alice01's cookie (w01, w01#7)",
    });
  });

  test('the written user is named by the line, else by the database holding the card, else by its id', () => {
    const context = contextOf({ lines: [] });
    const group = groupOf(add());
    const named = misroutedCause(context, group, inBob(), writer({ sessionUser: 'bob02', writeUserId: 2, writeUsername: 'carl' }));
    expect(named).toMatchObject({ kind: 'session-of-other-user', text: expect.stringContaining('written by PID 41 for session user carl while') });
    const byFile = misroutedCause(context, group, inBob(), writer({ sessionUser: 'bob02', writeUserId: 2 }));
    expect(byFile).toMatchObject({ text: expect.stringContaining('for session user bob02 while') });
    const byLineId = misroutedCause(context, group, inBob({ username: null }), writer({ sessionUser: 'bob02', writeUserId: 3 }));
    expect(byLineId).toMatchObject({ text: expect.stringContaining('for session user user 3 while') });
    const byFileId = misroutedCause(context, group, inBob({ username: null }), writer({ sessionUser: 'bob02' }));
    expect(byFileId).toMatchObject({ text: expect.stringContaining('for session user user 2 while') });
  });

  test("a session that was another user's at entry, known by its user id only", () => {
    const cause = misroutedCause(contextOf({ lines: [] }), groupOf(add()), inBob(), writer({ sessionUserId: 2, writeUserId: 2, sessionFingerprint: 'ab12' }));
    expect(cause).toEqual({
      kind: 'session-of-other-user',
      text: "written by PID 41 for session user bob02 while the request carried alice01's cookie (w01, w01#7, cookie ck1): at the route's entry session #ab12 already belonged to user 2 — the server resolved the cookie to another user's session",
      opIds: ['w01#7'],
      logLines: ['L1', 'L2'],
    });
  });

  test("a session that began as the requester (by name or by id) and wrote another user's card changed under the request", () => {
    const context = contextOf({ lines: [] });
    const group = groupOf(add());
    const byName = misroutedCause(context, group, inBob(), writer({ sessionUser: 'alice01', writeUserId: 2, sessionFingerprint: 'ck1', sessionMismatch: { expected: '1', got: '2' } }));
    expect(byName).toEqual({
      kind: 'session-user-changed',
      text: "written by PID 41 for session user bob02 while the request carried alice01's cookie (w01, w01#7, cookie ck1): session #ck1, the request's own cookie began as alice01 and named bob02 by the time of the write (SESSION_MISMATCH Expected:1 Got:2) — the session changed under a running request",
      opIds: ['w01#7'],
      logLines: ['L1', 'L2'],
    });
    const byId = misroutedCause(context, group, inBob(), writer({ sessionUserId: 1, writeUserId: 2 }));
    expect(byId).toMatchObject({ kind: 'session-user-changed', text: expect.stringContaining(': its session began as user 1 and named bob02 by the time of the write — the session') });
  });

  test('a write that names the requester (by id or by name) is not a session change', () => {
    const context = contextOf({ lines: [] });
    const group = groupOf(add());
    const missing = "how the card reached user_2.db (bob02): PID 41's lines for it name alice01, the request's own user";
    expect(misroutedCause(context, group, inBob(), writer({ sessionUser: 'alice01', writeUserId: 1 }))).toEqual({ kind: 'unknown', missing });
    expect(misroutedCause(context, group, inBob(), writer({ sessionUser: 'alice01', writeUserId: 7, writeUsername: 'alice01', dbPath: '/d/user_1.db' }))).toEqual({
      kind: 'unknown',
      missing: `${missing}, and /d/user_1.db`,
    });
    // Neither the user id nor the name of the write is the requester's: the session changed.
    expect(misroutedCause(context, group, inBob(), writer({ sessionUser: 'alice01', writeUserId: 7, writeUsername: 'zed' })).kind).toBe('session-user-changed');
  });

  test("the requester's own session writing another user's file is a wrong file, the requester known from login or admin.db", () => {
    const group = groupOf(add({ userId: null }));
    const w = writer({ sessionUser: 'alice01', writeUserId: 1, writeUsername: 'alice01', dbPath: '/srv/user_dbs/user_2.db' });
    expect(misroutedCause(contextOf({ lines: [] }), group, inBob(), w)).toEqual({
      kind: 'right-session-wrong-file',
      text: "PID 41's lines for the write name the requester as the session user (alice01) and /srv/user_dbs/user_2.db, user 2's database, as the file — the session was right and the database path was wrong",
      opIds: ['w01#7'],
      logLines: ['L1', 'L2'],
    });
    // The requester's own file is no mix-up of files, whether its id came from login or admin.db.
    const own = writer({ sessionUser: 'alice01', writeUserId: 1, writeUsername: 'alice01', dbPath: '/srv/user_dbs/user_1.db' });
    expect(misroutedCause(contextOf({ lines: [] }), group, inBob(), own).kind).toBe('unknown');
    expect(misroutedCause(contextOf({ lines: [], users: [] }), groupOf(add()), inBob(), own).kind).toBe('unknown');
    // A path that names no user decides nothing.
    expect(misroutedCause(contextOf({ lines: [] }), group, inBob(), writer({ sessionUser: 'alice01', writeUserId: 1, writeUsername: 'alice01', dbPath: '/srv/other.db' })).kind).toBe('unknown');
  });
});

test('userOfDbPath reads the user id of a whole `user_<id>.db` file name only', () => {
  expect(userOfDbPath('user_12.db')).toBe(12);
  expect(userOfDbPath('/srv/dbs/user_345.db')).toBe(345);
  expect(userOfDbPath('C:\\dbs\\user_6.db')).toBe(6);
  expect(userOfDbPath('/srv/dbs/user_3.db.bak')).toBeUndefined();
  expect(userOfDbPath('/srv/dbs/olduser_3.db')).toBeUndefined();
  expect(userOfDbPath(undefined)).toBeUndefined();
});

test.describe('lostCause', () => {
  test('without a log, or without a card id in the acknowledgement, nothing ties a log line to the write', () => {
    expect(lostCause(contextOf(), groupOf(add()), 1)).toEqual({ cause: { kind: 'unknown', missing: 'a server log with the lines of this request' } });
    expect(lostCause(contextOf({ lines: [] }), groupOf(add({ body: {} })), 1)).toEqual({
      cause: { kind: 'unknown', missing: 'the card id of the write (the acknowledgement carried none, so no log line can be tied to it)' },
    });
  });

  test("a success line for the card in the owner's database: the write was not kept", () => {
    const lines = [{ at: T + 2, message: 'ADD_CARD_TARGET_DB | PID:41 | UserID:1 | DBPath:/d/user_1.db' }, success(T + 5, 1, 'alice01')];
    const found = lostCause(contextOf({ lines }), groupOf(add()), 1);
    expect(found.cause).toEqual({
      kind: 'write-not-kept',
      text: `PID 41 logged ADD_CARD_SUCCESS for card ${C} in alice01 (user 1)'s database (/d/user_1.db) and the server answered 201, yet no database holds it — the write was not kept after the server reported it`,
      opIds: ['w01#7'],
      logLines: found.writtenBy!.logLines,
    });
    expect(found.writtenBy!.logLines).toHaveLength(2);
    const noPath = lostCause(contextOf({ lines: [success(T + 5, 1, 'alice01')] }), groupOf(add()), undefined);
    expect(noPath.cause).toMatchObject({ text: expect.stringContaining(`for card ${C} in alice01's database and the server answered 201`) });
  });

  test('an INFO line of the owner naming the card or its note while the add was in flight: the write was not kept', () => {
    const lines = [
      { at: T + 3, message: `Added note 77 for user 1` },
      { at: T + 4, message: `ERROR-ish but INFO about card ${C} for user 2` },
      { at: T + 5, level: 'ERROR', message: `Failed card ${C} for user 1` },
      { at: T + 6, message: `Something else for user 1` },
    ];
    const withNote = lostCause(contextOf({ lines }), groupOf(add({ body: { card_id: C, note_id: 77 } })), 1);
    expect(withNote).toEqual({
      cause: {
        kind: 'write-not-kept',
        text: `the server logged writing card ${C} for alice01 (user 1) while w01#7 was in flight and answered 201, yet no database holds it — the write was not kept after the server reported it`,
        opIds: ['w01#7'],
        logLines: [expect.stringContaining('Added note 77 for user 1')],
      },
    });
    // Without the note id in the answer, a line about the note is not about this card.
    const missing = { cause: { kind: 'unknown', missing: `a server log line of w01#7 about card ${C} (the log has none while it was in flight)` } };
    expect(lostCause(contextOf({ lines }), groupOf(add()), 1)).toEqual(missing);
    expect(lostCause(contextOf({ lines }), groupOf(add({ body: { card_id: C, note_id: '77' } })), 1)).toEqual(missing);
  });

  test('an INFO line naming the card while in flight counts only when it is about the owner', () => {
    const lines = [{ at: T + 4, message: `stored card ${C} for user 1` }];
    expect(lostCause(contextOf({ lines }), groupOf(add()), 1).cause.kind).toBe('write-not-kept');
    const other = [{ at: T + 4, message: `stored card ${C} for user 2` }];
    expect(lostCause(contextOf({ lines: other }), groupOf(add()), 2).cause.kind).toBe('write-not-kept');
    expect(lostCause(contextOf({ lines: other }), groupOf(add()), 1).cause.kind).toBe('unknown');
  });
});

test.describe('phantomCause', () => {
  const refused = (over: Partial<Operation> = {}) => add({ status: 500, body: { error: 'boom' }, outcome: 'fail', ...over });

  test('no log: unknown, naming the lines of the refused request', () => {
    expect(phantomCause(contextOf(), groupOf(refused()), 1, inBob({ userId: 1 }), null)).toEqual({ kind: 'unknown', missing: 'a server log with the lines of the refused request' });
  });

  test('a write line, then an error, while the request was in flight: the error came after the commit', () => {
    const lines = [
      { at: T + 4, message: `wrote card ${C} for user 1` },
      { at: T + 8, level: 'ERROR', message: 'commit hook failed for user 1' },
    ];
    const cause = phantomCause(contextOf({ lines }), groupOf(refused()), 1, inBob({ userId: 1 }), null);
    expect(cause).toEqual({
      kind: 'error-after-write',
      text: `while w01#7 was in flight the server wrote card ${C} and then logged an error ("commit hook failed for user 1"), and answered 500 "boom" — the error came after the commit`,
      opIds: ['w01#7'],
      logLines: [expect.stringContaining(`wrote card ${C}`), expect.stringContaining('commit hook failed')],
    });
  });

  test('the write line is the diagnostic success line when there is an attribution, not any line naming the card', () => {
    const lines = [{ at: T + 2, message: `wrote card ${C} for user 1` }, { at: T + 4, level: 'ERROR', message: 'lock lost for user 1' }, { ...success(T + 6, 1, 'alice01') }];
    const context = contextOf({ lines });
    const writer: WriteAttribution = { pid: 41, logLines: ['first', context.log!.byTime[2]!.text] };
    // The success line comes after the error: the error does not follow the write.
    const cause = phantomCause(context, groupOf(refused()), 1, inBob({ userId: 1 }), writer);
    expect(cause).toEqual({
      kind: 'unknown',
      missing: `a log line of the error the refused request answered with after the write of card ${C} (the log shows an error before it)`,
    });
  });

  test('an attribution whose line is outside the flight still names the write', () => {
    const lines = [{ at: T + 8, level: 'ERROR', message: 'late failure for user 1' }];
    const writer: WriteAttribution = { pid: 41, logLines: ['start line', 'success line'] };
    const cause = phantomCause(contextOf({ lines }), groupOf(refused()), 1, inBob({ userId: 1 }), writer);
    expect(cause).toMatchObject({ kind: 'error-after-write', logLines: ['success line', expect.stringContaining('late failure')] });
  });

  test('only a WARNING-free INFO line naming the card is a write; an ERROR naming it is the error', () => {
    const lines = [{ at: T + 8, level: 'ERROR', message: `could not write card ${C} for user 1` }];
    expect(phantomCause(contextOf({ lines }), groupOf(refused()), 1, inBob({ userId: 1 }), null)).toEqual({
      kind: 'unknown',
      missing: `a log line of the write of card ${C} during the refused request (the log shows only the error "could not write card ${C} for user 1")`,
    });
  });

  test('a line naming the card but no user counts as the write', () => {
    const lines = [
      { at: T + 4, message: `wrote card ${C}` },
      { at: T + 8, level: 'CRITICAL', message: 'worker died for user 2' },
    ];
    expect(phantomCause(contextOf({ lines }), groupOf(refused()), 1, inBob(), null).kind).toBe('error-after-write');
  });

  test("an error naming nobody in the flight of any refused send is the refused request's error", () => {
    const first = refused({ id: 'w01#7' });
    const second = refused({ id: 'w01#8', sentAt: T + 5000, returnedAt: T + 5020 });
    const atFirst = [{ at: T + 10, level: 'ERROR', message: 'Traceback (most recent call last)' }];
    const atSecond = [{ at: T + 5010, level: 'ERROR', message: 'Traceback (most recent call last)' }];
    const expected = {
      kind: 'unknown',
      missing: `a log line of the write of card ${C} during the refused request (the log shows only the error "Traceback (most recent call last)")`,
    };
    expect(phantomCause(contextOf({ lines: atFirst }), groupOf(first, second), 1, inBob({ userId: 1 }), null)).toEqual(expected);
    expect(phantomCause(contextOf({ lines: atSecond }), groupOf(first, second), 1, inBob({ userId: 1 }), null)).toEqual(expected);
    // An error naming another user outside this user's lines is not the request's.
    const foreign = [{ at: T + 10, level: 'ERROR', message: 'failed for user 9' }];
    expect(phantomCause(contextOf({ lines: foreign }), groupOf(first, second), 1, inBob({ userId: 1 }), null).kind).toBe('response-failed-after-commit');
    // A line naming nobody that is no error is no error.
    const info = [{ at: T + 10, message: 'Traceback-free note' }];
    expect(phantomCause(contextOf({ lines: info }), groupOf(first, second), 1, inBob({ userId: 1 }), null).kind).toBe('response-failed-after-commit');
  });

  test("the lines of a send that was not refused are not the refused request's", () => {
    const answered = add({ id: 'w01#6', outcome: 'info', status: null, body: null, error: 'timeout', sentAt: T - 9000, returnedAt: T - 8980 });
    const lines = [
      { at: T - 8990, message: `wrote card ${C} for user 1` },
      { at: T - 8985, level: 'ERROR', message: 'boom for user 1' },
    ];
    const cause = phantomCause(contextOf({ lines }), groupOf(answered, refused()), 1, inBob({ userId: 1 }), null);
    expect(cause).toMatchObject({ kind: 'response-failed-after-commit', opIds: ['w01#7'] });
  });

  test('the error-after-write names the refused send in flight at the error', () => {
    const first = refused({ id: 'w01#7' });
    const second = refused({ id: 'w01#8', sentAt: T + 1000, returnedAt: T + 1020 });
    const lines = [
      { at: T + 1004, message: `wrote card ${C} for user 1` },
      { at: T + 1008, level: 'ERROR', message: 'boom for user 1' },
    ];
    expect(phantomCause(contextOf({ lines }), groupOf(first, second), 1, inBob({ userId: 1 }), null)).toMatchObject({ kind: 'error-after-write', opIds: ['w01#8'] });
  });

  test('no error logged: the card was committed and the response failed, quoting the write line when there is one', () => {
    expect(phantomCause(contextOf({ lines: [] }), groupOf(refused()), 1, inBob(), null)).toEqual({
      kind: 'response-failed-after-commit',
      text: `while w01#7 was in flight the server stored card ${C} in user_2.db (bob02) and logged no error, yet answered 500 "boom" — the card was committed, then the response failed`,
      opIds: ['w01#7'],
      logLines: [],
    });
    expect(phantomCause(contextOf({ lines: [] }), groupOf(refused()), 1, inBob(), null)).toMatchObject({ logLines: [] });
    expect((phantomCause(contextOf({ lines: [] }), groupOf(refused()), 1, inBob(), null) as { logLines: unknown[] }).logLines).toHaveLength(0);
    const lines = [{ at: T + 4, message: `wrote card ${C} for user 1` }];
    expect(phantomCause(contextOf({ lines }), groupOf(refused()), 1, inBob({ userId: 1 }), null)).toEqual({
      kind: 'response-failed-after-commit',
      text: `while w01#7 was in flight the server logged the write of card ${C} and logged no error, yet answered 500 "boom" — the card was committed, then the response failed`,
      opIds: ['w01#7'],
      logLines: [expect.stringContaining(`wrote card ${C} for user 1`)],
    });
  });

  test('a card with no refused send is quoted by its primary send', () => {
    const unanswered = add({ outcome: 'info', status: null, body: null, error: 'timeout' });
    expect(phantomCause(contextOf({ lines: [] }), groupOf(unanswered), 1, inBob(), null)).toMatchObject({ kind: 'response-failed-after-commit', opIds: ['w01#7'] });
  });
});

test.describe('duplicateCause', () => {
  const at = (cardId: number) => inBob({ userId: 1, cardId });

  test('no add with the marker: unknown', () => {
    expect(duplicateCause(undefined, [at(1), at(2)])).toEqual({ kind: 'unknown', missing: 'the request that added it (the history has no add with this marker)' });
  });

  test('as many sends as rows: each send was stored', () => {
    const group = groupOf(add({ id: 'w01#7' }), add({ id: 'w01#8', sentAt: T + 100, returnedAt: T + 120 }));
    expect(duplicateCause(group, [at(1), at(2)])).toEqual({ kind: 'resent', text: 'w01 sent this card 2 times (w01#7, w01#8) and the server stored each send', opIds: ['w01#7', 'w01#8'] });
  });

  test('more sends than rows: some of the sends were stored', () => {
    const group = groupOf(add({ id: 'w01#7' }), add({ id: 'w01#8', sentAt: T + 100 }), add({ id: 'w01#9', sentAt: T + 200 }));
    expect(duplicateCause(group, [at(1), at(2)])).toEqual({
      kind: 'resent',
      text: 'w01 sent this card 3 times (w01#7, w01#8, w01#9) and the server stored 2 of them',
      opIds: ['w01#7', 'w01#8', 'w01#9'],
    });
  });

  test('more rows than sends: one request was stored several times', () => {
    expect(duplicateCause(groupOf(add()), [at(1), at(2)])).toEqual({
      kind: 'one-request-several-rows',
      text: 'w01 sent this card once (w01#7) and the server stored 2 rows (ids 1, 2) — at least one request was stored more than once',
      opIds: ['w01#7'],
    });
    const twice = groupOf(add({ id: 'w01#7' }), add({ id: 'w01#8', sentAt: T + 100 }));
    expect(duplicateCause(twice, [at(1), at(2), at(3)])).toEqual({
      kind: 'one-request-several-rows',
      text: 'w01 sent this card 2 times (w01#7, w01#8) and the server stored 3 rows (ids 1, 2, 3) — at least one request was stored more than once',
      opIds: ['w01#7', 'w01#8'],
    });
  });
});

test.describe('contentCause', () => {
  const update = (over: Partial<Operation>) =>
    add({ id: 'w01#9', op: 'update_card', path: '/update_card', sentAt: T + 1000, returnedAt: T + 1020, status: 400, body: { error: 'nope' }, outcome: 'fail', ...over });
  const stored = inBob({ userId: 1, username: 'alice01', dbFile: 'user_1.db', front: 'F2', back: 'B2' });

  test('content of a refused update of the card (by marker) is a refused update applied', () => {
    const u = update({ intent: { marker: MARKER, front: 'F2', back: 'B2' } });
    expect(contentCause(contextOf({ history: [u] }), groupOf(add()), stored)).toEqual({
      kind: 'refused-update-applied',
      text: 'the stored content is what w01\'s update w01#9 at 01:00:01.000 sent, and that update was refused (400 "nope") — a refused update was applied',
      opIds: ['w01#9'],
    });
  });

  test("an update reaches the card by its id only when sent by the card's owner", () => {
    const byId = update({ intent: { cardId: C, front: 'F2', back: 'B2' } });
    expect(contentCause(contextOf({ history: [byId] }), groupOf(add()), stored).kind).toBe('refused-update-applied');
    const otherUser = update({ username: 'bob02', intent: { cardId: C, front: 'F2', back: 'B2' } });
    expect(contentCause(contextOf({ history: [otherUser] }), groupOf(add()), stored).kind).toBe('altered-on-write');
    const otherCard = update({ intent: { cardId: C + 1, front: 'F2', back: 'B2' } });
    expect(contentCause(contextOf({ history: [otherCard] }), groupOf(add()), stored).kind).toBe('altered-on-write');
    const noCard = update({ intent: { front: 'F2', back: 'B2' } });
    expect(contentCause(contextOf({ history: [noCard] }), groupOf(add()), stored).kind).toBe('altered-on-write');
    const otherMarker = update({ intent: { marker: 'u1_8', front: 'F2', back: 'B2' } });
    expect(contentCause(contextOf({ history: [otherMarker] }), groupOf(add()), stored).kind).toBe('altered-on-write');
    // An update that says nothing of which card it changes is not this card's.
    const noIntent = update({ intent: undefined });
    expect(contentCause(contextOf({ history: [noIntent] }), groupOf(add()), stored).kind).toBe('altered-on-write');
  });

  test('only a refused update with both the stored front and back explains the content', () => {
    const context = (u: Operation) => contextOf({ history: [u] });
    const unknown = { kind: 'unknown', missing: "which request stored this content: it matches neither the add nor any of the card's updates (w01#9)" };
    expect(contentCause(context(update({ intent: { marker: MARKER, front: 'F2', back: 'other' } })), groupOf(add()), stored)).toEqual(unknown);
    expect(contentCause(context(update({ intent: { marker: MARKER, front: 'other', back: 'B2' } })), groupOf(add()), stored)).toEqual(unknown);
    expect(contentCause(context(update({ outcome: 'ok', status: 200, body: {}, intent: { marker: MARKER, front: 'F2', back: 'B2' } })), groupOf(add()), stored)).toEqual(unknown);
  });

  test('no update of the card: altered when the add was stored, quoting the acknowledged send', () => {
    const lost = add({ id: 'w01#6', outcome: 'info', status: null, body: null, sentAt: T - 100 });
    expect(contentCause(contextOf({ history: [] }), groupOf(lost, add()), stored)).toEqual({
      kind: 'altered-on-write',
      text: 'no request of the history changed this card after w01#7 added it — the content was altered when the add was stored',
      opIds: ['w01#7'],
    });
    expect(contentCause(contextOf(), groupOf(add({ outcome: 'info', status: null, body: null })), stored)).toMatchObject({ kind: 'altered-on-write', opIds: ['w01#7'] });
  });
});

test.describe('wrongDeckCause', () => {
  const sw = (over: Partial<Operation>) =>
    add({ id: 'w01#5', op: 'set_current_deck', path: '/set_current_deck', sentAt: T - 500, returnedAt: T - 480, status: 200, body: {}, intent: { deckId: '5', deckName: 'History' }, ...over });
  const actual = inBob({ userId: 1, username: 'alice01', deckId: '9', deckName: 'Other' });

  test('a switch of another session of the same user is named as the cause', () => {
    const other = sw({ id: 'w02#3', vu: 'w02', cookieFingerprint: 'ck2', intent: { deckId: '9' }, sentAt: T + 5 });
    expect(wrongDeckCause(indexDeckSwitches([other]), add(), other, actual)).toEqual({
      kind: 'deck-switched-by-other-session',
      text: 'w02 (same user alice01) made deck 9 (Other) current at 01:00:00.005 (w02#3) — the current deck is per user, not per session',
      opIds: ['w02#3'],
    });
  });

  test("without the VU's own acknowledged switch to the expected deck, the deck the server chose is unknown", () => {
    expect(wrongDeckCause(indexDeckSwitches([]), add(), null, actual)).toEqual({
      kind: 'unknown',
      missing: "an acknowledged switch of w01's session to deck 5 (History) before the add (the history has none)",
    });
    const pending = sw({ outcome: 'info', status: null, body: null });
    expect(wrongDeckCause(indexDeckSwitches([pending]), add(), null, actual)).toEqual({
      kind: 'unknown',
      missing: "an acknowledged switch of w01's session to deck 5 (History) before the add (the history has w01#5, info)",
    });
    const elsewhere = sw({ intent: { deckId: '6' } });
    expect(wrongDeckCause(indexDeckSwitches([elsewhere]), add(), null, actual).kind).toBe('unknown');
    const noIntent = add({ intent: undefined });
    expect(wrongDeckCause(indexDeckSwitches([]), noIntent, null, actual)).toEqual({
      kind: 'unknown',
      missing: "an acknowledged switch of w01's session to its current deck before the add (the history has none)",
    });
  });

  test('the own acknowledged switch with another session switching meanwhile: which took effect is unknown', () => {
    const other = sw({ id: 'w02#3', vu: 'w02', cookieFingerprint: 'ck2', intent: { deckId: '7' }, sentAt: T - 200, returnedAt: T - 190 });
    expect(wrongDeckCause(indexDeckSwitches([sw({}), other]), add(), null, actual)).toEqual({
      kind: 'unknown',
      missing: 'which deck switch took effect: other sessions of alice01 switched meanwhile (w02#3)',
    });
  });

  test('the own acknowledged switch and nobody else switching: the server chose another deck', () => {
    expect(wrongDeckCause(indexDeckSwitches([sw({})]), add(), null, actual)).toEqual({
      kind: 'server-chose-other-deck',
      text: "w01's own switch to deck 5 (History) (w01#5) was acknowledged at 00:59:59.520 and no other session of alice01 switched decks until the add returned — the server filed the card under another deck itself",
      opIds: ['w01#5'],
    });
    const numeric = add({ intent: { marker: MARKER, deckId: 5 as unknown as string } });
    expect(wrongDeckCause(indexDeckSwitches([sw({})]), numeric, null, actual)).toMatchObject({ kind: 'server-chose-other-deck', text: expect.stringContaining("w01's own switch to deck 5 (w01#5)") });
  });
});

test('misrouted: a write line naming no user id and a session that began as the requester is not a session change', () => {
  const cause = misroutedCause(contextOf({ lines: [] }), groupOf(add()), inBob(), { pid: 41, logLines: [], sessionUser: 'alice01' });
  expect(cause.kind).toBe('unknown');
});

test("misrouted: an unknown session id is not called the request's own cookie", () => {
  const cause = misroutedCause(contextOf({ lines: [] }), groupOf(add({ cookieFingerprint: undefined })), inBob(), { pid: 41, logLines: [], sessionUserId: 2, writeUserId: 2 });
  expect(cause).toMatchObject({ kind: 'session-of-other-user', text: expect.stringContaining(": at the route's entry its session already belonged to user 2 —") });
});

test('phantom: the write line of an attribution is its last line, the success', () => {
  const writer: WriteAttribution = { pid: 41, logLines: ['start line', 'target line', 'success line'] };
  const cause = phantomCause(
    contextOf({ lines: [{ at: T + 8, level: 'ERROR', message: 'late failure for user 1' }] }),
    groupOf(add({ status: 500, body: { error: 'boom' }, outcome: 'fail' })),
    1,
    inBob({ userId: 1 }),
    writer,
  );
  expect(cause).toMatchObject({ kind: 'error-after-write', logLines: ['success line', expect.stringContaining('late failure')] });
});

test('phantom: an error logged in the same millisecond as the write counts as after it', () => {
  const lines = [
    { at: T + 4, message: `wrote card ${C} for user 1` },
    { at: T + 4, level: 'ERROR', message: 'boom for user 1' },
  ];
  expect(phantomCause(contextOf({ lines }), groupOf(add({ status: 500, body: { error: 'boom' }, outcome: 'fail' })), 1, inBob({ userId: 1 }), null).kind).toBe('error-after-write');
});

test('several updates or switches are listed comma-separated in what is missing', () => {
  const upd = (id: string) => add({ id, op: 'update_card', sentAt: T + 1000, returnedAt: T + 1020, outcome: 'ok', intent: { marker: MARKER, front: 'x', back: 'y' } });
  const stored = inBob({ userId: 1, username: 'alice01', front: 'F2', back: 'B2' });
  expect(contentCause(contextOf({ history: [upd('w01#8'), upd('w01#9')] }), groupOf(add()), stored)).toMatchObject({ missing: expect.stringContaining("card's updates (w01#8, w01#9)") });
  const sw = (over: Partial<Operation>) =>
    add({ id: 'w01#5', op: 'set_current_deck', sentAt: T - 500, returnedAt: T - 480, status: 200, body: {}, intent: { deckId: '5', deckName: 'History' }, ...over });
  const others = [sw({ id: 'w02#1', vu: 'w02', cookieFingerprint: 'c2', sentAt: T - 300 }), sw({ id: 'w03#1', vu: 'w03', cookieFingerprint: 'c3', sentAt: T - 200 })];
  expect(wrongDeckCause(indexDeckSwitches([sw({}), ...others]), add(), null, stored)).toMatchObject({ missing: expect.stringContaining('switched meanwhile (w02#1, w03#1)') });
});
