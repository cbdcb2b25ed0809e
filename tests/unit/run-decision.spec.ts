/**
 * The one decision whether a run passed (db/decision/run-decision.ts), on verdicts and thresholds
 * made by hand: each case turns on one rule of the decision, with a run that passes beside it.
 */
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { notPartOfRunOf } from '../../db/decision/judge-run-dir.ts';
import { runPaths } from '../../helpers/run/run-dir.ts';
import { decideRun, type ProjectOutcomes } from '../../db/decision/run-decision.ts';
import type { ThresholdResult } from '../../db/decision/thresholds.ts';
import { CLASS_CRITERION, VIOLATION_CLASSES, type Violation } from '../../db/verdict.ts';
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

const UNMEASURED_REVIEW: ThresholdResult = {
  name: 'average GET /review',
  limit: 300,
  measured: null,
  unit: 'ms',
  passed: null,
  line: 'threshold not measured: average GET /review (no GET /review requests)',
};
const SATURATED_ADD: ThresholdResult = {
  name: 'average POST /add_card',
  limit: 500,
  measured: null,
  unit: 'ms',
  passed: null,
  line: 'threshold not judged: average POST /add_card — all 40 requests were in flight while the load generator was saturated (their mean, 812 ms, is the generator’s)',
};
const withThreshold = (t: ThresholdResult) => MET.map((m) => (m.name === t.name ? t : m));

test('a latency not measured leaves the run unknown, never passed; a profile without such requests says it is not part of the run', () => {
  const thresholds = withThreshold(UNMEASURED_REVIEW);
  const unknown = decideRun({ verdict: fakeVerdict(), thresholds, projectOutcomes: ALL_PASSED });
  expect(unknown.criteria.find((c) => c.id === 6)).toMatchObject({ passed: null });
  expect(unknown.result).toBe('unknown');
  expect(unknown.failures).toEqual([
    `criterion 6 not judged: performance thresholds met (${thresholds
      .slice(0, 3)
      .map((t) => t.line)
      .join('; ')})`,
  ]);

  const outOfScope = decideRun({ verdict: fakeVerdict(), thresholds, projectOutcomes: ALL_PASSED, notPartOfRun: ['average GET /review'] });
  expect(outOfScope.criteria.find((c) => c.id === 6)).toMatchObject({ passed: true });
  expect(outOfScope.result).toBe('passed');
});

test('latency measured only through a saturated generator leaves the run unknown, unless the profile leaves performance out', () => {
  const thresholds = withThreshold(SATURATED_ADD);
  expect(decideRun({ verdict: fakeVerdict(), thresholds, projectOutcomes: ALL_PASSED }).result).toBe('unknown');
  const outOfScope = decideRun({ verdict: fakeVerdict(), thresholds, projectOutcomes: ALL_PASSED, notPartOfRun: ['performance-thresholds'] });
  expect(outOfScope.criteria.find((c) => c.id === 6)).toMatchObject({ passed: null, notPartOfRun: true });
  expect(outOfScope.result).toBe('passed');
  expect(outOfScope.failures).toEqual([]);
});

test('a run without test outcomes is unknown on criterion 7, unless the profile says the scenario tests are not part of it', () => {
  const unknown = decideRun({ verdict: fakeVerdict(), thresholds: MET });
  expect(unknown.criteria.find((c) => c.id === 7)).toMatchObject({ passed: null, detail: 'no Playwright test outcomes were supplied' });
  expect(unknown.result).toBe('unknown');
  expect(unknown.failures).toEqual(["criterion 7 not judged: all scenarios' tests passed (no Playwright test outcomes were supplied)"]);
  const outOfScope = decideRun({ verdict: fakeVerdict(), thresholds: MET, notPartOfRun: ['scenario-tests'] });
  expect(outOfScope.result).toBe('passed');
});

test('what failed decides before what could not be judged: a broken criterion fails the run whatever else is unknown', () => {
  const lost: Violation = { class: 'lost', message: 'Card … is in no database.', opIds: ['w01#3'], cause: { kind: 'unknown', missing: 'not this test' } };
  const decision = decideRun({ verdict: fakeVerdict([lost]), thresholds: withThreshold(UNMEASURED_REVIEW) });
  expect(decision.result).toBe('failed');
  expect(decision.failures).toContain('criterion 2 failed: no lost cards (1 lost)');
  expect(decision.failures.filter((f) => f.includes('not judged')).map((f) => f.slice(0, 22))).toEqual(['criterion 6 not judged', 'criterion 7 not judged']);
});

test("the judgement reads what is not part of the run from the run's profile.json", () => {
  const dir = test.info().outputPath('run');
  fs.mkdirSync(dir, { recursive: true });
  expect(notPartOfRunOf(dir)).toEqual([]);
  fs.writeFileSync(runPaths(dir).profile, JSON.stringify({ name: 'writers-only', notPartOfRun: ['average GET /review', 7] }));
  expect(notPartOfRunOf(dir)).toEqual(['average GET /review']);
});

test('every violation class fails exactly the criterion the table of classes gives it, and no other', () => {
  const classes = Object.keys(CLASS_CRITERION) as (keyof typeof CLASS_CRITERION)[];
  expect(classes).toEqual([...VIOLATION_CLASSES]);
  for (const cls of classes) {
    const violation: Violation = { class: cls, message: `one ${cls}`, opIds: [], cause: { kind: 'unknown', missing: 'not this test' } };
    const decision = decideRun({ verdict: fakeVerdict([violation]), thresholds: MET, projectOutcomes: ALL_PASSED });
    const failedCounts = decision.criteria.filter((c) => c.passed === false && c.detail.includes(`1 ${cls}`)).map((c) => c.key);
    expect(failedCounts, cls).toEqual([CLASS_CRITERION[cls]]);
  }
});
