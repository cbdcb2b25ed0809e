import { test, expect } from '@playwright/test';
import type { Violation, ViolationClass } from '../../db/verdict.ts';
import { computePerformance } from '../../db/decision/performance.ts';
import { buildSummary } from '../../report/summary.ts';
import { evaluateThresholds, PLAN_LIMITS } from '../../db/decision/thresholds.ts';
import { EPOCH_MS, fakePlanHistory, fakeRunInfo, fakeVerdict, op } from './report-fake-run.ts';

const info = fakeRunInfo();

function summaryOf(violations: Violation[], ops = [op({ vu: 'w01', sentAt: EPOCH_MS, seq: 1 })], outcomes?: Parameters<typeof buildSummary>[0]['projectOutcomes']) {
  const perf = computePerformance(ops, info);
  const verdict = fakeVerdict(violations);
  const thresholds = evaluateThresholds(perf, verdict, PLAN_LIMITS);
  return buildSummary({ runInfo: info, perf, verdict, thresholds, ...(outcomes ? { projectOutcomes: outcomes } : {}) });
}

const violation = (cls: ViolationClass): Violation => ({ class: cls, message: `[${cls}] something`, opIds: ['w01#1'], cause: { kind: 'unknown', missing: 'not this test' } });

test('a clean run passes every criterion it can judge', () => {
  const summary = summaryOf([], fakePlanHistory(), { writers: { planned: 6, passed: 6, failed: 0, skipped: 0 }, reviewers: { planned: 24, passed: 24, failed: 0, skipped: 0 } });
  expect(summary.criteria.map((c) => [c.id, c.passed])).toEqual([
    [1, true],
    [2, true],
    [3, true],
    [4, true],
    [5, true],
    [6, true],
    [7, true],
    [8, true],
    [9, true],
  ]);
  expect(summary.passed).toBe(true);
  expect(summary.failures).toEqual([]);
  expect(summary.counts.scenarios.map((s) => [s.scenario, s.vus])).toEqual([
    ['registration', 30],
    ['reviewers', 24],
    ['writers', 6],
  ]);
});

test('each violation class fails its own criterion and the run', () => {
  const expectations: [ViolationClass, number][] = [
    ['misrouted', 1],
    ['lost', 2],
    ['duplicate', 3],
    ['phantom', 3],
    ['session-mismatch', 4],
    ['review-mismatch', 5],
    ['content-mismatch', 8],
    ['wrong-deck', 8],
    ['lost-deck', 8],
  ];
  for (const [cls, criterion] of expectations) {
    const summary = summaryOf([violation(cls)]);
    const failed = summary.criteria.filter((c) => c.passed === false).map((c) => c.id);
    expect(failed, cls).toEqual([criterion]);
    expect(summary.passed, cls).toBe(false);
    expect(summary.failures, cls).toContain('threshold broken: integrity violations 1 > 0 (1 ' + cls + ')');
  }
});

test('a broken performance threshold fails criterion 6 with its line', () => {
  const summary = summaryOf([], [op({ vu: 'w01', sentAt: EPOCH_MS, latencyMs: 900, seq: 1 })]);
  const c6 = summary.criteria.find((c) => c.id === 6)!;
  expect(c6.passed).toBe(false);
  expect(c6.detail).toBe('threshold broken: average POST /add_card 900 ms ≥ 500 ms');
  expect(summary.passed).toBe(false);
});

test('criterion 7 is not judged without outcomes, which leaves the run unknown, and fails on a failed or unfinished test', () => {
  const plan = fakePlanHistory();
  expect(summaryOf([], plan).criteria[6]).toMatchObject({ passed: null, detail: 'no Playwright test outcomes were supplied' });
  expect(summaryOf([], plan)).toMatchObject({ passed: false, result: 'unknown' });
  const failed = summaryOf([], undefined, { writers: { planned: 6, passed: 5, failed: 1, skipped: 0 } });
  expect(failed.criteria[6]).toMatchObject({ passed: false, detail: 'writers: 1 of 6 failed' });
  const cut = summaryOf([], undefined, { reviewers: { planned: 24, passed: 20, failed: 0, skipped: 0 } });
  expect(cut.criteria[6]).toMatchObject({ passed: false, detail: 'reviewers: 4 of 24 did not finish' });
  expect(cut.passed).toBe(false);
});

test('a verdict that could not judge everything fails criterion 9 and the run, with the reasons', () => {
  const unknown = fakeVerdict([], { valid: 'unknown', ok: false, unjudged: ['1 user database(s) could not be read: user_2.db (database disk image is malformed)'] });
  const perf = computePerformance(fakePlanHistory(), fakeRunInfo());
  const projectOutcomes = { writers: { planned: 6, passed: 6, failed: 0, skipped: 0 }, reviewers: { planned: 24, passed: 24, failed: 0, skipped: 0 } };
  const summary = buildSummary({ runInfo: fakeRunInfo(), perf, verdict: unknown, thresholds: evaluateThresholds(perf, unknown), projectOutcomes });
  expect(summary.criteria.find((c) => c.id === 9)).toMatchObject({
    key: 'judged-completely',
    passed: false,
    detail: '1 user database(s) could not be read: user_2.db (database disk image is malformed)',
  });
  expect(summary.passed).toBe(false);
  expect(summary.failures).toEqual(['criterion 9 failed: every card, review and request judged (1 user database(s) could not be read: user_2.db (database disk image is malformed))']);
});
