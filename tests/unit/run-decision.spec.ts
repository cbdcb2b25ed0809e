/**
 * The one decision whether a run passed (db/decision/run-decision.ts), on verdicts and thresholds
 * made by hand: each case turns on one rule of the decision, with a run that passes beside it.
 */
import { test, expect } from '@playwright/test';
import { decideRun, type ProjectOutcomes } from '../../db/decision/run-decision.ts';
import type { ThresholdResult } from '../../db/decision/thresholds.ts';
import type { Violation } from '../../db/verdict.ts';
import { fakeVerdict } from './report-fake-run.ts';

const MET: ThresholdResult[] = [
  { name: 'average POST /add_card', limit: 500, measured: 120, unit: 'ms', passed: true, line: 'threshold met: average POST /add_card 120 ms < 500 ms' },
  { name: 'average GET /review', limit: 300, measured: 40, unit: 'ms', passed: true, line: 'threshold met: average GET /review 40 ms < 300 ms' },
  { name: 'error rate', limit: 0.01, measured: 0, unit: 'ratio', passed: true, line: 'threshold met: error rate 0 % < 1 % (0 of 400 requests)' },
  { name: 'integrity violations', limit: 0, measured: 0, unit: 'count', passed: true, line: 'threshold met: integrity violations 0 ≤ 0' },
];

const ALL_PASSED: ProjectOutcomes = { writers: { planned: 6, passed: 6, failed: 0, skipped: 0 }, reviewers: { planned: 24, passed: 24, failed: 0, skipped: 0 } };

test('a clean verdict with every threshold met and every test passed is passed', () => {
  const decision = decideRun({ verdict: fakeVerdict(), thresholds: MET, projectOutcomes: ALL_PASSED });
  expect(decision.result).toBe('passed');
  expect(decision.failures).toEqual([]);
});

test('a checker that did not judge the run ok fails it, though it reported no violation and judged everything', () => {
  const verdict = fakeVerdict([], { ok: false, valid: true });
  const decision = decideRun({ verdict, thresholds: MET, projectOutcomes: ALL_PASSED });
  expect(decision.result).toBe('failed');
  expect(decision.failures).toEqual(['the checker did not judge the run ok, though it reported no violation']);
});

test('a lost deck fails criterion 8 (cards intact and in the intended deck, decks kept)', () => {
  const lostDeck: Violation = { class: 'lost-deck', message: 'Deck 1795743695100 (Deck d01a) … lost it.', opIds: ['d01a#3'], cause: { kind: 'unknown', missing: 'not this test' } };
  const decision = decideRun({ verdict: fakeVerdict([lostDeck]), thresholds: MET, projectOutcomes: ALL_PASSED });
  expect(decision.criteria.filter((c) => c.passed === false).map((c) => [c.id, c.key, c.detail])).toEqual([[8, 'card-placement', '1 lost-deck']]);
  expect(decision.result).toBe('failed');
  expect(decision.failures).toContain('criterion 8 failed: cards intact and in the intended deck, decks kept (1 lost-deck)');
});
