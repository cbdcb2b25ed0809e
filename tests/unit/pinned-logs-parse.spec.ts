/**
 * Rules of reading the server log (db/server-log.ts): line numbers and stray lines, Gunicorn's
 * header, the app header's tokens, zones and local time, `key=value` fields, request lines and
 * their durations, the plan's diagnostic fields, and the cause an error's text gives.
 */
import { test, expect } from '@playwright/test';
import { classifyErrorCause, diagnosticOf, parseServerLog, readServerLog } from '../../db/server-log.ts';

const UTC = { utcOffsetMinutes: 0 };

/** Run `fn` with this process in time zone `tz` (Node re-reads TZ when it is set), then restore it. */
function inTimeZone<T>(tz: string, fn: () => T): T {
  const saved = process.env.TZ;
  process.env.TZ = tz;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

function only(text: string) {
  const log = parseServerLog(text, UTC);
  expect(log.entries).toHaveLength(1);
  return log.entries[0]!;
}

test('each entry carries the 1-based number of its first line, and a stray line is counted, not attached to Gunicorn', () => {
  const log = parseServerLog(
    [
      'nohup: ignoring input',
      '[2026-11-27 01:41:09 +0000] [11103] [INFO] Starting gunicorn 20.1.0',
      'stray text under a Gunicorn line',
      '',
      '2026-11-27 01:41:21,053 INFO app MainThread : Inserted note 1795743681000 for user 1',
    ].join('\n'),
  );
  expect(log.entries.map((e) => [e.lineNo, e.source])).toEqual([
    [2, 'gunicorn'],
    [5, 'app'],
  ]);
  expect(log.entries[0]!.text).toBe('[2026-11-27 01:41:09 +0000] [11103] [INFO] Starting gunicorn 20.1.0');
  expect(log.unparsedLines).toBe(2);
});

test('a Gunicorn line keeps its time in its own zone, its level in capitals, and names Gunicorn as its logger', () => {
  const entry = only('[2026-11-27 01:41:09 -0300] [11103] [critical] WORKER TIMEOUT (pid:11105)');
  expect(entry).toMatchObject({ at: Date.UTC(2026, 10, 27, 4, 41, 9), level: 'CRITICAL', logger: 'gunicorn', thread: null, pid: 11103, userId: null });
});

test('app lines in a log whose Gunicorn prints a zone west of UTC are read in that zone', () => {
  const log = parseServerLog('[2026-11-27 01:41:09 -0300] [1] [INFO] Starting gunicorn\n2026-11-27 01:41:21,053 INFO app MainThread : x');
  expect(log.utcOffsetMinutes).toBe(-180);
  expect(log.entries[1]!.at).toBe(Date.UTC(2026, 10, 27, 4, 41, 21, 53));
});

test('an app line with its own zone is read in it: Z, half-hour zones, zones west of UTC', () => {
  const at = (zone: string) => only(`2026-11-27 01:41:21.5${zone} INFO app MainThread : x`).at;
  expect(at('Z')).toBe(Date.UTC(2026, 10, 27, 1, 41, 21, 500));
  expect(at('+05:30')).toBe(Date.UTC(2026, 10, 26, 20, 11, 21, 500));
  expect(at('-0300')).toBe(Date.UTC(2026, 10, 27, 4, 41, 21, 500));
});

test('an app line with an empty message still parses, with an empty message', () => {
  const entry = only('2026-11-27 01:41:21,053 INFO app MainThread :');
  expect(entry.message).toBe('');
  expect(entry.request).toBeNull();
});

test('WARN is read as WARNING', () => {
  expect(only('2026-11-27 01:41:21,053 WARN app MainThread : low disk').level).toBe('WARNING');
  expect(only('2026-11-27 01:41:21,053 WARNING app MainThread : low disk').level).toBe('WARNING');
});

test('the app header: logger first, the rest is the thread, spaces however many, a pid only from a whole pid=N token', () => {
  expect(only('2026-11-27 01:41:21,053 INFO app  Thread 7  : x')).toMatchObject({ logger: 'app', thread: 'Thread 7', pid: null });
  expect(only('2026-11-27 01:41:21,053 INFO app worker_pid=12 : x')).toMatchObject({ thread: 'worker_pid=12', pid: null });
  expect(only('2026-11-27 01:41:21,053 INFO app pid=12x : x')).toMatchObject({ thread: 'pid=12x', pid: null });
  expect(only('2026-11-27 01:41:21,053 INFO app pid=12 : x')).toMatchObject({ thread: null, pid: 12 });
});

test('a pid=N field in the message names the worker when the header does not', () => {
  expect(only('2026-11-27 01:41:21,053 INFO app MainThread : request done pid=4242').pid).toBe(4242);
});

test('a user field that is not a number leaves the user to the message text', () => {
  expect(only('2026-11-27 01:41:21,053 INFO app MainThread : user=alice01 logged in for user 4').userId).toBe(4);
  expect(only('2026-11-27 01:41:21,053 INFO app MainThread : user=x4 logged in for user 5').userId).toBe(5);
});

test('field values: quotes around a value are dropped, quotes inside an unquoted one kept', () => {
  expect(only('2026-11-27 01:41:21,053 INFO app MainThread : request method=get path="/decks list" status=200').request).toEqual({
    method: 'GET',
    path: '/decks list',
    status: 200,
    durationMs: null,
  });
  expect(only('2026-11-27 01:41:21,053 INFO app MainThread : request method=GET path=/a"b status=200').request!.path).toBe('/a"b');
});

test('a request duration may be given as durationMs, duration_ms, duration, ms or took, with decimals', () => {
  const duration = (field: string) => only(`2026-11-27 01:41:21,053 INFO app MainThread : request method=GET path=/decks status=200 ${field}`).request!.durationMs;
  expect([duration('durationMs=5'), duration('duration_ms=12.34'), duration('duration=6ms'), duration('ms=7'), duration('took=8')]).toEqual([5, 12.34, 6, 7, 8]);
});

test('a status field alone, or method and status without a path, is no request line', () => {
  expect(only('2026-11-27 01:41:21,053 INFO app MainThread : health status=ok').request).toBeNull();
  expect(only('2026-11-27 01:41:21,053 INFO app MainThread : probe method=GET status=200').request).toBeNull();
});

test('a plain-text request line takes its duration from after the status, decimals included', () => {
  const durationOf = (message: string) => only(`2026-11-27 01:41:21,053 INFO app MainThread : ${message}`).request!.durationMs;
  expect(durationOf('POST /add_card 201 12.34ms')).toBe(12.34);
  expect(durationOf('queued 3ms: POST /add_card 201 12ms')).toBe(12);
  expect(durationOf('POST /sync 200 12items 3ms')).toBe(3);
  expect(durationOf('POST /add_card 201 12ms user=4 deck=1 front="a long card front"')).toBe(12);
});

test("the plan's diagnostic fields keep only keys made of letters and underscores", () => {
  expect(diagnosticOf('ADD_CARD_SUCCESS | Card-ID:5 | PID1:7 | 1PID:8 | CardID:9')!.fields).toEqual({ CardID: '9' });
});

test('a diagnostic user id or pid must be a whole number, else the next field names the user', () => {
  const entry = (fields: string) => only(`2026-11-27 01:41:21,053 INFO app MainThread : ADD_CARD_START | ${fields}`);
  expect(entry('PID:x1 | UserID:x1 | SessionUserID:3')).toMatchObject({ pid: null, userId: 3 });
  expect(entry('PID:1x | UserID:1x | SessionUserID:3')).toMatchObject({ pid: null, userId: 3 });
});

test("an error's cause quotes only its first line, numbers masked", () => {
  expect(classifyErrorCause('Error adding card for user 12: boom\nTraceback (most recent call last):\n  File "app.py", line 900')).toBe('"Error adding card for user N: boom"');
});

test('there is no log when the file does not exist', () => {
  expect(readServerLog('/nonexistent/server.log')).toBeNull();
});

test('app times without any zone are this machine’s local time on that date, summer or winter', () => {
  const log = inTimeZone('Europe/Berlin', () => parseServerLog(['2026-10-15 12:00:00,000 INFO app MainThread : summer', '2026-12-15 12:00:00,000 INFO app MainThread : winter'].join('\n')));
  expect(log.entries.map((e) => e.at)).toEqual([Date.UTC(2026, 9, 15, 10), Date.UTC(2026, 11, 15, 11)]);
  // With no zone anywhere, the log's offset is this machine's now (Berlin: +60 or +120).
  expect([60, 120]).toContain(log.utcOffsetMinutes);
});
