/**
 * Rules of matching server log lines to an operation (db/log-match.ts): which lines are an
 * operation's evidence, in which order a busy window keeps them, and whose worker pid is named.
 * Lines are written in the real server's format (Python logging's header, `MainThread`), or
 * with the embedded target's `pid=N` in place of the thread when the pid matters.
 */
import { test, expect } from '@playwright/test';
import { parseServerLog } from '../../db/server-log.ts';
import { entriesBetween, entriesNear, indexLog, logEvidence } from '../../db/log-match.ts';

/** The moment the operation's request was sent; its answer came back 50 ms later. */
const SENT = Date.UTC(2026, 10, 27, 1, 41, 30, 0);
const ANSWERED = SENT + 50;
const USER = new Set([4]);

/** `2026-11-27 01:41:30,000` for an epoch ms, in UTC (the logs are parsed with offset 0). */
function stamp(at: number): string {
  return new Date(at).toISOString().replace('T', ' ').replace('.', ',').replace('Z', '');
}

/** One app line written `at` ms, with `header` the logger and thread (or pid) tokens. */
function line(at: number, level: string, message: string, header = 'app MainThread'): string {
  return `${stamp(at)} ${level} ${header} : ${message}`;
}

function index(...lines: string[]) {
  return indexLog(parseServerLog(lines.join('\n'), { utcOffsetMinutes: 0 }));
}

const plain = (at: number, user = 4) => line(at, 'INFO', `Set current deck to 1795743680526 for user ${user}`);

test('with no log, or nobody and no card to look for, an operation has no log lines and no worker pid', () => {
  const log = index(plain(SENT));
  expect(logEvidence(null, SENT, ANSWERED, USER)).toEqual({ logLines: [] });
  expect(logEvidence(log, SENT, ANSWERED, new Set())).toEqual({ logLines: [] });
});

test('a card id alone finds the lines that name it without a user, even when no user is known', () => {
  const unnamed = line(SENT + 10, 'INFO', 'Inserted note 1795743690000 into deck 1');
  const log = index(unnamed, plain(SENT + 20));
  expect(logEvidence(log, SENT, ANSWERED, new Set(), ['1795743690000']).logLines).toEqual([unnamed]);
});

test('a line naming any one of the cards looked for is evidence, it need not name them all', () => {
  const unnamed = line(SENT + 10, 'INFO', 'Inserted note 1795743690000 into deck 1');
  const log = index(unnamed);
  expect(entriesNear(log, SENT, ANSWERED, new Set(), ['1795743690000', '1795743699999']).map((e) => e.text)).toEqual([unnamed]);
});

test("Gunicorn's own lines never count as an operation's lines, not even when they share its time", () => {
  const gunicorn = `[${stamp(SENT).slice(0, 19)} +0000] [11105] [CRITICAL] WORKER TIMEOUT (pid:11105) 1795743690000`;
  const app = plain(SENT);
  const log = index(gunicorn, app);
  expect(log.byTime.map((e) => e.text)).toEqual([app]);
  expect(entriesBetween(log, SENT - 1_000, SENT + 1_000).map((e) => e.text)).toEqual([app]);
  expect(entriesNear(log, SENT, ANSWERED, new Set(), ['1795743690000'])).toEqual([]);
});

test('lines are searched by time even when workers wrote them out of order, equal times kept as written', () => {
  const late = plain(SENT + 900);
  const early = plain(SENT + 100);
  const sameA = line(SENT + 500, 'INFO', 'User logged in: dave04 (ID: 4)');
  const sameB = line(SENT + 500, 'INFO', 'Created new deck (ID: 1795743690526) for user 4');
  const sameC = line(SENT + 500, 'INFO', 'Inserted note 1795743690000 for user 4');
  const log = index(late, early, sameA, sameB, sameC);
  expect(entriesBetween(log, SENT, SENT + 1_000).map((e) => e.text)).toEqual([early, sameA, sameB, sameC, late]);
  expect(entriesBetween(log, SENT + 400, SENT + 1_000).map((e) => e.text)).toEqual([sameA, sameB, sameC, late]);
});

test('a window includes the lines written exactly at its two ends', () => {
  const atStart = plain(SENT);
  const atEnd = plain(SENT + 300);
  const after = plain(SENT + 301);
  const log = index(plain(SENT - 1), atStart, atEnd, after);
  expect(entriesBetween(log, SENT, SENT + 300).map((e) => e.text)).toEqual([atStart, atEnd]);
  // entriesNear widens the flight by 2 s on each side, ends included.
  const first = plain(SENT - 2_000);
  const last = plain(ANSWERED + 2_000);
  const near = index(plain(SENT - 2_001), first, last, plain(ANSWERED + 2_001));
  expect(entriesNear(near, SENT, ANSWERED, USER).map((e) => e.text)).toEqual([first, last]);
});

