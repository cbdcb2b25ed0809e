/**
 * The server log parser: the real JAVUMBO format and Gunicorn's lines, the embedded
 * target's pid variant and request lines, error causes, and matching lines to operations.
 */
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { classifyErrorCause, parseServerLog } from '../../db/server-log.ts';
import { indexLog, logEvidence } from '../../db/log-match.ts';
import { formatLogLine } from '../../embedded-server/log.ts';
import { REAL_SAMPLE_LOG } from './support/real-sample.ts';
import { fingerprint } from '../../helpers/secrets/fingerprint.ts';

test('parses the real server log: app lines in the zone Gunicorn prints, Gunicorn lines with pids', () => {
  const log = parseServerLog(fs.readFileSync(REAL_SAMPLE_LOG, 'utf8'));
  expect(log.unparsedLines).toBe(0);
  expect(log.utcOffsetMinutes).toBe(0);
  const created = log.entries.find((e) => e.message.startsWith('User 2 (bob02) created card'))!;
  expect(created).toMatchObject({ at: Date.UTC(2026, 10, 27, 1, 41, 23, 57), level: 'INFO', source: 'app', logger: 'app', thread: 'MainThread', pid: null, userId: 2 });
  const booting = log.entries.filter((e) => e.source === 'gunicorn' && e.message.startsWith('Booting worker'));
  expect(booting.map((e) => e.pid)).toEqual([11105, 11106, 11107]);
  const error = log.entries.find((e) => e.level === 'ERROR')!;
  expect(error.userId).toBe(1);
  expect(classifyErrorCause(error.text)).toBe('id-collision');
});

test('parses the embedded target variant with the worker pid in place of the thread', () => {
  const log = parseServerLog('2026-11-27 01:41:21,053 INFO app pid=12345 : User 1 (alice01) created card 1795743681001 in deck 1 (MyFirstDeck): "x"\n', {
    utcOffsetMinutes: 0,
  });
  expect(log.entries[0]).toMatchObject({ at: Date.UTC(2026, 10, 27, 1, 41, 21, 53), pid: 12345, thread: null, logger: 'app', userId: 1 });
});

test('parses the embedded target request lines written by its own log writer', () => {
  const at = new Date(Date.UTC(2026, 10, 27, 1, 41, 21, 60));
  const text = [
    formatLogLine(at, 'INFO', 12345, 'request method=POST path=/add_card status=500 duration_ms=12.3 user=7'),
    formatLogLine(at, 'INFO', 12346, 'request method=GET path=/decks/3/cards?page=1&perPage=10 status=200 duration_ms=3.5 user=8'),
    formatLogLine(at, 'INFO', 12347, 'request method=POST path=/login status=aborted duration_ms=1.0 user=-'),
  ].join('');
  // The target writes local time without a zone, as Python's logging does; no option needed.
  const log = parseServerLog(text);
  expect(log.unparsedLines).toBe(0);
  expect(log.entries.map((e) => [e.at, e.request, e.userId, e.pid])).toEqual([
    [at.getTime(), { method: 'POST', path: '/add_card', status: 500, durationMs: 12.3 }, 7, 12345],
    [at.getTime(), { method: 'GET', path: '/decks/3/cards?page=1&perPage=10', status: 200, durationMs: 3.5 }, 8, 12346],
    [at.getTime(), { method: 'POST', path: '/login', status: null, durationMs: 1 }, null, 12347],
  ]);
});

test('parses request lines written as plain text', () => {
  const log = parseServerLog('2026-11-27 01:41:21,060 INFO app pid=12345 : POST /add_card 500 12ms user=7\n', { utcOffsetMinutes: 0 });
  expect(log.entries[0]!.request).toEqual({ method: 'POST', path: '/add_card', status: 500, durationMs: 12 });
});

