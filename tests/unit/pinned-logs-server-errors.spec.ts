/**
 * Rules of the server-error judge (db/judges/server-error-judge.ts): which answers are server
 * errors, where their cause comes from (the user's error line in the log, else the answer),
 * and what the observation per cause says and carries.
 */
import { test, expect } from '@playwright/test';
import type { Operation } from '../../helpers/history/operation.ts';
import type { AuditContext } from '../../db/audit-context.ts';
import type { DatabaseIndex } from '../../db/database-index.ts';
import type { ClockOffset } from '../../db/clock-offset.ts';
import { indexLog } from '../../db/log-match.ts';
import { parseServerLog } from '../../db/server-log.ts';
import { judgeServerErrors } from '../../db/judges/server-error-judge.ts';

const T = Date.UTC(2026, 10, 27, 1, 41, 30);

/** An add_card of user 4 (dave04) sent `at`, answered 20 ms later with `status`. */
function addAt(at: number, over: Partial<Operation> = {}): Operation {
  return {
    id: `w04#${at - T}`,
    runId: 'unit',
    scenario: 'unit',
    vu: 'w04',
    username: 'dave04',
    userId: 4,
    op: 'add_card',
    method: 'POST',
    path: '/add_card',
    sentAt: at,
    returnedAt: at + 20,
    status: 500,
    body: { error: 'Database error occurred while adding card' },
    outcome: 'fail',
    cookieFingerprint: 'cookie-w04',
    sessionValid: true,
    ...over,
  };
}

/** The judge's view: admin.db knows dave04 as user 4; `logLines` is the server log (none: no log). */
function contextOf(history: Operation[], logLines?: string[]): AuditContext {
  return {
    index: { userIdByUsername: new Map([['dave04', 4]]) } as unknown as DatabaseIndex,
    history,
    log: logLines ? indexLog(parseServerLog(logLines.join('\n'), { utcOffsetMinutes: 0 })) : null,
    clockToleranceMs: 0,
    clock: { agree: true, toleranceMs: 0 } as ClockOffset,
    sessionFiles: null,
  };
}

function stamp(at: number): string {
  return new Date(at).toISOString().replace('T', ' ').replace('.', ',').replace('Z', '');
}

test('only answers of 500 or more are server errors: a 2xx, a 4xx and a request without answer are not', () => {
  const history = [addAt(T, { status: 201, body: {} }), addAt(T + 100, { status: 400, body: { error: 'Front required' } }), addAt(T + 200, { status: null, body: null }), addAt(T + 300)];
  const findings = judgeServerErrors(contextOf(history));
  expect(findings.causes).toEqual({ '"Database error occurred while adding card"': 1 });
});

test('no server error, no cause and no observation', () => {
  expect(judgeServerErrors(contextOf([addAt(T, { status: 201, body: {} })]))).toEqual({ causes: {}, observations: [] });
});

test('a cause the judge does not know is told in the server’s words, one error in the singular', () => {
  const findings = judgeServerErrors(contextOf([addAt(T)]));
  expect(findings.observations).toEqual([
    {
      kind: 'server-error-cause',
      message: '1 server error (5xx): the server said "Database error occurred while adding card".',
      evidence: { cause: '"Database error occurred while adding card"', count: 1, opIds: ['w04#0'], logLines: [] },
    },
  ]);
});

test('without an error text in the answer, the cause is its HTTP status', () => {
  const findings = judgeServerErrors(contextOf([addAt(T, { status: 502, body: null }), addAt(T + 100, { status: 503, body: 'Service Unavailable' })]));
  expect(findings.causes).toEqual({ '"HTTP N"': 2 });
  expect(findings.observations[0]!.message).toBe('2 server errors (5xx): the server said "HTTP N".');
});

test('the cause comes from the user’s error line in the log, with its traceback, and the line is the evidence', () => {
  const error = [
    `${stamp(T + 10)} ERROR app MainThread : Error adding card for user 4: failed`,
    'Traceback (most recent call last):',
    'sqlite3.IntegrityError: UNIQUE constraint failed: notes.id',
  ].join('\n');
  const findings = judgeServerErrors(contextOf([addAt(T)], [error]));
  expect(findings.causes).toEqual({ 'id-collision': 1 });
  expect(findings.observations[0]!.message).toBe('1 server error (5xx): two writes of one user in the same second got the same id (UNIQUE constraint failed).');
  expect(findings.observations[0]!.evidence.logLines).toEqual([error]);
});

test('a CRITICAL line of the user is an error line too; its traceback does not change a quoted cause', () => {
  const critical = [`${stamp(T + 10)} CRITICAL app MainThread : Disk full for user 4`, 'Traceback (most recent call last):', 'OSError: [Errno 28] No space left on device'].join('\n');
  const findings = judgeServerErrors(contextOf([addAt(T)], [critical]));
  expect(findings.causes).toEqual({ '"Disk full for user N"': 1 });
});

test('the user of an operation is the one it recorded, admin.db only when it recorded none', () => {
  const line = `${stamp(T + 10)} ERROR app MainThread : Database error adding card for user 7: database is locked`;
  const recorded = addAt(T, { userId: 7 });
  expect(judgeServerErrors(contextOf([recorded], [line])).causes).toEqual({ 'lock-contention': 1 });
  const lineOf4 = `${stamp(T + 10)} ERROR app MainThread : Database error adding card for user 4: database is locked`;
  const unrecorded = addAt(T, { userId: null });
  expect(judgeServerErrors(contextOf([unrecorded], [lineOf4])).causes).toEqual({ 'lock-contention': 1 });
});

test('an observation shows at most 5 log lines and 20 operation ids, and counts them all', () => {
  const history = Array.from({ length: 21 }, (_, i) => addAt(T + i * 10_000));
  const lines = history.slice(0, 7).map((op) => `${stamp(op.sentAt + 10)} ERROR app MainThread : Database error adding card for user 4: database is locked`);
  const findings = judgeServerErrors(contextOf(history, lines));
  const [locked, fromAnswer] = findings.observations;
  expect(findings.causes).toEqual({ 'lock-contention': 7, '"Database error occurred while adding card"': 14 });
  expect(locked!.evidence.logLines).toEqual(lines.slice(0, 5));
  // An error with no line of its own adds no line (not an empty slot) to its cause's evidence.
  expect(fromAnswer!.evidence.logLines).toHaveLength(0);
  expect(fromAnswer!.evidence.opIds).toEqual(history.slice(7).map((op) => op.id));
  const all = judgeServerErrors(contextOf(history));
  expect(all.observations[0]!.evidence).toMatchObject({ count: 21, opIds: history.slice(0, 20).map((op) => op.id) });
});
