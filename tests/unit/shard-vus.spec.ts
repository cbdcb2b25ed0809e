/**
 * A leg learns its VUs from Playwright's own listing of its shard (`--list --reporter=json`):
 * every VU test names its VUs in the `vus` annotation; projects with a test in the shard are
 * known too (the leg that holds scenario A's checks registers the pool's other users).
 */
import { test, expect } from '@playwright/test';
import { parseShardListing, VUS_ANNOTATION } from '../../helpers/vu/shard-vus.ts';

const listing = (tests: { projectName: string; vus?: string }[], errors: { message: string }[] = []) =>
  JSON.stringify({
    errors,
    suites: [
      {
        specs: [],
        suites: [
          {
            specs: tests.map((t) => ({
              tests: [{ projectName: t.projectName, annotations: t.vus === undefined ? [{ type: 'other', description: 'x' }] : [{ type: VUS_ANNOTATION, description: t.vus }] }],
            })),
          },
        ],
      },
    ],
  });

test("a shard's VUs and projects are read from the listing's annotations", () => {
  const leg = parseShardListing(listing([{ projectName: 'registration' }, { projectName: 'writers', vus: 'w01 w02  w03' }, { projectName: 'sessions', vus: 'd01a' }]));
  expect([...leg.vus].sort()).toEqual(['d01a', 'w01', 'w02', 'w03']);
  expect([...leg.projects].sort()).toEqual(['registration', 'sessions', 'writers']);
  expect(parseShardListing(listing([])).vus.size).toBe(0);
});

test('a listing that reports errors is refused with its first line', () => {
  expect(() => parseShardListing(listing([], [{ message: 'Error: tests/load/writers.spec.ts: boom\n    at x' }]))).toThrow("listing the shard's tests failed: Error: tests/load/writers.spec.ts: boom");
});
