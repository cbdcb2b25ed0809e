/**
 * Which request wrote a card (db/write-attribution.ts), rule by rule: the success line naming the
 * card and the database's user within the log window, else the one naming the request's own
 * user during the flight, and the worker's own diagnostic lines back to its ADD_CARD_START.
 */
import { test, expect } from '@playwright/test';
import { attributeWrite } from '../../db/write-attribution.ts';
import { indexLog, type LogIndex } from '../../db/log-match.ts';
import { parseServerLog } from '../../db/server-log.ts';
import { fingerprint } from '../../helpers/secrets/fingerprint.ts';

const T = Date.UTC(2026, 10, 27, 1, 0, 0);
const C = 1_795_743_700_001;
/** The request's flight: T to T+20. */
const FROM = T;
const TO = T + 20;

interface Line {
  at: number;
  message: string;
  pid?: number | null;
}

function logOf(lines: Line[]): LogIndex {
  const header = (pid: number | null | undefined) => (pid === null ? 'MainThread' : `pid=${pid ?? 41}`);
  return indexLog(parseServerLog(lines.map((l) => `${new Date(l.at).toISOString()} INFO app ${header(l.pid)} : ${l.message}`).join('\n')));
}

const success = (at: number, userId: number | null, pid = 41): Line => ({
  at,
  pid,
  message: `ADD_CARD_SUCCESS | PID:${pid} | CardID:${C}${userId === null ? '' : ` | UserID:${userId}`} | Username:u${userId}`,
});
const start = (at: number, user: string, id: string, pid = 41): Line => ({
  at,
  pid,
  message: `ADD_CARD_START | PID:${pid} | Thread:140 | SessionUser:${user} | SessionUserID:${id} | SessionID:sid-${user}`,
});
const target = (at: number, userId: number, pid = 41): Line => ({ at, pid, message: `ADD_CARD_TARGET_DB | PID:${pid} | UserID:${userId} | DBPath:/d/user_${userId}.db` });

test("a request's lines give the worker, its session at entry, the file and the user written", () => {
  const log = logOf([start(T + 1, 'alice01', '1'), { at: T + 2, pid: 41, message: 'SESSION_MISMATCH | Expected:1 | Got:2' }, target(T + 3, 2), success(T + 4, 2)]);
  expect(attributeWrite(log, C, 2, FROM, TO)).toEqual({
    pid: 41,
    cardId: C,
    thread: '140',
    sessionFingerprint: fingerprint('sid-alice01'),
    sessionUser: 'alice01',
    sessionUserId: 1,
    writeUserId: 2,
    writeUsername: 'u2',
    dbPath: '/d/user_2.db',
    sessionMismatch: { expected: '1', got: '2' },
    logLines: log.diagnostics.map((entry) => entry.text),
  });
});

test('a lone success line gives only the worker and the user written, nothing read from absent lines', () => {
  const log = logOf([success(T + 4, 2)]);
  expect(attributeWrite(log, C, 2, FROM, TO)).toEqual({ pid: 41, cardId: C, writeUserId: 2, writeUsername: 'u2', logLines: [log.diagnostics[0]!.text] });
});

test("the user written is the success line's; the target line's only when the success line names none", () => {
  expect(attributeWrite(logOf([target(T + 3, 1), success(T + 4, 2)]), C, undefined, FROM, TO)).toMatchObject({ writeUserId: 2 });
  expect(attributeWrite(logOf([target(T + 3, 1), success(T + 4, null)]), C, 1, FROM, TO)).toMatchObject({ writeUserId: 1, dbPath: '/d/user_1.db' });
});

test('a success line that names no user may be the write to any database', () => {
  expect(attributeWrite(logOf([success(T + 4, null)]), C, 2, FROM, TO)).toMatchObject({ pid: 41 });
  expect(attributeWrite(logOf([success(T + 4, null)]), C, 2, FROM, TO)!.writeUserId).toBeUndefined();
});

test("the database's user decides which success line counts; with no user known any does", () => {
  expect(attributeWrite(logOf([success(T + 4, 3)]), C, 2, FROM, TO)).toBeNull();
  expect(attributeWrite(logOf([success(T + 4, 3)]), C, undefined, FROM, TO)).toMatchObject({ writeUserId: 3 });
});

