/**
 * The known-findings baseline: an accepted finding within its count is shown as known and
 * does not fail the run; above its count, of another class or of another role it fails, in
 * the one decision every report prints. A bad file is refused with one line and exit 2.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import type { Violation, ViolationClass } from '../../db/verdict.ts';
import { KnownFindingsError } from '../../db/errors/known-findings-error.ts';
import { parseKnownFindings, readKnownFindings, splitViolations, type KnownFinding } from '../../db/decision/known-findings.ts';
import { computePerformance } from '../../db/decision/performance.ts';
import { buildSummary } from '../../report/summary.ts';
import { evaluateThresholds, PLAN_LIMITS } from '../../db/decision/thresholds.ts';
import { EPOCH_MS, fakeRunInfo, fakeVerdict, op } from './report-fake-run.ts';

const TWO_DEVICES: KnownFinding = { class: 'wrong-deck', scenario: 'sessions', role: 'device-writer', reason: 'the current deck is per user, not per session', maxCount: 3 };

const violation = (cls: ViolationClass, vu: string, n = 1): Violation => ({
  class: cls,
  vu,
  message: `[${cls}] card of ${vu} #${n}`,
  opIds: [`${vu}#${n}`],
  cause: { kind: 'unknown', missing: 'a unit test' },
});

/** A run with an add and a review measured and every test passed: only the findings decide it. */
function summaryOf(violations: Violation[], known: readonly KnownFinding[]) {
  const ops = [op({ vu: 'w01', sentAt: EPOCH_MS, seq: 1 }), op({ vu: 'r01', scenario: 'reviewers', op: 'get_review', method: 'GET', path: '/review', status: 200, sentAt: EPOCH_MS, seq: 1 })];
  const perf = computePerformance(ops, fakeRunInfo());
  const verdict = fakeVerdict(violations);
  const limits = { ...PLAN_LIMITS, knownFindings: known };
  const projectOutcomes = { writers: { planned: 1, passed: 1, failed: 0, skipped: 0 }, reviewers: { planned: 1, passed: 1, failed: 0, skipped: 0 } };
  return buildSummary({ runInfo: fakeRunInfo(), perf, verdict, thresholds: evaluateThresholds(perf, verdict, limits), knownFindings: known, projectOutcomes });
}

test('a known finding within its count is shown as known and the run passes', () => {
  const summary = summaryOf([violation('wrong-deck', 'd01a', 1), violation('wrong-deck', 'd01a', 2), violation('wrong-deck', 'd02a', 1)], [TWO_DEVICES]);
  expect(summary.result).toBe('passed');
  expect(summary.passed).toBe(true);
  expect(summary.failures).toEqual([]);
  expect(summary.knownFindings.map((k) => k.line)).toEqual(['known: 3 wrong-deck (sessions device-writer, at most 3) — the current deck is per user, not per session']);
  expect(summary.criteria.find((c) => c.id === 8)).toMatchObject({ passed: true, detail: expect.stringContaining('(3 wrong-deck known)') });
  expect(summary.thresholds[3]!.line).toBe('threshold met: integrity violations beyond the known findings 0 ≤ 0; 3 known');
  // Still reported: the verdict's counts are the checker's, untouched.
  expect(summary.counts.violationsByClass['wrong-deck']).toBe(3);
});

test('a known finding above its maxCount fails the run and says so', () => {
  const four = [1, 2, 3, 4].map((n) => violation('wrong-deck', 'd01a', n));
  const summary = summaryOf(four, [TWO_DEVICES]);
  expect(summary.result).toBe('failed');
  expect(summary.failures).toContain('known finding over its limit: 4 wrong-deck (sessions device-writer, at most 3) — the current deck is per user, not per session');
  expect(summary.criteria.find((c) => c.id === 8)).toMatchObject({ passed: false, detail: '4 wrong-deck' });
  // Without a maxCount any number is accepted.
  const unbounded: KnownFinding = { class: TWO_DEVICES.class, scenario: 'sessions', role: 'device-writer', reason: TWO_DEVICES.reason };
  expect(summaryOf(four, [unbounded]).result).toBe('passed');
});