test('another user’s line is no evidence for this operation', () => {
  const own = plain(SENT + 10);
  const log = index(plain(SENT + 5, 9), own);
  expect(logEvidence(log, SENT, ANSWERED, USER).logLines).toEqual([own]);
});

test('a busy window keeps at most the asked number of lines, 8 unless told', () => {
  const lines = Array.from({ length: 10 }, (_, i) => plain(SENT - 1_000 + i * 100));
  const log = index(...lines);
  expect(logEvidence(log, SENT, ANSWERED, USER).logLines).toHaveLength(8);
  expect(logEvidence(log, SENT, ANSWERED, USER, [], 3).logLines).toHaveLength(3);
});

test('a line written up to 100 ms before the send is the request’s own and outranks an earlier error', () => {
  const own = plain(SENT - 100);
  const earlierError = line(SENT - 101, 'ERROR', 'Error fetching decks for user 4: boom');
  expect(logEvidence(index(earlierError, own), SENT, ANSWERED, USER, [], 1).logLines).toEqual([own]);
});

test('a line written up to 100 ms after the answer is the request’s own and outranks a later error', () => {
  const own = plain(ANSWERED + 100);
  const laterError = line(ANSWERED + 101, 'ERROR', 'Error fetching decks for user 4: boom');
  expect(logEvidence(index(own, laterError), SENT, ANSWERED, USER, [], 1).logLines).toEqual([own]);
});

test('among lines alike outside the flight, the one nearest to it is kept, before or after', () => {
  const before300 = plain(SENT - 300);
  const after500 = plain(ANSWERED + 500);
  expect(logEvidence(index(before300, after500), SENT, ANSWERED, USER, [], 1).logLines).toEqual([before300]);
  const before500 = plain(SENT - 500);
  const after300 = plain(ANSWERED + 300);
  expect(logEvidence(index(before500, after300), SENT, ANSWERED, USER, [], 1).logLines).toEqual([after300]);
  const after200 = plain(ANSWERED + 200);
  const after900 = plain(ANSWERED + 900);
  expect(logEvidence(index(after200, after900), SENT, ANSWERED, USER, [], 1).logLines).toEqual([after200]);
  const before900 = plain(SENT - 900);
  const before200 = plain(SENT - 200);
  expect(logEvidence(index(before900, before200), SENT, ANSWERED, USER, [], 1).logLines).toEqual([before200]);
});

test('outside the flight an error outranks a request line, which outranks a plain line, however near', () => {
  const error = line(SENT - 1_500, 'ERROR', 'Error adding card for user 4: boom');
  const critical = line(SENT - 1_500, 'CRITICAL', 'Database unusable for user 4');
  const request = line(SENT - 1_000, 'INFO', 'GET /decks 200 3ms user=4');
  const nearPlain = plain(SENT - 300);
  expect(logEvidence(index(error, request, nearPlain), SENT, ANSWERED, USER, [], 1).logLines).toEqual([error]);
  expect(logEvidence(index(critical, request, nearPlain), SENT, ANSWERED, USER, [], 1).logLines).toEqual([critical]);
  expect(logEvidence(index(request, nearPlain), SENT, ANSWERED, USER, [], 1).logLines).toEqual([request]);
});

test('a request answered 500 or worse ranks as an error, one answered below 500 does not', () => {
  const failed = line(SENT - 1_500, 'INFO', 'POST /add_card 500 12ms user=4');
  const ok = line(SENT - 300, 'INFO', 'POST /add_card 201 12ms user=4');
  expect(logEvidence(index(failed, ok), SENT, ANSWERED, USER, [], 1).logLines).toEqual([failed]);
  const refused = line(SENT - 1_500, 'INFO', 'POST /add_card 499 12ms user=4');
  expect(logEvidence(index(refused, ok), SENT, ANSWERED, USER, [], 1).logLines).toEqual([ok]);
});

test('a line naming the card outranks a nearer line of the user', () => {
  const naming = line(SENT - 1_500, 'INFO', 'Inserted note 1795743690000 into deck 1');
  const nearPlain = plain(SENT - 300);
  expect(logEvidence(index(naming, nearPlain), SENT, ANSWERED, USER, ['1795743690000'], 1).logLines).toEqual([naming]);
});