test('a success line counts up to the log window (2 s) either side of the flight, not beyond', () => {
  expect(attributeWrite(logOf([success(FROM - 2000, 2)]), C, 2, FROM, TO)).not.toBeNull();
  expect(attributeWrite(logOf([success(TO + 2000, 2)]), C, 2, FROM, TO)).not.toBeNull();
  expect(attributeWrite(logOf([success(FROM - 2001, 2)]), C, 2, FROM, TO)).toBeNull();
  expect(attributeWrite(logOf([success(TO + 2001, 2)]), C, 2, FROM, TO)).toBeNull();
});

test("the request's own user's success line counts only during the flight (100 ms slack) and only when it is the only one", () => {
  // The card is in user 2's database; the request was user 1's.
  expect(attributeWrite(logOf([success(FROM - 100, 1)]), C, 2, FROM, TO, 1)).toMatchObject({ writeUserId: 1 });
  expect(attributeWrite(logOf([success(TO + 100, 1)]), C, 2, FROM, TO, 1)).toMatchObject({ writeUserId: 1 });
  expect(attributeWrite(logOf([success(FROM - 150, 1)]), C, 2, FROM, TO, 1)).toBeNull();
  expect(attributeWrite(logOf([success(TO + 150, 1)]), C, 2, FROM, TO, 1)).toBeNull();
  // A third user's line is neither the file's nor the request's.
  expect(attributeWrite(logOf([success(T + 4, 3)]), C, 2, FROM, TO, 1)).toBeNull();
  // Two of the request's own user's lines in the flight: which one was this card's is open.
  expect(attributeWrite(logOf([success(T + 4, 1, 41), success(T + 6, 1, 42)]), C, 2, FROM, TO, 1)).toBeNull();
});

test("without the request's user, a line naming another user than the file's is not this write", () => {
  expect(attributeWrite(logOf([success(T + 4, 1)]), C, 2, FROM, TO)).toBeNull();
});

test('a success line without a worker pid ties no request', () => {
  expect(attributeWrite(logOf([{ ...success(T + 4, 2), pid: null, message: `ADD_CARD_SUCCESS | CardID:${C} | UserID:2` }]), C, 2, FROM, TO)).toBeNull();
});

test('no log, or a log with no diagnostic lines: no attribution', () => {
  expect(attributeWrite(null, C, 2, FROM, TO)).toBeNull();
  expect(attributeWrite(logOf([{ at: T + 4, message: `stored card ${C} for user 2` }]), C, 2, FROM, TO)).toBeNull();
});

test('of several success lines the one nearest the flight is the write', () => {
  // Before the flight by 300 ms against after it by 1 s: the earlier one.
  expect(attributeWrite(logOf([success(FROM - 300, 2, 51), success(TO + 1000, 2, 52)]), C, 2, FROM, TO)!.pid).toBe(51);
  // Before by 1 s against after by 300 ms: the later one.
  expect(attributeWrite(logOf([success(FROM - 1000, 2, 51), success(TO + 300, 2, 52)]), C, 2, FROM, TO)!.pid).toBe(52);
  // Before by 100 ms against after by 500 ms: the earlier one.
  expect(attributeWrite(logOf([success(FROM - 100, 2, 51), success(TO + 500, 2, 52)]), C, 2, FROM, TO)!.pid).toBe(51);
  // During the flight against after it: the one in flight.
  expect(attributeWrite(logOf([success(T + 5, 2, 51), success(TO + 300, 2, 52)]), C, 2, FROM, TO)!.pid).toBe(51);
});