test('a traceback continues the entry above it and its text decides the cause', () => {
  const log = parseServerLog(
    ['2026-11-27 01:41:22,000 ERROR app MainThread : Error adding card for user 4: boom', 'Traceback (most recent call last):', 'sqlite3.OperationalError: database is locked'].join('\n'),
    { utcOffsetMinutes: 0 },
  );
  expect(log.entries).toHaveLength(1);
  expect(classifyErrorCause(log.entries[0]!.text)).toBe('lock-contention');
  expect(classifyErrorCause('Database error in get_next_card for user 12: disk I/O error')).toBe('"Database error in get_next_card for user N: disk I/O error"');
});

test('app timestamps without a zone use the zone Gunicorn printed in the same log', () => {
  const log = parseServerLog('[2026-11-27 03:41:09 +0200] [1] [INFO] Starting gunicorn\n2026-11-27 03:41:21,053 INFO app MainThread : User logged in: a (ID: 1)\n');
  expect(log.utcOffsetMinutes).toBe(120);
  expect(log.entries[1]!.at).toBe(Date.UTC(2026, 10, 27, 1, 41, 21, 53));
});

test('matching keeps lines of the operation user within 2 s and takes the pid from them', () => {
  const log = parseServerLog(
    [
      '2026-11-27 01:41:20,000 INFO app pid=1 : User 1 (alice01) created card 11 in deck 1 (A): "x"',
      '2026-11-27 01:41:23,000 INFO app pid=2 : User 2 (bob02) created card 12 in deck 1 (A): "y"',
      '2026-11-27 01:41:23,500 ERROR app pid=3 : Database error adding card for user 1: UNIQUE constraint failed: notes.id',
      '2026-11-27 01:41:26,000 INFO app pid=1 : User 1 (alice01) created card 13 in deck 1 (A): "z"',
    ].join('\n'),
    { utcOffsetMinutes: 0 },
  );
  const sent = Date.UTC(2026, 10, 27, 1, 41, 23, 400);
  const evidence = logEvidence(indexLog(log), sent, sent + 100, new Set([1]));
  expect(evidence.logLines).toEqual(['2026-11-27 01:41:23,500 ERROR app pid=3 : Database error adding card for user 1: UNIQUE constraint failed: notes.id']);
  expect(evidence.workerPid).toBe(3);
});

test('the worker pid of an operation comes from its own request line, not an earlier request of the user', () => {
  const sent = Date.UTC(2026, 10, 27, 2, 27, 16, 819);
  const text = [
    formatLogLine(new Date(sent - 1_978), 'INFO', 26705, 'request method=GET path=/decks status=200 duration_ms=3.0 user=4'),
    formatLogLine(new Date(sent - 1_000), 'INFO', 26707, 'User 9 (other) created card 1795746436001 in deck 1 (MyFirstDeck): "x"'),
    formatLogLine(new Date(sent + 69), 'INFO', 26706, 'request method=POST path=/add_card status=201 duration_ms=60.0 user=4'),
  ].join('');
  const index = indexLog(parseServerLog(text));
  const evidence = logEvidence(index, sent, sent + 70, new Set([4]), ['1795746436001']);
  expect(evidence.workerPid).toBe(26706);
  // Another user's line that only shares the whole-second card id is not this request's evidence.
  expect(evidence.logLines.some((line) => line.includes('User 9'))).toBe(false);
});

