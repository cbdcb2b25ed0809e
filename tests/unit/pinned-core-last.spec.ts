/**
 * The last unpinned rules of the log reader, the log index, the write attribution and the run
 * decision: each test states the rule and fails when the rule is broken (mutation testing,
 * `npm run mutate`, found each one unguarded).
 */
import { test, expect } from '@playwright/test';
import { classifyErrorCause, diagnosticOf, parseServerLog } from '../../db/server-log.ts';
import { indexLog } from '../../db/log-match.ts';
import { attributeWrite } from '../../db/write-attribution.ts';
import { decideRun, type ProjectOutcomes } from '../../db/decision/run-decision.ts';
import type { ThresholdResult } from '../../db/decision/thresholds.ts';
import type { KnownFinding } from '../../db/decision/known-findings.ts';
import type { Verdict, Violation } from '../../db/verdict.ts';
import { fakeVerdict } from './report-fake-run.ts';

const AT = Date.UTC(2026, 10, 27, 1, 41, 30, 0);

test('an unknown error is counted by its first line without the blanks around it', () => {
  // The same failure logged with and without trailing blanks (or a CR) must count once.
  const cause = classifyErrorCause('Error adding card for user 4: boom   \n  File "app.py", line 12');
  expect(cause).toBe('"Error adding card for user N: boom"');
  expect(classifyErrorCause('  Error adding card for user 9: boom\r')).toBe(cause);
});

test('an app line stamped Z is read as UTC, whatever offset the log is given', () => {
  const log = parseServerLog('2026-11-27 01:41:30,000Z INFO app MainThread : Set current deck to 1 for user 4', { utcOffsetMinutes: 60 });
  expect(log.entries.map((e) => e.at)).toEqual([AT]);
  // Control: without a zone the given offset applies (an hour east: an hour earlier in UTC).
  const local = parseServerLog('2026-11-27 01:41:30,000 INFO app MainThread : Set current deck to 1 for user 4', { utcOffsetMinutes: 60 });
  expect(local.entries.map((e) => e.at)).toEqual([AT - 3_600_000]);
});

test('the log index orders lines written at the same time by line number, in whatever order it is handed them', () => {
  const text = ['first', 'second', 'third'].map((word) => `2026-11-27 01:41:30,000 INFO app MainThread : ${word} line for user 4`).join('\n');
  const parsed = parseServerLog(text, { utcOffsetMinutes: 0 });
  // A log read in pieces (or merged) may hand the entries over out of line order.
  parsed.entries.reverse();
  const index = indexLog(parsed);
  expect(index.byTime.map((e) => e.lineNo)).toEqual([1, 2, 3]);
  expect(index.byTime.map((e) => e.message)).toEqual(['first line for user 4', 'second line for user 4', 'third line for user 4']);
});

test("only the request's ADD_CARD_START gives the session at entry: another line carrying the same field names is not read as it", () => {
  const card = 1_795_743_700_001;
  const lines = [
    // The log begins mid-request: no ADD_CARD_START for this write, but a line of any fields.
    `CARD_WRITE_VERIFICATION_FAILED | PID:41 | Thread:140 | SessionUser:bob02 | SessionUserID:2 | SessionID:sid-bob`,
    `ADD_CARD_SUCCESS | PID:41 | CardID:${card} | UserID:1 | Username:alice01`,
  ].map((message, i) => `${new Date(AT + i + 1).toISOString()} INFO app pid=41 : ${message}`);
  const log = indexLog(parseServerLog(lines.join('\n')));
  const attribution = attributeWrite(log, card, 1, AT, AT + 20);
  expect(attribution).toEqual({ pid: 41, cardId: card, writeUserId: 1, writeUsername: 'alice01', logLines: log.diagnostics.map((e) => e.text) });
});

test('a broken latency threshold fails the run once, inside criterion 6, not again as a threshold of its own', () => {
  const broken: ThresholdResult = {
    name: 'average POST /add_card',
    limit: 500,
    measured: 734,
    unit: 'ms',
    passed: false,
    line: 'threshold broken: average POST /add_card 734 ms ≥ 500 ms',
  };
  const outcomes: ProjectOutcomes = { writers: { planned: 2, passed: 2, failed: 0, skipped: 0 } };
  const decision = decideRun({ verdict: fakeVerdict(), thresholds: [broken], projectOutcomes: outcomes });
  expect(decision.failures).toEqual(['criterion 6 failed: performance thresholds met (threshold broken: average POST /add_card 734 ms ≥ 500 ms)']);
  expect(decision.result).toBe('failed');
});

test('a diagnostic part without a colon is no field: only Key:Value parts are read', () => {
  expect(diagnosticOf('CARD_WRITE_VERIFICATION_FAILED | PID:41 | retrying | CardID:1795743700001')).toEqual({
    event: 'CARD_WRITE_VERIFICATION_FAILED',
    fields: { PID: '41', CardID: '1795743700001' },
  });
});

test('a user field with text after its number is no user id: the user is read from the message', () => {
  const log = parseServerLog('2026-11-27 01:41:30,000 INFO app MainThread : user=12abc Set current deck to 1 for user 4', { utcOffsetMinutes: 0 });
  expect(log.entries.map((e) => e.userId)).toEqual([4]);
});

const MET: ThresholdResult[] = [{ name: 'error rate', limit: 0.01, measured: 0, unit: 'ratio', passed: true, line: 'threshold met: error rate 0 % < 1 % (0 of 400 requests)' }];
const DONE: ProjectOutcomes = { writers: { planned: 2, passed: 2, failed: 0, skipped: 0 } };
const violation = (cls: 'phantom' | 'duplicate'): Violation => ({ class: cls, message: `a ${cls} card`, opIds: ['w01#1'], vu: 'w01', cause: { kind: 'unknown', missing: 'not this test' } });

test("a criterion of two classes names each class's count, separated by a comma, found or known", () => {
  const found = decideRun({ verdict: fakeVerdict([violation('phantom'), violation('duplicate')]), thresholds: MET, projectOutcomes: DONE });
  expect(found.criteria.find((c) => c.id === 3)).toMatchObject({ passed: false, detail: '1 phantom, 1 duplicate' });
  const findings: KnownFinding[] = [
    { class: 'phantom', reason: 'issue 3' },
    { class: 'duplicate', reason: 'issue 4' },
  ];
  const known = decideRun({ verdict: fakeVerdict([violation('phantom'), violation('duplicate')]), thresholds: MET, projectOutcomes: DONE, knownFindings: findings });
  expect(known.criteria.find((c) => c.id === 3)).toMatchObject({
    passed: true,
    detail: 'no unexpected phantom / duplicate violations in 30 users and 3420 cards (1 phantom known, 1 duplicate known)',
  });
});

test('a verdict saved before the checker listed what it left unjudged is read as every operation judged', () => {
  const older: Partial<Verdict> = fakeVerdict();
  delete older.unjudged;
  const decision = decideRun({ verdict: older as Verdict, thresholds: MET, projectOutcomes: DONE });
  expect(decision.criteria.find((c) => c.id === 9)).toMatchObject({ passed: true, detail: 'all 30 user databases read and every operation judged' });
  expect(decision.result).toBe('passed');
});
