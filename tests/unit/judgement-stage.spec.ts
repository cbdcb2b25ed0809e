/**
 * One judgement stage (db/decision/judge-run-dir.ts): the teardown, `npm run audit` and the merge
 * reach the same decision on the same run — verdict, known findings, failures, result — and a
 * run judged with a known-findings baseline is audited later by that baseline, the one it
 * recorded, not by whatever this checkout has configured.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { main as audit } from '../../bin/audit.ts';
import { config } from '../../helpers/config/config.ts';
import { readKnownFindings } from '../../db/decision/known-findings.ts';
import { recordedLimits } from '../../db/decision/judge-run-dir.ts';
import type { PoolUser, RunInfo } from '../../helpers/run/run-dir.ts';
import { mergeLegs, readLegs } from '../../report/merge-legs.ts';
import type { TestResultsSummary } from '../../report/summary.ts';
import { runMain } from './support/command-runner.ts';
import { writeDataDir } from './support/anki-fixture.ts';
import { historyBuilder } from './support/history-builder.ts';
import { ALICE, BOB, HISTORY_DECK, T0, baseUsers, rowFor, userOf } from './support/checker-scenario.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXIT = { passed: 0, failed: 1, unknown: 3 } as const;
/** A whole teardown in a child process, then an audit and a merge: well past a unit test's 30 s on a busy 2-core machine. */
const WHOLE_JUDGEMENTS_MS = 180_000;

test.describe.configure({ timeout: WHOLE_JUDGEMENTS_MS });

/**
 * A finished leg (shard 1/1 of writers) before its teardown: alice01's first card is lost, her
 * second sits where it should, bob02's card was altered in his database (content-mismatch).
 */
function makeRun(dir: string): string {
  const dataDir = path.join(dir, 'target-data');
  const users = baseUsers();
  const h = historyBuilder('judge-stage-abc');
  h.add({ ...ALICE, seq: 1, deckId: HISTORY_DECK, at: T0, cardId: T0 + 1 });
  const kept = h.add({ ...ALICE, seq: 2, deckId: HISTORY_DECK, at: T0 + 2_000, cardId: T0 + 2_001 });
  userOf(users, 1).cards.push(rowFor(kept.card, T0 + 2_001, HISTORY_DECK));
  const bobs = h.add({ ...BOB, seq: 1, deckId: 1, at: T0 + 3_000, cardId: T0 + 3_001 });
  userOf(users, 2).cards.push({ ...rowFor(bobs.card, T0 + 3_001, 1), back: 'an altered answer' });
  writeDataDir(dataDir, users);
  fs.mkdirSync(path.join(dir, 'history'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'history', 'worker-0.jsonl'), h.ops.map((op) => `${JSON.stringify(op)}\n`).join(''));
  const pool: PoolUser[] = [ALICE, BOB].map((u) => ({ vu: u.vu, username: u.username, name: u.username, userId: u.userId, registeredSentAt: T0 - 5_000, registeredReturnedAt: T0 - 4_000 }));
  fs.writeFileSync(path.join(dir, 'pool.json'), JSON.stringify(pool));
  const info: RunInfo = {
    id: 'judge-stage-abc',
    epochMs: T0,
    startedAt: new Date(T0 - 10_000).toISOString(),
    profile: 'unit',
    baseUrl: 'http://127.0.0.1:8000',
    dataDir,
    serverLog: null,
    embedded: false,
    faults: null,
    targetPid: null,
    shard: { current: 1, total: 1 },
    projects: ['writers'],
    status: 'complete',
  };
  fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify(info));
  const outcomes = { status: 'passed', projects: { writers: { planned: 2, passed: 2, failed: 0, skipped: 0, interrupted: 0, failures: [] } } };
  fs.writeFileSync(path.join(dir, 'test_outcomes.json'), JSON.stringify(outcomes));
  return dir;
}