test('another class, another role or a VU the schedule does not name is not accepted', () => {
  const known = [TWO_DEVICES];
  const otherClass = summaryOf([violation('wrong-deck', 'd01a'), violation('misrouted', 'd01a')], known);
  expect(otherClass.result).toBe('failed');
  expect(otherClass.criteria.find((c) => c.id === 1)).toMatchObject({ passed: false, detail: '1 misrouted' });
  expect(otherClass.criteria.find((c) => c.id === 8)).toMatchObject({ passed: true });

  expect(summaryOf([violation('wrong-deck', 'w03')], known).result).toBe('failed');
  expect(summaryOf([violation('wrong-deck', 'd01b')], known).result).toBe('failed');
  expect(splitViolations([{ class: 'wrong-deck', message: 'no vu', opIds: [], cause: { kind: 'unknown', missing: 'a unit test' } }], known).unexpected).toHaveLength(1);
  // The empty baseline accepts nothing.
  expect(summaryOf([violation('wrong-deck', 'd01a')], []).result).toBe('failed');
});

test('a scenario entry accepts every role of it; a role entry every scenario it plays in', () => {
  const scenario: KnownFinding = { class: 'wrong-deck', scenario: 'sessions', reason: 'r' };
  expect(splitViolations([violation('wrong-deck', 'd01a'), violation('wrong-deck', 'd01b'), violation('wrong-deck', 'p01')], [scenario]).unexpected).toEqual([]);
  expect(splitViolations([violation('wrong-deck', 'w01')], [scenario]).unexpected).toHaveLength(1);
  const role: KnownFinding = { class: 'review-mismatch', role: 'browser-reviewer', reason: 'r' };
  expect(splitViolations([violation('review-mismatch', 'br02')], [role]).unexpected).toEqual([]);
  expect(splitViolations([violation('review-mismatch', 'r02')], [role]).unexpected).toHaveLength(1);
});

test('the shipped baseline is valid and empty; both file shapes parse', () => {
  expect(readKnownFindings('known-findings.json', { required: true })).toEqual([]);
  expect(parseKnownFindings(JSON.stringify([TWO_DEVICES]), 'f.json')).toEqual([TWO_DEVICES]);
  expect(parseKnownFindings(JSON.stringify({ findings: [TWO_DEVICES] }), 'f.json')).toEqual([TWO_DEVICES]);
});

test('a bad baseline is refused with one line naming the entry, the problem and the fix', () => {
  const bad: [string, RegExp][] = [
    ['{', /^Known findings f\.json is not valid JSON \(.*\): fix the JSON syntax\.$/],
    ['{"entries": []}', /^Known findings f\.json holds neither a list nor/],
    ['[{"class": "lost-ish", "scenario": "writers", "reason": "r"}]', /^Known findings f\.json entry 1 class "lost-ish" is not a violation class: use one of misrouted, lost/],
    ['[{"class": "lost", "reason": "r"}]', /^Known findings f\.json entry 1 names neither a scenario nor a role/],
    ['[{"class": "lost", "scenario": "writer", "reason": "r"}]', /entry 1 scenario "writer" is not a scenario: use one of writers/],
    ['[{"class": "lost", "role": "writers", "reason": "r"}]', /entry 1 role "writers" is not a VU role: use one of writer, reviewer/],
    ['[{"class": "lost", "role": "writer"}]', /entry 1 has no "reason"/],
    ['[{"class": "lost", "role": "writer", "reason": "r", "maxCount": -1}]', /entry 1 maxCount -1 is not a whole number/],
    ['[{"class": "lost", "role": "writer", "reason": "r", "max": 2}]', /entry 1 has an unknown key "max"/],
  ];
  for (const [text, message] of bad) {
    let thrown: unknown;
    try {
      parseKnownFindings(text, 'f.json');
    } catch (e) {
      thrown = e;
    }
    expect(thrown, text).toBeInstanceOf(KnownFindingsError);
    expect((thrown as Error).message, text).toMatch(message);
    expect((thrown as Error).message, text).not.toContain('\n');
  }
  expect(() => readKnownFindings('does-not-exist.json', { required: true })).toThrow(/does not exist: point KNOWN_FINDINGS at/);
  expect(readKnownFindings('does-not-exist.json')).toEqual([]);
});

test('npm run audit with a bad KNOWN_FINDINGS file exits 2 with the one line', () => {
  const file = test.info().outputPath('known.json');
  fs.writeFileSync(file, '[{"class": "wrong-deck", "reason": "two devices"}]');
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'bin/audit.ts', 'runs/latest'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, KNOWN_FINDINGS: file } });
  expect(result.status).toBe(2);
  expect(result.stderr.trim().split('\n')).toEqual([
    `error: Known findings ${file} entry 1 names neither a scenario nor a role, so it would accept the class everywhere: add "scenario" or "role" (or both).`,
  ]);
});
