/**
 * Joining the verdicts of separate servers (a merged run whose legs each drove their own
 * target): counts add up, the history coverage and the judging time are kept, the source is
 * "snapshots" only when every server was read from snapshots, and nothing is joined from none.
 */
import { test, expect } from '@playwright/test';
import { combineVerdicts } from '../../db/verdict-merge.ts';
import { fakeVerdict } from './report-fake-run.ts';

const at = (minute: number): string => new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();

test('joining no verdict at all is refused instead of passing an empty run', () => {
  expect(() => combineVerdicts('merged', [])).toThrow('combineVerdicts needs at least one verdict');
});

test("one server's verdict is that verdict under the merged run's id", () => {
  const only = fakeVerdict([], { runId: 'leg-1', usersJudged: 4, source: 'snapshots' });
  expect(combineVerdicts('merged', [only])).toEqual({ ...only, runId: 'merged' });
});

test("the servers' 5xx causes are summed cause by cause", () => {
  const a = fakeVerdict([], { serverErrorCauses: { 'lock-contention': 2, 'id-collision': 1 } });
  const b = fakeVerdict([], { serverErrorCauses: { 'lock-contention': 3 } });
  expect(combineVerdicts('merged', [a, b]).serverErrorCauses).toEqual({ 'lock-contention': 5, 'id-collision': 1 });
});

test('users judged, cards read and operations read are summed over the servers', () => {
  const merged = combineVerdicts('merged', [
    fakeVerdict([], { usersJudged: 3, cardsRead: 30, operationsRead: 300 }),
    fakeVerdict([], { usersJudged: 4, cardsRead: 40, operationsRead: 400 }),
    fakeVerdict([], { usersJudged: 5, cardsRead: 50, operationsRead: 500 }),
  ]);
  expect(merged).toMatchObject({ usersJudged: 12, cardsRead: 120, operationsRead: 1200 });
});

test('the merged verdict was judged when the last server was judged', () => {
  const merged = combineVerdicts('merged', [fakeVerdict([], { judgedAt: at(2) }), fakeVerdict([], { judgedAt: at(9) }), fakeVerdict([], { judgedAt: at(5) })]);
  expect(merged.judgedAt).toBe(at(9));
});

test('the history coverage is kept even when the first server has none', () => {
  const coverage = { files: 2, truncatedLines: 1, malformedLines: 0 };
  const merged = combineVerdicts('merged', [fakeVerdict(), fakeVerdict([], { history: coverage })]);
  expect(merged.history).toEqual(coverage);
});

test('the merged run was read from snapshots only when every server was', () => {
  const snap = fakeVerdict([], { source: 'snapshots' });
  const live = fakeVerdict([], { source: 'live' });
  expect(combineVerdicts('merged', [snap, snap]).source).toBe('snapshots');
  expect(combineVerdicts('merged', [snap, live]).source).toBe('live');
  expect(combineVerdicts('merged', [live, snap]).source).toBe('live');
});