test('the kept lines read in the order they were written, whatever their rank', () => {
  const request = line(SENT - 1_000, 'INFO', 'GET /decks 200 3ms user=4');
  const own = plain(SENT + 10);
  const sameTimeError = line(SENT + 10, 'ERROR', 'Error adding card for user 4: boom');
  const writtenLateError = line(SENT + 20, 'ERROR', 'Error adding card for user 4: again');
  const log = index(request, writtenLateError, own, sameTimeError);
  expect(logEvidence(log, SENT, ANSWERED, USER).logLines).toEqual([request, own, sameTimeError, writtenLateError]);
});

test('the worker pid is that of the request line written during the flight, before any other line of the user', () => {
  const error = line(SENT + 10, 'ERROR', 'Error adding card for user 4: boom', 'app pid=11');
  const request = line(SENT + 40, 'INFO', 'POST /add_card 500 12ms user=4', 'app pid=22');
  expect(logEvidence(index(error, request), SENT, ANSWERED, USER).workerPid).toBe(22);
});

test('without a request line in the flight, the pid of another line of the user in the flight wins over an earlier request', () => {
  const earlierRequest = line(SENT - 1_000, 'INFO', 'GET /decks 200 3ms user=4', 'app pid=11');
  const own = line(SENT + 10, 'INFO', 'Inserted note 1795743690000 for user 4', 'app pid=22');
  expect(logEvidence(index(earlierRequest, own), SENT, ANSWERED, USER).workerPid).toBe(22);
});

test('with nothing of the user in the flight, a request line of the user names the pid before a higher-ranked error', () => {
  const error = line(SENT - 1_000, 'ERROR', 'Error adding card for user 4: boom', 'app pid=11');
  const request = line(SENT - 500, 'INFO', 'GET /decks 200 3ms user=4', 'app pid=22');
  expect(logEvidence(index(error, request), SENT, ANSWERED, USER).workerPid).toBe(22);
});

test('with only plain lines of the user outside the flight, the best-ranked one names the pid', () => {
  const far = line(SENT - 1_500, 'INFO', 'Inserted note 1795743690000 for user 4', 'app pid=11');
  const near = line(SENT - 300, 'INFO', 'Set current deck to 1 for user 4', 'app pid=22');
  expect(logEvidence(index(far, near), SENT, ANSWERED, USER).workerPid).toBe(22);
});

test('the pid never comes from a line without one, nor from a line that only shares the card id', () => {
  const sharedId = line(SENT + 10, 'INFO', 'Inserted note 1795743690000 into deck 1', 'app pid=99');
  const realRequest = line(SENT + 40, 'INFO', 'POST /add_card 201 12ms user=4');
  const older = line(SENT - 1_000, 'INFO', 'Set current deck to 1 for user 4', 'app pid=33');
  const evidence = logEvidence(index(older, sharedId, realRequest), SENT, ANSWERED, USER, ['1795743690000']);
  expect(evidence.logLines).toEqual([older, sharedId, realRequest]);
  expect(evidence.workerPid).toBe(33);
});

test('no line of the user with a pid, no worker pid', () => {
  const evidence = logEvidence(index(plain(SENT + 10)), SENT, ANSWERED, USER);
  expect(evidence).toEqual({ logLines: [plain(SENT + 10)] });
});

test('successes are indexed by card id: only ADD_CARD_SUCCESS lines that name a CardID, every user holding that id', () => {
  const alice = line(SENT, 'INFO', 'ADD_CARD_SUCCESS | PID:6710 | CardID:1796671025001 | UserID:1 | Username:alice1');
  const bob = line(SENT + 5, 'INFO', 'ADD_CARD_SUCCESS | PID:6709 | CardID:1796671025001 | UserID:2 | Username:bob1');
  const noCard = line(SENT + 6, 'INFO', 'ADD_CARD_SUCCESS | PID:6709 | UserID:2 | Username:bob1');
  const failed = line(SENT + 7, 'CRITICAL', 'CARD_WRITE_VERIFICATION_FAILED | CardID:1796671025002 | UserID:2');
  const log = index(alice, bob, noCard, failed);
  expect(log.diagnostics).toHaveLength(4);
  expect([...log.successesByCard].map(([cardId, entries]) => [cardId, entries.map((e) => e.text)])).toEqual([['1796671025001', [alice, bob]]]);
});