/** The run's global teardown, in its own process as Playwright runs it, with this baseline. */
function teardown(runDir: string, knownFindings: string): { code: number | null; out: string; err: string } {
  const script = `import teardown from ${JSON.stringify(path.join(ROOT, 'global-teardown.ts'))}; await teardown();`;
  const env = { ...process.env, JAVUMBO_RUN_DIR: runDir, JAVUMBO_RUN_SECRET: 'judgement-stage-secret', KNOWN_FINDINGS: knownFindings };
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const readSummary = (dir: string): TestResultsSummary => JSON.parse(fs.readFileSync(path.join(dir, 'test_results_summary.json'), 'utf8')) as TestResultsSummary;

test('the teardown, the audit and the merge reach one decision on the same run, by the limits the run recorded', async () => {
  const runDir = makeRun(test.info().outputPath('runs', 'judge-stage-abc'));
  // The baseline of this run accepts its lost card, not the content mismatch: a known finding and a failure.
  const knownFile = test.info().outputPath('known.json');
  fs.writeFileSync(knownFile, JSON.stringify({ findings: [{ class: 'lost', scenario: 'writers', reason: 'accepted for this test', maxCount: 1 }] }));

  const ended = teardown(runDir, knownFile);
  const byTeardown = readSummary(runDir);
  expect(byTeardown.counts.violationsByClass, ended.err).toMatchObject({ lost: 1, 'content-mismatch': 1 });
  expect(byTeardown.knownFindings.map((k) => k.line)).toEqual(['known: 1 lost (writers, at most 1) — accepted for this test']);
  expect(byTeardown.failures.some((f) => f.includes('content-mismatch'))).toBe(true);
  expect(byTeardown.result).toBe('failed');
  expect(byTeardown.limits?.knownFindings).toEqual(readKnownFindings(knownFile));
  expect(ended.code).toBe(byTeardown.result === 'passed' ? 0 : 1);
  expect(ended.out).toContain(`run judge-stage-abc: ${byTeardown.result.toUpperCase()}`);

  // This process has no KNOWN_FINDINGS: the audit reads the baseline the run recorded.
  expect(config.knownFindingsFile).not.toBe(knownFile);
  const audited = runMain(audit, [runDir]);
  expect(audited.err).toBe('');
  expect(audited.code).toBe(EXIT[byTeardown.result]);
  expect(audited.out).toContain('Limits: the thresholds and known findings the run recorded');
  for (const line of [...byTeardown.knownFindings.map((k) => k.line), ...byTeardown.failures]) expect(audited.out).toContain(line);

  const merged = await mergeLegs(readLegs([runDir]), test.info().outputPath('merged-runs'), recordedLimits(runDir)!);
  const byMerge = readSummary(merged.dir);
  for (const summary of [merged.summary, byMerge]) {
    expect(summary.result).toBe(byTeardown.result);
    expect(summary.failures).toEqual(byTeardown.failures);
    expect(summary.knownFindings).toEqual(byTeardown.knownFindings);
    expect(summary.criteria.map((c) => [c.id, c.passed])).toEqual(byTeardown.criteria.map((c) => [c.id, c.passed]));
    expect(summary.counts.violationsByClass).toEqual(byTeardown.counts.violationsByClass);
  }
});

test('the audit judges by this checkout’s limits when told to (--current-limits): the recorded baseline no longer applies', () => {
  const runDir = makeRun(test.info().outputPath('runs', 'judge-stage-abc'));
  const knownFile = test.info().outputPath('known.json');
  fs.writeFileSync(knownFile, JSON.stringify({ findings: [{ class: 'lost', scenario: 'writers', reason: 'accepted for this test', maxCount: 1 }] }));
  teardown(runDir, knownFile);
  const recorded = runMain(audit, [runDir]);
  const current = runMain(audit, [runDir, '--current-limits']);
  expect(recorded.out).toContain('known: 1 lost (writers, at most 1)');
  expect(current.out).not.toContain('known: 1 lost');
  expect(current.out).toContain('criterion 2 failed: no lost cards');
  expect(current.code).toBe(1);
});
