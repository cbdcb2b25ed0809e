import { test, expect } from '@playwright/test';
import { computePerformance } from '../../db/decision/performance.ts';
import { endpointKey, routeTemplate } from '../../db/decision/route-template.ts';
import { likelyIdCollisions } from '../../db/decision/id-collisions.ts';
import { EPOCH_MS, fakePlanHistory, fakeRunInfo, op } from './report-fake-run.ts';

const info = fakeRunInfo();

test.describe('route templates', () => {
  test('numeric segments become <id> and the query string is dropped', () => {
    expect(routeTemplate('/decks/1767225600123/stats')).toBe('/decks/<id>/stats');
    expect(routeTemplate('/decks/2/cards?page=3&perPage=10')).toBe('/decks/<id>/cards');
    expect(routeTemplate('/cards/1795743115001')).toBe('/cards/<id>');
    expect(routeTemplate('/decks/current')).toBe('/decks/current');
    expect(routeTemplate('http://127.0.0.1:5000/decks/7/rename')).toBe('/decks/<id>/rename');
    expect(endpointKey('put', '/cards/9')).toBe('PUT /cards/<id>');
  });
});

test.describe('latency percentiles', () => {
  test('match known data: latencies 1..100 ms', () => {
    const ops = Array.from({ length: 100 }, (_, i) => op({ vu: 'w01', sentAt: EPOCH_MS + i * 1000, latencyMs: i + 1, seq: i }));
    const perf = computePerformance(ops, info);
    const add = perf.endpoints.find((e) => e.endpoint === 'POST /add_card');
    expect(add).toMatchObject({ count: 100, errors: 0, meanMs: 50.5, p50Ms: 50, p90Ms: 90, p95Ms: 95, p99Ms: 99, maxMs: 100 });
  });

  test('stay within HDR precision on large values: 1..10000 ms', () => {
    const ops = Array.from({ length: 10_000 }, (_, i) => op({ vu: 'w01', sentAt: EPOCH_MS + i * 10, latencyMs: i + 1, seq: i }));
    const add = computePerformance(ops, info).endpoints[0]!;
    expect(add.meanMs).toBe(5000.5);
    expect(add.maxMs).toBe(10_000);
    // Three significant digits: within 0.1 % of the exact order statistic.
    expect(Math.abs(add.p50Ms! - 5000) / 5000).toBeLessThan(0.001);
    expect(Math.abs(add.p99Ms! - 9900) / 9900).toBeLessThan(0.001);
  });

  test('are computed per endpoint and per scenario separately', () => {
    const ops = [
      op({ vu: 'w01', sentAt: EPOCH_MS, latencyMs: 400, seq: 1 }),
      op({ vu: 'r01', scenario: 'reviewers', op: 'get_review', method: 'GET', path: '/review', sentAt: EPOCH_MS, latencyMs: 20, seq: 1, status: 200 }),
      op({ vu: 'r01', scenario: 'reviewers', op: 'deck_stats', method: 'GET', path: '/decks/5/stats', sentAt: EPOCH_MS + 5, latencyMs: 30, seq: 2, status: 200 }),
      op({ vu: 'r02', scenario: 'reviewers', op: 'deck_stats', method: 'GET', path: '/decks/6/stats', sentAt: EPOCH_MS + 5, latencyMs: 50, seq: 2, status: 200 }),
    ];
    const perf = computePerformance(ops, info);
    expect(perf.endpoints.map((e) => [e.endpoint, e.count, e.meanMs])).toEqual([
      ['GET /decks/<id>/stats', 2, 40],
      ['GET /review', 1, 20],
      ['POST /add_card', 1, 400],
    ]);
    expect(perf.scenarios.map((s) => [s.scenario, s.count, s.vus])).toEqual([
      ['reviewers', 3, 2],
      ['writers', 1, 1],
    ]);
  });
});

test.describe('error rates', () => {
  test('count fail and info over all requests, per scenario too', () => {
    const ops = [
      op({ vu: 'w01', sentAt: EPOCH_MS, seq: 1 }),
      op({ vu: 'w01', sentAt: EPOCH_MS + 3_000, seq: 2, status: 400, outcome: 'fail' }),
      op({ vu: 'w01', sentAt: EPOCH_MS + 6_000, seq: 3, status: null, outcome: 'info' }),
      op({ vu: 'r01', scenario: 'reviewers', sentAt: EPOCH_MS, seq: 1 }),
    ];
    const perf = computePerformance(ops, info);
    expect(perf.outcomes).toEqual({ ok: 2, fail: 1, info: 1 });
    expect(perf.errorRate).toBe(0.5);
    expect(perf.errorRateByScenario).toEqual([
      { scenario: 'reviewers', count: 1, errors: 0, errorRate: 0 },
      { scenario: 'writers', count: 3, errors: 2, errorRate: 2 / 3 },
    ]);
  });

  test('excluding id collisions leaves out same-second 500s of the same user only', () => {
    const second = Math.floor(EPOCH_MS / 1000) + 10;
    const okBody = { message: 'Card added successfully', note_id: second * 1000, card_id: second * 1000 + 1 };
    const err = { error: 'Database error occurred while adding card' };
    const ops = [
      op({ vu: 'w01', sentAt: second * 1000 + 100, latencyMs: 50, body: okBody, seq: 1 }),
      // Same user, same second: the server's whole-second ids refuse it.
      op({ vu: 'w01', sentAt: second * 1000 + 400, latencyMs: 50, status: 500, outcome: 'fail', body: err, seq: 2 }),
      // Another user in that second has ids of its own: a real error.
      op({ vu: 'w02', sentAt: second * 1000 + 400, latencyMs: 50, status: 500, outcome: 'fail', body: err, seq: 1 }),
      // Same user, a later second nobody used: a real error.
      op({ vu: 'w01', sentAt: second * 1000 + 5_000, latencyMs: 50, status: 500, outcome: 'fail', body: err, seq: 3 }),
    ];
    expect([...likelyIdCollisions(ops)]).toEqual(['w01#2']);
    const perf = computePerformance(ops, info);
    expect(perf.errorRate).toBe(0.75);
    expect(perf.idCollisionErrors).toBe(1);
    expect(perf.errorRateExcludingIdCollisions).toBe(0.5);
  });

  test('an add in the second the user registered counts as a collision with the sample deck ids', () => {
    const ops = [
      op({ vu: 'w01', op: 'register', path: '/register', sentAt: EPOCH_MS + 200, latencyMs: 300, seq: 0 }),
      op({ vu: 'w01', sentAt: EPOCH_MS + 700, latencyMs: 50, status: 500, outcome: 'fail', seq: 1 }),
    ];
    expect([...likelyIdCollisions(ops)]).toEqual(['w01#1']);
  });
});

