/**
 * The run decision's words and edges (db/decision/run-decision.ts), each pinned: what every
 * criterion says it counted, how test outcomes are tallied, which criterion leaves a run unknown
 * rather than failed, and the word a report prints. Mutation testing found each of these
 * unguarded (`npm run mutate`, docs/commands.md).
 */
import { test, expect } from '@playwright/test';
import { decideRun, resultWord, type ProjectOutcomes } from '../../db/decision/run-decision.ts';
import type { KnownFinding } from '../../db/decision/known-findings.ts';
import type { ThresholdResult } from '../../db/decision/thresholds.ts';
import type { Violation } from '../../db/verdict.ts';
import { fakeVerdict } from './report-fake-run.ts';

const MET: ThresholdResult[] = [
  { name: 'average POST /add_card', limit: 500, measured: 120, unit: 'ms', passed: true, line: 'threshold met: average POST /add_card 120 ms < 500 ms' },
  { name: 'error rate', limit: 0.01, measured: 0, unit: 'ratio', passed: true, line: 'threshold met: error rate 0 % < 1 % (0 of 400 requests)' },
];
const PASSED: ProjectOutcomes = { writers: { planned: 3, passed: 2, failed: 0, skipped: 1 } };
const lost = (n: number): Violation => ({ class: 'lost', message: `Card ${n} is in no database.`, opIds: [`w01#${n}`], vu: 'w01', cause: { kind: 'unknown', missing: 'not this test' } });

test('a clean run names every criterion and says what each counted, over how many users and cards', () => {
  const decision = decideRun({ verdict: fakeVerdict(), thresholds: MET, projectOutcomes: PASSED });
  expect(decision.criteria.map((c) => [c.id, c.name, c.passed, c.detail])).toEqual([
    [1, 'zero cross-user contamination', true, 'no misrouted violations in 30 users and 3420 cards'],
    [2, 'no lost cards', true, 'no lost violations in 30 users and 3420 cards'],
    [3, 'no duplicate or phantom cards', true, 'no phantom / duplicate violations in 30 users and 3420 cards'],
    [4, 'session integrity', true, 'no session-mismatch violations in 30 users and 3420 cards'],
    [5, 'review integrity', true, 'no review-mismatch violations in 30 users and 3420 cards'],
    [6, 'performance thresholds met', true, 'threshold met: average POST /add_card 120 ms < 500 ms; threshold met: error rate 0 % < 1 % (0 of 400 requests)'],
    // A skipped test ended: 2 passed + 1 skipped of 3 planned.
    [7, "all scenarios' tests passed", true, '3 tests in 1 projects passed'],
    [8, 'cards intact and in the intended deck, decks kept', true, 'no content-mismatch / wrong-deck / lost-deck violations in 30 users and 3420 cards'],
    [9, 'every card, review and request judged', true, 'all 30 user databases read and every operation judged'],
  ]);
  expect(decision.known).toEqual([]);
  expect(decision.unexpected).toEqual([]);
});

test('a failed criterion counts its violations by class, and each failure is listed once', () => {
  const misrouted: Violation = { class: 'misrouted', message: 'Card … is in bob02.db.', opIds: ['w02#1'], vu: 'w02', cause: { kind: 'unknown', missing: 'not this test' } };
  const decision = decideRun({ verdict: fakeVerdict([lost(1), lost(2), misrouted]), thresholds: MET, projectOutcomes: PASSED });
  expect(decision.criteria.filter((c) => !c.passed).map((c) => [c.id, c.detail])).toEqual([
    [1, '1 misrouted'],
    [2, '2 lost'],
  ]);
  expect(decision.failures).toEqual(['criterion 1 failed: zero cross-user contamination (1 misrouted)', 'criterion 2 failed: no lost cards (2 lost)']);
  expect(decision.result).toBe('failed');
});

test('violations a known finding accepts are named beside the count, and the criterion says none was unexpected', () => {
  const accepted: KnownFinding = { class: 'lost', reason: 'issue 12: the daily limit hides them' };
  const decision = decideRun({ verdict: fakeVerdict([lost(1), lost(2)]), thresholds: MET, projectOutcomes: PASSED, knownFindings: [accepted] });
  expect(decision.criteria.find((c) => c.id === 2)).toMatchObject({ passed: true, detail: 'no unexpected lost violations in 30 users and 3420 cards (2 lost known)' });
  // Above its maxCount an entry accepts none: they count as unexpected, and are not called known.
  const capped: KnownFinding = { ...accepted, maxCount: 1 };
  const over = decideRun({ verdict: fakeVerdict([lost(1), lost(2), lost(3)]), thresholds: MET, projectOutcomes: PASSED, knownFindings: [capped] });
  expect(over.criteria.find((c) => c.id === 2)).toMatchObject({ passed: false, detail: '3 lost' });
  expect(over.result).toBe('failed');
});

test('a test that failed is counted against what was planned, or against what ended when nothing was planned', () => {
  const planned = decideRun({ verdict: fakeVerdict(), thresholds: MET, projectOutcomes: { writers: { planned: 4, passed: 2, failed: 1, skipped: 0 } } });
  expect(planned.criteria.find((c) => c.id === 7)?.detail).toBe('writers: 1 of 4 failed, writers: 1 of 4 did not finish');
  const unplanned = decideRun({ verdict: fakeVerdict(), thresholds: MET, projectOutcomes: { writers: { passed: 2, failed: 1, skipped: 1 } } });
  expect(unplanned.criteria.find((c) => c.id === 7)?.detail).toBe('writers: 1 of 4 failed');
  expect(unplanned.result).toBe('failed');
});

test('outcomes of no project at all fail criterion 7: no Playwright tests ran', () => {
  const decision = decideRun({ verdict: fakeVerdict(), thresholds: MET, projectOutcomes: {} });
  expect(decision.criteria.find((c) => c.id === 7)).toMatchObject({ passed: false, detail: 'no Playwright tests ran' });
  expect(decision.failures).toEqual(["criterion 7 failed: all scenarios' tests passed (no Playwright tests ran)"]);
});

test('a run with no performance threshold at all has performance not judged, not passed', () => {
  const decision = decideRun({ verdict: fakeVerdict(), thresholds: [], projectOutcomes: PASSED });
  expect(decision.criteria.find((c) => c.id === 6)).toMatchObject({ passed: null, detail: 'no latency or error-rate threshold was given' });
  expect(decision.result).toBe('unknown');
  expect(decideRun({ verdict: fakeVerdict(), thresholds: [], projectOutcomes: PASSED, notPartOfRun: ['performance-thresholds'] }).result).toBe('passed');
});

test('what the checker could not judge leaves the run unknown, not failed, and says what it was', () => {
  const verdict = fakeVerdict([], { valid: 'unknown', ok: false, unjudged: ['user_7.db could not be read (file is not a database)', '3 answers of r02'] });
  const decision = decideRun({ verdict, thresholds: MET, projectOutcomes: PASSED });
  expect(decision.criteria.find((c) => c.id === 9)).toMatchObject({ passed: false, detail: 'user_7.db could not be read (file is not a database); 3 answers of r02' });
  expect(decision.result).toBe('unknown');
  expect(decision.failures).toEqual(['criterion 9 failed: every card, review and request judged (user_7.db could not be read (file is not a database); 3 answers of r02)']);
});

test('each result has the one word every report prints', () => {
  expect([resultWord('passed'), resultWord('failed'), resultWord('unknown')]).toEqual(['PASSED', 'FAILED', 'UNKNOWN (not everything could be judged)']);
});
