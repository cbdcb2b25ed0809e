import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { FullResult, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { HistoryTail } from '../../report/history-tail.ts';
import { isIntegrityFailure } from '../../db/integrity-failure.ts';
import { formatProgressLine, LiveCounters } from '../../report/live-progress.ts';
import ProgressReporter from '../../report/progress-reporter.ts';
import { EPOCH_MS, fakeRunInfo, op } from './report-fake-run.ts';

let runDir: string;

test.beforeEach(() => {
  runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-progress-'));
  fs.mkdirSync(path.join(runDir, 'history'));
});

test.afterEach(() => {
  fs.rmSync(runDir, { recursive: true, force: true });
});

const line = (o: object): string => `${JSON.stringify(o)}\n`;

test("the line has the plan's shape", () => {
  expect(formatProgressLine({ elapsedSec: 120, writers: { active: 6, total: 6 }, reviewers: { active: 24, total: 24 }, cardsCreated: 180, errors: 0, integrityOk: true })).toBe(
    'Time: 120s | Writers: 6/6 | Reviewers: 24/24 | Cards Created: 180 | Errors: 0 | Integrity: ✅',
  );
});

test('counters: active VUs by recent activity, browser variants in their group, errors are fail + info', () => {
  const counters = new LiveCounters();
  counters.ingest([
    op({ vu: 'w01', sentAt: EPOCH_MS + 55_000, seq: 1 }),
    op({ vu: 'w02', sentAt: EPOCH_MS + 20_000, seq: 1 }), // quiet for 40 s: started, not active
    op({ vu: 'b01', scenario: 'browser-writers', sentAt: EPOCH_MS + 58_000, seq: 1, status: 500, outcome: 'fail' }),
    op({ vu: 'r01', scenario: 'reviewers', op: 'get_review', sentAt: EPOCH_MS + 59_000, seq: 1, status: null, outcome: 'info' }),
  ]);
  const s = counters.snapshot(EPOCH_MS + 60_000, EPOCH_MS, { writers: 6, reviewers: 24 }, true);
  expect(s).toEqual({ elapsedSec: 60, writers: { active: 2, total: 6 }, reviewers: { active: 1, total: 24 }, cardsCreated: 2, errors: 2, integrityOk: true });
});

test('the history tail returns each record once, even when a line arrives in pieces', () => {
  const file = path.join(runDir, 'history', 'worker-0.jsonl');
  const tail = new HistoryTail(path.join(runDir, 'history'));
  const first = line(op({ vu: 'w01', sentAt: EPOCH_MS, seq: 1 }));
  const second = line({ ...op({ vu: 'w01', sentAt: EPOCH_MS + 1, seq: 2 }), username: 'żółw' });
  const cut = Buffer.from(second).length - 5; // inside the record, after the multi-byte name
  fs.writeFileSync(file, first);
  fs.appendFileSync(file, Buffer.from(second).subarray(0, cut));
  expect(tail.readNew().map((o) => o.id)).toEqual(['w01#1']);
  fs.appendFileSync(file, Buffer.from(second).subarray(cut));
  const rest = tail.readNew();
  expect(rest.map((o) => [o.id, o.username])).toEqual([['w01#2', 'żółw']]);
  expect(tail.readNew()).toEqual([]);
});

test('integrity failures are told from other failures', () => {
  const failed = { status: 'failed' as const, annotations: [] };
  expect(isIntegrityFailure({ ...failed, errorMessages: ['Error: [misrouted] card w01k7q_3 sits in user_5.db'] })).toBe(true);
  expect(isIntegrityFailure({ ...failed, errorMessages: ['\u001b[31m[lost] card w01k7q_4 is in no database'] })).toBe(true);
  expect(isIntegrityFailure({ status: 'failed', annotations: [{ type: 'integrity' }], errorMessages: ['expect(received).toBe(expected)'] })).toBe(true);
  expect(isIntegrityFailure({ ...failed, errorMessages: ['w01 could not log in as w01k7q: 500'] })).toBe(false);
  expect(isIntegrityFailure({ status: 'passed', annotations: [{ type: 'integrity' }], errorMessages: [] })).toBe(false);
});

test('the reporter reads the growing history and reports an integrity failure at the end', async () => {
  fs.writeFileSync(path.join(runDir, 'run.json'), JSON.stringify(fakeRunInfo({ epochMs: Date.now() - 42_000 })));
  const now = Date.now();
  fs.writeFileSync(
    path.join(runDir, 'history', 'worker-0.jsonl'),
    [op({ vu: 'w01', sentAt: now - 1_000, seq: 1 }), op({ vu: 'w01', sentAt: now - 500, seq: 2 }), op({ vu: 'r01', scenario: 'reviewers', sentAt: now - 200, seq: 1, status: 400, outcome: 'fail' })]
      .map(line)
      .join(''),
  );
  const out: string[] = [];
  const reporter = new ProgressReporter({ runDir, mode: 'lines', write: (t) => out.push(t), tickMs: 60_000 });
  // One lane test playing two writers (its `vus` annotation), one reviewer with a test of its own.
  const tests = [
    { parent: { project: () => ({ name: 'writers' }) }, annotations: [{ type: 'vus', description: 'w01 w02' }] },
    { parent: { project: () => ({ name: 'reviewers' }) }, annotations: [] },
  ];
  reporter.onBegin({}, { allTests: () => tests } as unknown as Suite);
  reporter.onTestEnd(
    { annotations: [] } as unknown as TestCase,
    { status: 'failed', annotations: [], errors: [{ message: 'Error: [wrong-deck] card w01k7q_2 is in deck 2' }] } as unknown as TestResult,
  );
  await reporter.onEnd({ status: 'failed' } as FullResult);
  expect(out).toHaveLength(1);
  expect(out[0]).toMatch(/^Time: 4[2-4]s \| Writers: 1\/2 \| Reviewers: 1\/1 \| Cards Created: 2 \| Errors: 1 \| Integrity: ❌\n$/);
});

test('on a terminal the line is redrawn in place and ends with a newline at the end', async () => {
  const out: string[] = [];
  const reporter = new ProgressReporter({ runDir, mode: 'tty', write: (t) => out.push(t), tickMs: 60_000 });
  reporter.onBegin({}, { allTests: () => [] } as unknown as Suite);
  await reporter.onEnd({ status: 'passed' } as FullResult);
  expect(out).toEqual(['\rTime: 0s | Writers: 0/0 | Reviewers: 0/0 | Cards Created: 0 | Errors: 0 | Integrity: ✅\n']);
});