test.describe('over time', () => {
  test('card creation is counted per 10 s bucket by acknowledgement time, gaps included', () => {
    const ops = [
      op({ vu: 'w01', sentAt: EPOCH_MS + 1_000, seq: 1 }),
      op({ vu: 'w01', sentAt: EPOCH_MS + 2_000, seq: 2 }),
      op({ vu: 'w01', sentAt: EPOCH_MS + 9_950, latencyMs: 100, seq: 3 }), // acknowledged at 10.05 s
      op({ vu: 'w01', sentAt: EPOCH_MS + 12_000, seq: 4, status: 500, outcome: 'fail' }),
      op({ vu: 'w01', sentAt: EPOCH_MS + 31_000, seq: 5 }),
    ];
    const perf = computePerformance(ops, info);
    expect(perf.cardsCreated).toBe(4);
    expect(perf.cardCreation.map((p) => [p.startSec, p.cards])).toEqual([
      [0, 2],
      [10, 1],
      [20, 0],
      [30, 1],
    ]);
    expect(perf.overTime.map((b) => [b.startSec, b.count, b.errors])).toEqual([
      [0, 3, 0],
      [10, 1, 1],
      [20, 0, 0],
      [30, 1, 0],
    ]);
  });

  test('requests in flight: peak and time-weighted mean per bucket', () => {
    const ops = [
      op({ vu: 'w01', sentAt: EPOCH_MS, latencyMs: 10_000, seq: 1 }),
      op({ vu: 'w02', sentAt: EPOCH_MS + 5_000, latencyMs: 5_000, seq: 1 }),
      op({ vu: 'w03', sentAt: EPOCH_MS + 6_000, latencyMs: 1_000, seq: 1 }),
    ];
    const perf = computePerformance(ops, info);
    expect(perf.peakInFlight).toBe(3);
    // 10 s × 1 + 5 s × 1 + 1 s × 1 = 16 request-seconds over a 10 s bucket.
    expect(perf.inFlight[0]).toEqual({ startSec: 0, peak: 3, mean: 1.6 });
  });

  test('the measured VU ramp shows each stage joining and the peak reached', () => {
    // Three writers joining at 0, 10 and 20 s, each sending a 1 s request every 2 s until 30 s.
    const ops = ['w01', 'w02', 'w03'].flatMap((vu, i) => Array.from({ length: 15 - i * 5 }, (_, k) => op({ vu, sentAt: EPOCH_MS + i * 10_000 + k * 2_000, latencyMs: 1_000, seq: k })));
    const perf = computePerformance(ops, info);
    const writers = perf.vuRamp.find((r) => r.scenario === 'writers')!;
    expect(writers.distinctVus).toBe(3);
    expect(writers.peakActiveVusPerBucket).toBe(3);
    expect(writers.peakConcurrentVus).toBe(3);
    expect(writers.peakConcurrentAtSec).toBe(20);
    expect(writers.buckets.map((b) => b.activeVus)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(perf.vuRamp.map((r) => r.scenario)).toEqual(['writers', 'all']);
  });

  test('a plan-shaped run reaches 6 writers and 24 reviewers', () => {
    const perf = computePerformance(fakePlanHistory(), info);
    const peak = Object.fromEntries(perf.vuRamp.map((r) => [r.scenario, r.peakActiveVusPerBucket]));
    expect(peak.writers).toBe(6);
    expect(peak.reviewers).toBe(24);
    expect(perf.lastReturnedSec).toBeLessThan(310);
  });

  test('an empty history gives empty series, not NaN', () => {
    const perf = computePerformance([], info);
    expect(perf.overall).toMatchObject({ count: 0, errorRate: 0, meanMs: null, p99Ms: null });
    expect(perf.overTime).toEqual([]);
    expect(perf.vuRamp).toEqual([]);
    expect(JSON.stringify(perf)).not.toContain('NaN');
  });
});