test("parses the plan's diagnostic add_card lines: fields, the pid from PID:, the user, and the session id only as its fingerprint", () => {
  const text = [
    // As the real server would write them: Python logging's header, no pid in it.
    '2026-11-27 01:41:21,050 INFO app MainThread : ADD_CARD_START | PID:11105 | Thread:140245 | SessionUser:alice01 | SessionUserID:1 | SessionID:6f1c0b2e-secret',
    '2026-11-27 01:41:21,051 INFO app MainThread : ADD_CARD_TARGET_DB | PID:11105 | UserID:1 | DBPath:/srv/javumbo/server/user_dbs/user_1.db',
    '2026-11-27 01:41:21,052 ERROR app MainThread : SESSION_MISMATCH | Expected:1 | Got:2',
    '2026-11-27 01:41:21,053 INFO app MainThread : ADD_CARD_SUCCESS | PID:11105 | CardID:1795743681001 | UserID:1 | Username:alice01',
    '2026-11-27 01:41:21,054 CRITICAL app MainThread : CARD_WRITE_VERIFICATION_FAILED | CardID:1795743681001 | UserID:1',
    '2026-11-27 01:41:21,055 ERROR app MainThread : INTEGRITY_VIOLATION card 1795743681001 of alice01 in user_2.db',
    '2026-11-27 01:41:21,056 INFO app MainThread : ADD_CARD_STARTED is not one of them',
  ].join('\n');
  const log = parseServerLog(text, { utcOffsetMinutes: 0 });
  expect(log.unparsedLines).toBe(0);
  const [start, target, mismatch, success, verification, violation, other] = log.entries;
  expect(start).toMatchObject({
    pid: 11105,
    thread: 'MainThread',
    userId: 1,
    diagnostic: { event: 'ADD_CARD_START', fields: { PID: '11105', Thread: '140245', SessionUser: 'alice01', SessionUserID: '1' } },
  });
  expect(start!.diagnostic!.fields.SessionID).toBe(`#${fingerprint('6f1c0b2e-secret')}`);
  expect(start!.text).not.toContain('secret');
  expect(target).toMatchObject({ pid: 11105, userId: 1, diagnostic: { event: 'ADD_CARD_TARGET_DB', fields: { DBPath: '/srv/javumbo/server/user_dbs/user_1.db' } } });
  expect(mismatch).toMatchObject({ pid: null, userId: 1, level: 'ERROR', diagnostic: { event: 'SESSION_MISMATCH', fields: { Expected: '1', Got: '2' } } });
  expect(success).toMatchObject({ pid: 11105, userId: 1, diagnostic: { event: 'ADD_CARD_SUCCESS', fields: { CardID: '1795743681001', Username: 'alice01' } } });
  expect(verification!.diagnostic).toEqual({ event: 'CARD_WRITE_VERIFICATION_FAILED', fields: { CardID: '1795743681001', UserID: '1' } });
  expect(violation!.diagnostic).toEqual({ event: 'INTEGRITY_VIOLATION', fields: {} });
  expect(other!.diagnostic).toBeNull();
  expect(indexLog(log).diagnostics).toHaveLength(6);
});

test('the embedded target writes the diagnostic lines the parser reads, with its pid in the header too', () => {
  const at = new Date(Date.UTC(2026, 10, 27, 1, 41, 21, 60));
  const log = parseServerLog(formatLogLine(at, 'INFO', 4321, 'ADD_CARD_SUCCESS | PID:4321 | CardID:5 | UserID:2 | Username:bob02'));
  expect(log.entries[0]).toMatchObject({ pid: 4321, userId: 2, diagnostic: { event: 'ADD_CARD_SUCCESS' } });
});

test('a session id logged with spaces around its colon is masked too: neither the parsed field nor the line keeps it', () => {
  const text = [
    '2026-11-27 01:41:21,050 INFO app MainThread : ADD_CARD_START | PID:11105 | SessionUserID:1 | SessionID: 6f1c0b2e-secret',
    '2026-11-27 01:41:21,051 INFO app MainThread : ADD_CARD_START | PID:11105 | SessionUserID:1 | SessionID : 7a2d-secret | Thread:1',
  ].join('\n');
  const [spaced, both] = parseServerLog(text, { utcOffsetMinutes: 0 }).entries;
  expect(spaced!.diagnostic!.fields.SessionID).toBe(`#${fingerprint('6f1c0b2e-secret')}`);
  expect(both!.diagnostic!.fields.SessionID).toBe(`#${fingerprint('7a2d-secret')}`);
  expect(both!.diagnostic!.fields.Thread).toBe('1');
  expect([spaced!.text, both!.text].join('\n')).not.toContain('secret');
});