test("a request's lines are its worker's, back to its START: not another worker's, not an earlier request's, nothing after", () => {
  const lines = [start(T - 2500, 'old', '7'), success(T - 2400, 7), start(T - 10, 'carol03', '3', 41), start(T + 1, 'other', '5', 42), target(T + 3, 2), success(T + 4, 2), start(T + 30, 'next', '8')];
  const log = logOf(lines);
  const writer = attributeWrite(log, C, 2, FROM, TO)!;
  expect(writer).toMatchObject({ pid: 41, sessionUser: 'carol03', sessionUserId: 3, writeUserId: 2, dbPath: '/d/user_2.db' });
  expect(writer.logLines).toEqual([2, 4, 5].map((i) => log.diagnostics.find((entry) => entry.at === lines[i]!.at)!.text));
});

test("a worker's lines stop at an earlier request's success and at the log window", () => {
  const afterSuccess = logOf([start(T - 50, 'old', '7'), success(T - 40, 7), target(T + 3, 2), success(T + 4, 2)]);
  expect(attributeWrite(afterSuccess, C, 2, FROM, TO)).toMatchObject({ dbPath: '/d/user_2.db' });
  expect(attributeWrite(afterSuccess, C, 2, FROM, TO)!.sessionUser).toBeUndefined();
  // A START exactly the window (2 s) before the success is still the request's; one further is not.
  expect(attributeWrite(logOf([start(T + 4 - 2000, 'alice01', '1'), success(T + 4, 2)]), C, 2, FROM, TO)!.sessionUser).toBe('alice01');
  expect(attributeWrite(logOf([start(T + 4 - 2001, 'alice01', '1'), success(T + 4, 2)]), C, 2, FROM, TO)!.sessionUser).toBeUndefined();
});

test('a START of the same worker at the same millisecond after the success is the next request', () => {
  const log = logOf([start(T + 1, 'alice01', '1'), success(T + 4, 2), start(T + 4, 'next', '8')]);
  expect(attributeWrite(log, C, 2, FROM, TO)).toMatchObject({ sessionUser: 'alice01' });
});

test('a SESSION_MISMATCH line counts only with both users', () => {
  const log = logOf([start(T + 1, 'alice01', '1'), { at: T + 2, message: 'SESSION_MISMATCH | Expected:1' }, success(T + 4, 2)]);
  expect(attributeWrite(log, C, 2, FROM, TO)!.sessionMismatch).toBeUndefined();
  const got = logOf([start(T + 1, 'alice01', '1'), { at: T + 2, message: 'SESSION_MISMATCH | Got:2' }, success(T + 4, 2)]);
  expect(attributeWrite(got, C, 2, FROM, TO)!.sessionMismatch).toBeUndefined();
});

test('user ids are read from whole numbers only', () => {
  const ids = (id: string) => attributeWrite(logOf([start(T + 1, 'alice01', id), success(T + 4, 2)]), C, 2, FROM, TO)!.sessionUserId;
  expect(ids('12')).toBe(12);
  expect(ids('12x')).toBeUndefined();
  expect(ids('x12')).toBeUndefined();
  expect(ids('none')).toBeUndefined();
});

test('an attribution names only what the lines say: no field for what they leave out', () => {
  const writer = attributeWrite(logOf([success(T + 4, 2)]), C, 2, FROM, TO)!;
  expect(Object.keys(writer).sort()).toEqual(['cardId', 'logLines', 'pid', 'writeUserId', 'writeUsername']);
});

test("a worker's lines stop at its request's START, not at an earlier request that logged no success", () => {
  const log = logOf([start(T - 500, 'old', '7'), target(T - 490, 7), start(T + 1, 'alice01', '1'), success(T + 4, 2)]);
  const writer = attributeWrite(log, C, 2, FROM, TO)!;
  expect(writer).toMatchObject({ sessionUser: 'alice01', sessionUserId: 1 });
  expect(writer.dbPath).toBeUndefined();
  expect(writer.logLines).toHaveLength(2);
});

test('lines written out of time order: the request is found by time, not by its place in the file', () => {
  // The next request's START was written first in the file but carries a later time.
  const log = logOf([start(T + 30, 'next', '8'), start(T + 1, 'alice01', '1'), success(T + 4, 2), { at: T + 40, pid: 99, message: 'ADD_CARD_START | PID:99 | SessionUser:x' }]);
  expect(attributeWrite(log, C, 2, FROM, TO)).toMatchObject({ sessionUser: 'alice01' });
});
