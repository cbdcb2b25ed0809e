/** The server's clock against ours, from Date headers and flights alone, before any judge runs. */
import { test, expect } from '@playwright/test';
import { measureClockOffset } from '../../db/clock-offset.ts';
import type { Operation } from '../../helpers/history/operation.ts';

const T0 = 1_800_000_000_000;
/** A request sent at `sentAt`, answered 20 ms later, by a server whose clock is `offsetMs` ahead. */
function request(sentAt: number, offsetMs: number): Operation {
  const serverAt = sentAt + 10 + offsetMs;
  return {
    id: `x#${sentAt}`,
    runId: 'r',
    scenario: 'reviewers',
    vu: 'r01',
    username: 'u',
    userId: 1,
    op: 'answer',
    method: 'POST',
    path: '/answer',
    sentAt,
    returnedAt: sentAt + 20,
    status: 200,
    body: {},
    outcome: 'ok',
    serverDate: Math.floor(serverAt / 1000) * 1000,
  };
}
/** Requests spread over the sub-second phases, as a run's are. */
const run = (offsetMs: number): Operation[] => Array.from({ length: 60 }, (_, i) => request(T0 + i * 1_037, offsetMs));

test('one clock: 0 lies inside the measured bounds, which narrow to about a flight', () => {
  const clock = measureClockOffset(run(0), 2_000, 5);
  expect(clock.agree).toBe(true);
  expect(clock.toleranceMs).toBe(5);
  expect(clock.highMs! - clock.lowMs!).toBeLessThan(100);
});

test('a server 3 s ahead is measured so, and its rows may fall that far outside the flight', () => {
  const clock = measureClockOffset(run(3_000), 2_000, 5);
  expect(clock.agree).toBe(false);
  expect(clock.lowMs!).toBeGreaterThan(2_900);
  expect(clock.highMs!).toBeLessThan(3_100);
  expect(clock.toleranceMs).toBeGreaterThan(3_000);
  expect(clock.note).toMatch(/^server clock off by \(\d+, \d+\) ms over 60 requests/);
});

test('half a second behind is told apart from one clock', () => {
  expect(measureClockOffset(run(-500), 2_000, 5).agree).toBe(false);
});

test('without Date headers the server is taken to share this machine’s clock', () => {
  const ops = run(0).map(({ serverDate: _drop, ...op }) => op);
  expect(measureClockOffset(ops, 2_000, 5)).toMatchObject({ agree: true, samples: 0, toleranceMs: 5 });
});
