/**
 * `npm run audit`: judges a run directory from its own files; exit 0 clean, 1 with
 * violations, 2 with one clear line on bad input; writes the verdict only with --write.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { main, type AuditJson } from '../../bin/audit.ts';
import { runMain } from './support/command-runner.ts';
import type { RunInfo } from '../../helpers/run/run-dir.ts';
import { OUTCOMES_FILE } from '../../helpers/monitor/outcomes-reporter.ts';
import { writeDataDir } from './support/anki-fixture.ts';
import { historyBuilder } from './support/history-builder.ts';
import { ALICE, HISTORY_DECK, T0, baseUsers, rowFor, userOf } from './support/checker-scenario.ts';

const run = (argv: string[]) => runMain(main, argv);

/** A run directory with run.json, history and a live data folder; `lose` drops alice01's card. */
function makeRun(name: string, lose: boolean): string {
  const runDir = test.info().outputPath('runs', name);
  const dataDir = path.join(runDir, 'target-data');
  const users = baseUsers();
  const h = historyBuilder(name);
  const { card } = h.add({ ...ALICE, seq: 1, deckId: HISTORY_DECK, at: T0, cardId: T0 + 1 });
  if (!lose) userOf(users, 1).cards.push(rowFor(card, T0 + 1, HISTORY_DECK));
  writeDataDir(dataDir, users);
  fs.mkdirSync(path.join(runDir, 'history'), { recursive: true });
  fs.writeFileSync(path.join(runDir, 'history', 'w01.jsonl'), h.ops.map((op) => `${JSON.stringify(op)}\n`).join(''));
  // One writer, its test passed; a writers-only profile says review latency is not part of the run.
  fs.writeFileSync(path.join(runDir, OUTCOMES_FILE), JSON.stringify({ status: 'passed', projects: { writers: { planned: 1, passed: 1, failed: 0, skipped: 0, interrupted: 0, failures: [] } } }));
  fs.writeFileSync(path.join(runDir, 'profile.json'), JSON.stringify({ name: 'unit', notPartOfRun: ['average GET /review'] }));
  const info: RunInfo = {
    id: name,
    epochMs: T0,
    startedAt: new Date(T0).toISOString(),
    profile: 'unit',
    baseUrl: 'http://127.0.0.1:1',
    dataDir,
    serverLog: null,
    embedded: true,
    faults: null,
    status: 'complete',
  };
  fs.writeFileSync(path.join(runDir, 'run.json'), JSON.stringify(info));
  return runDir;
}

test('a clean run exits 0 and writes nothing without --write', () => {
  const runDir = makeRun('clean', false);
  const result = run([runDir]);
  expect(result.code).toBe(0);
  expect(result.out).toContain('Audit of run clean (live databases): PASS — no integrity violations');
  expect(fs.existsSync(path.join(runDir, 'integrity_violations.json'))).toBe(false);
});

test('a run with a lost card exits 1, prints the sentence and writes the verdict with --write', () => {
  const runDir = makeRun('lossy', true);
  const result = run([runDir, '--write']);
  expect(result.code).toBe(1);
  expect(result.out).toContain('FAIL — 1 integrity violation');
  expect(result.out).toContain('lost 1');
  expect(result.out).toContain('[lost] Card alice01_1 added by w01');
  const written = JSON.parse(fs.readFileSync(path.join(runDir, 'integrity_violations.json'), 'utf8')) as { countsByClass: { lost: number }; ok: boolean };
  expect(written.countsByClass.lost).toBe(1);
  expect(written.ok).toBe(false);
});

test('--json prints one object whose result and exit code are the ones the command exits with', () => {
  const clean = run([makeRun('clean-json', false), '--json']);
  expect(clean.code).toBe(0);
  expect(JSON.parse(clean.out) as AuditJson).toMatchObject({ runId: 'clean-json', result: 'passed', exitCode: 0, failures: [], verdict: { ok: true, violations: 0 } });
  const lossy = run([makeRun('lossy-json', true), '--json', '--write']);
  expect(lossy.code).toBe(1);
  const json = JSON.parse(lossy.out) as AuditJson;
  expect(json).toMatchObject({ result: 'failed', exitCode: 1, verdict: { ok: false, violations: 1 } });
  expect(json.verdict.countsByClass.lost).toBe(1);
  expect(json.failures).toContain('criterion 2 failed: no lost cards (1 lost)');
});

test('runs/latest as a symlink resolves to the run', () => {
  const runDir = makeRun('linked', false);
  const latest = path.join(path.dirname(runDir), 'latest');
  fs.symlinkSync(runDir, latest);
  expect(run([latest]).code).toBe(0);
});

test('snapshots in the run directory are judged instead of the live folder', () => {
  const runDir = makeRun('snapshotted', true);
  // The snapshot holds the card the live folder lost afterwards: the snapshot is what is judged.
  const users = baseUsers();
  const { card } = historyBuilder().add({ ...ALICE, seq: 1, deckId: HISTORY_DECK, at: T0, cardId: T0 + 1 });
  userOf(users, 1).cards.push(rowFor(card, T0 + 1, HISTORY_DECK));
  writeDataDir(path.join(runDir, 'database_snapshots'), users);
  const result = run([runDir]);
  expect(result.out).toContain('(snapshots databases): PASS');
  expect(result.code).toBe(0);
});

test('bad input exits 2 with one line naming the problem', () => {
  const missing = run([test.info().outputPath('nope')]);
  expect(missing).toMatchObject({ code: 2, out: '' });
  expect(missing.err).toMatch(/^error: Run directory .*nope does not exist\. Pass a folder under runs\/, e\.g\. runs\/latest\.$/);

  const empty = test.info().outputPath('empty');
  fs.mkdirSync(empty, { recursive: true });
  expect(run([empty])).toMatchObject({ code: 2, err: expect.stringMatching(/^error: No run\.json in .*empty/) });

  const runDir = makeRun('no-admin', false);
  fs.rmSync(path.join(runDir, 'target-data', 'admin.db'));
  expect(run([runDir])).toMatchObject({ code: 2, err: expect.stringMatching(/^error: No admin\.db at .*target-data\/admin\.db\. Set DATA_DIR/) });

  expect(run([])).toMatchObject({ code: 2, err: expect.stringMatching(/^error: no run directory given — usage: npm run audit -- <run dir, e\.g\. runs\/latest>/) });
  expect(run(['a', '--frobnicate']).code).toBe(2);
});

test('the CLI process exits 2 without a stack trace on a missing run', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'bin/audit.ts', 'runs/does-not-exist'], { encoding: 'utf8', timeout: 60_000 });
  expect(result.status).toBe(2);
  expect(result.stderr.trim().split('\n')).toEqual(['error: Run directory runs/does-not-exist does not exist. Pass a folder under runs/, e.g. runs/latest.']);
});
