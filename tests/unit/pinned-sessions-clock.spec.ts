/**
 * The server's clock against ours at the edges of the measurement: which answers are samples,
 * where "one clock" ends, what tolerance a disagreeing clock gets, and the medians taken when
 * the bounds do not intersect.
 */
import { test, expect } from '@playwright/test';
import { measureClockOffset } from '../../db/clock-offset.ts';
import type { Operation } from '../../helpers/history/operation.ts';

/** An answer sent at `sentAt`, back 20 ms later, stamped `serverDate` by the server. */
function answer(sentAt: number, serverDate: number | undefined, status: number | null = 200): Operation {
  return {
    id: `x#${sentAt}`,
    runId: 'r',
    scenario: 'unit',
    vu: 'r01',
    username: 'u',
    userId: 1,
    op: 'answer',
    method: 'POST',
    path: '/answer',
    sentAt,
    returnedAt: sentAt + 20,
    status,
    body: {},
    outcome: status === null ? 'info' : 'ok',
    ...(serverDate === undefined ? {} : { serverDate }),
  };
}

test('nothing measured: no bounds, and the note says the clock is taken to be shared', () => {
  expect(measureClockOffset([answer(0, undefined)], 20_000, 5)).toEqual({
    lowMs: null,
    highMs: null,
    samples: 0,
    agree: true,
    toleranceMs: 5,
    note: 'no Date header recorded: the server is taken to share this machine’s clock',
  });
});

test('a request that got no answer is no sample, whatever Date it carries', () => {
  expect(measureClockOffset([answer(0, 50_000, null)], 20_000, 5)).toMatchObject({ samples: 0, agree: true });
});

test('one clock includes 0 at either bound', () => {
  // Stamped as it returned: the offset is at least 0.
  const atLow = measureClockOffset([answer(980, 1000)], 20_000, 5);
  expect(atLow).toMatchObject({ lowMs: 0, highMs: 1020, agree: true, toleranceMs: 5 });
  expect(atLow.note).toBe("server clock within (0, 1020) ms of ours over 1 requests: one clock, rows must fall inside their request's flight");
  // Stamped a second before it was sent: the offset is at most 0.
  expect(measureClockOffset([answer(2000, 1000)], 20_000, 5)).toMatchObject({ lowMs: -1020, highMs: 0, agree: true });
});

test('a clock ahead by bounds that meet in one point gets that offset plus the slack, not the fallback', () => {
  const clock = measureClockOffset([answer(0, 3020), answer(10_000, 12_000)], 20_000, 5);
  expect(clock).toMatchObject({ lowMs: 3000, highMs: 3000, agree: false, toleranceMs: 3005 });
  expect(clock.note).toBe("server clock off by (3000, 3000) ms over 2 requests: rows may fall 3005 ms outside their request's flight");
});

test('bounds that do not intersect (the clock moved) are replaced by the medians of each side, in value order, and the fallback tolerance applies', () => {
  // Offsets about 3 s, 6 s and 0 s, listed in that order: lows 2980, 5980, -20; highs 4000, 7000, 1000.
  const clock = measureClockOffset([answer(10_000, 13_000), answer(20_000, 26_000), answer(0, 0)], 20_000, 5);
  // The medians say 3–4 s, but a clock that moved by 6 s during the run is not held to them.
  expect(clock).toMatchObject({ lowMs: 2980, highMs: 4000, samples: 3, agree: false, toleranceMs: 20_005 });
  // A fallback smaller than the medians' offset leaves the medians' offset.
  expect(measureClockOffset([answer(10_000, 13_000), answer(20_000, 26_000), answer(0, 0)], 1_000, 5).toleranceMs).toBe(4005);
});

test('with an even number of crossed bounds the upper median of each side is taken', () => {
  // Offsets about 3 s, 6 s, 0 s and 1 s: lows -20, 980, 2980, 5980 and highs 1000, 2000, 4000, 7000 in value order.
  const clock = measureClockOffset([answer(10_000, 13_000), answer(20_000, 26_000), answer(0, 0), answer(30_000, 31_000)], 20_000, 5);
  expect(clock).toMatchObject({ lowMs: 2980, highMs: 4000, samples: 4 });
});
