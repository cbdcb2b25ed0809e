import { test, expect } from '@playwright/test';
import { computePerformance } from '../../db/decision/performance.ts';
import { evaluateThresholds, PLAN_LIMITS } from '../../db/decision/thresholds.ts';
import { EPOCH_MS, fakeFaultyVerdict, fakeRunInfo, fakeVerdict, op } from './report-fake-run.ts';

const info = fakeRunInfo();

/** Adds of the given latencies and reviews of the given latencies, all ok unless `failed` says otherwise. */
function perfOf(addMs: number[], reviewMs: number[], failed = 0) {
  const ops = [
    ...addMs.map((ms, i) => op({ vu: 'w01', sentAt: EPOCH_MS + i * 2_000, latencyMs: ms, seq: i })),
    ...reviewMs.map((ms, i) => op({ vu: 'r01', scenario: 'reviewers', op: 'get_review', method: 'GET', path: '/review', status: 200, sentAt: EPOCH_MS + i * 2_000, latencyMs: ms, seq: i })),
    ...Array.from({ length: failed }, (_, i) => op({ vu: 'r02', scenario: 'reviewers', op: 'answer', path: '/answer', status: 400, outcome: 'fail', sentAt: EPOCH_MS + i, seq: i })),
  ];
  return computePerformance(ops, info);
}

test('a slow add_card breaks its threshold with the line that says so', () => {
  const results = evaluateThresholds(perfOf([700, 768], [100]), fakeVerdict(), PLAN_LIMITS);
  const add = results.find((r) => r.name === 'average POST /add_card')!;
  expect(add).toMatchObject({ limit: 500, measured: 734, unit: 'ms', passed: false });
  expect(add.line).toBe('threshold broken: average POST /add_card 734 ms ≥ 500 ms');
});

test('fast requests meet every threshold', () => {
  const results = evaluateThresholds(perfOf([120, 180], [40, 60]), fakeVerdict(), PLAN_LIMITS);
  expect(results.map((r) => r.passed)).toEqual([true, true, true, true]);
  expect(results.map((r) => r.line)).toEqual([
    'threshold met: average POST /add_card 150 ms < 500 ms',
    'threshold met: average GET /review 50 ms < 300 ms',
    'threshold met: error rate 0 % < 1 % (0 of 4 requests)',
    'threshold met: integrity violations 0 ≤ 0',
  ]);
});

test('the limit itself is broken: the plan says below, not at', () => {
  const review = evaluateThresholds(perfOf([100], [300]), fakeVerdict(), PLAN_LIMITS)[1]!;
  expect(review.passed).toBe(false);
  expect(review.line).toBe('threshold broken: average GET /review 300 ms ≥ 300 ms');
});

test('an error rate above 1 % breaks the threshold, with the counts', () => {
  const perf = perfOf(Array<number>(98).fill(100), [], 2);
  const rate = evaluateThresholds(perf, fakeVerdict(), PLAN_LIMITS)[2]!;
  expect(rate).toMatchObject({ name: 'error rate', measured: 0.02, passed: false });
  expect(rate.line).toBe('threshold broken: error rate 2 % ≥ 1 % (2 of 100 requests)');
});

test('limits come from the caller: a looser limit passes what the plan would fail', () => {
  const perf = perfOf([700], [100]);
  const results = evaluateThresholds(perf, fakeVerdict(), { ...PLAN_LIMITS, addCardAvgMs: 1_000 });
  expect(results[0]!.passed).toBe(true);
  expect(results[0]!.line).toBe('threshold met: average POST /add_card 700 ms < 1000 ms');
});

test('id collisions count as errors unless the limits say to judge without them', () => {
  const second = Math.floor(EPOCH_MS / 1000);
  const ops = [
    op({ vu: 'w01', sentAt: second * 1000 + 10, latencyMs: 20, body: { note_id: second * 1000, card_id: second * 1000 + 1 }, seq: 1 }),
    op({ vu: 'w01', sentAt: second * 1000 + 50, latencyMs: 20, status: 500, outcome: 'fail', body: { error: 'Database error occurred while adding card' }, seq: 2 }),
    ...Array.from({ length: 18 }, (_, i) => op({ vu: 'w02', sentAt: EPOCH_MS + 5_000 + i * 1_500, latencyMs: 50, seq: i })),
  ];
  const perf = computePerformance(ops, info);
  const all = evaluateThresholds(perf, fakeVerdict(), PLAN_LIMITS)[2]!;
  expect(all.passed).toBe(false);
  expect(all.line).toBe('threshold broken: error rate 5 % ≥ 1 % (1 of 20 requests, 1 of them id collisions)');
  const excluding = evaluateThresholds(perf, fakeVerdict(), { ...PLAN_LIMITS, errorRateExcludesIdCollisions: true })[2]!;
  expect(excluding).toMatchObject({ name: 'error rate excluding id collisions', measured: 0, passed: true });
});

test('any integrity violation breaks the integrity threshold, naming the classes', () => {
  const integrity = evaluateThresholds(perfOf([100], [100]), fakeFaultyVerdict(), PLAN_LIMITS)[3]!;
  expect(integrity).toMatchObject({ measured: 6, limit: 0, passed: false });
  expect(integrity.line).toBe('threshold broken: integrity violations 6 > 0 (2 misrouted, 1 lost, 1 duplicate, 1 wrong-deck, 1 session-mismatch)');
});

test('a threshold with nothing to measure says so and is not judged: neither a pass nor a failure', () => {
  const review = evaluateThresholds(perfOf([100], []), fakeVerdict(), PLAN_LIMITS)[1]!;
  expect(review).toMatchObject({ measured: null, passed: null });
  expect(review.line).toBe('threshold not measured: average GET /review (no GET /review requests)');
});
