/**
 * `npm run compare` (the plan's §8 experiments): two finished runs kept outside runs/, as if
 * copied from another machine, put side by side from their saved deliverables, with what
 * changed highlighted in the terminal table, the HTML page and the JSON.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { main as compare } from '../../bin/compare.ts';
import type { RunComparison } from '../../report/run-comparison.ts';
import { npmRun, runMain } from './support/command-runner.ts';
import { writeSavedRun } from './support/saved-run.ts';
import { fakeFaultyVerdict, fakePlanHistory } from './report-fake-run.ts';

/** Baseline: 1 worker, clean; the other: 3 workers, the faulty verdict (2 misrouted, 1 lost, …). */
function twoRuns(): { oneWorker: string; threeWorkers: string } {
  const copied = test.info().outputPath('copied-from-elsewhere');
  const oneWorker = writeSavedRun(path.join(copied, '20260101-000000-aaa'), { info: { targetWorkers: 1 }, ops: fakePlanHistory(7) });
  const threeWorkers = writeSavedRun(path.join(copied, '20260101-010000-bbb'), { info: { targetWorkers: 3 }, ops: fakePlanHistory(7), verdict: fakeFaultyVerdict() });
  return { oneWorker, threeWorkers };
}

test('npm run compare prints both runs side by side and marks what changed', () => {
  const { oneWorker, threeWorkers } = twoRuns();
  const output = test.info().outputPath('comparison');
  const result = npmRun('compare', [oneWorker, threeWorkers, '--output', output]);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  const lines = result.out.split('\n');
  const rowOf = (label: string) => lines.find((l) => l.slice(2).startsWith(`${label} `)) ?? `(no row ${label})`;
  expect(rowOf('target workers')).toMatch(/^\* target workers\s+1\s+3 ≠$/);
  expect(rowOf('misrouted')).toMatch(/^\* misrouted\s+0\s+2 ▲$/);
  expect(rowOf('lost')).toMatch(/^\* lost\s+0\s+1 ▲$/);
  expect(rowOf('phantom')).toMatch(/^ {2}phantom\s+0\s+0$/);
  expect(rowOf('criteria failed')).toContain('1 no-cross-user-contamination, 2 no-lost-cards');
  expect(rowOf('id-collision')).toMatch(/^\* id-collision\s+0\s+7 ▲$/);
  // Same history on both sides: the latency rows did not change.
  expect(rowOf('POST /add_card p95')).toMatch(/^ {2}POST \/add_card p95\s+\d+ ms\s+\d+ ms$/);
  expect(result.out).toContain('Wrote ');
});

test('compare writes the table as HTML with changed rows highlighted and as JSON', () => {
  const { oneWorker, threeWorkers } = twoRuns();
  const output = test.info().outputPath('comparison');
  expect(runMain(compare, [oneWorker, threeWorkers, '--output', output]).code).toBe(0);
  const base = path.join(output, 'compare-20260101-000000-aaa-vs-20260101-010000-bbb');
  const html = fs.readFileSync(`${base}.html`, 'utf8');
  expect(html).toContain('<tr class="changed"><td>misrouted</td><td class="same" data-trend="same">0</td><td class="worse" data-trend="worse">2 ▲</td></tr>');
  expect(html).toContain('<tr class="same"><td>phantom</td>');
  expect(html).toContain('20260101-000000-aaa (baseline)');
  const json = JSON.parse(fs.readFileSync(`${base}.json`, 'utf8')) as RunComparison;
  expect(json.runs.map((r) => r.id)).toEqual(['20260101-000000-aaa', '20260101-010000-bbb']);
  const misrouted = json.sections.flatMap((s) => s.rows).find((r) => r.label === 'misrouted');
  expect(misrouted).toMatchObject({ values: [0, 2], trends: ['same', 'worse'], changed: true });
});

test('compare --help lists every option; bad input is one line and exit 2', () => {
  const help = runMain(compare, ['--help']);
  expect(help.code).toBe(0);
  for (const option of ['--output DIR', '--help']) expect(help.out).toContain(option);
  const { oneWorker } = twoRuns();
  const unfinished = test.info().outputPath('unfinished');
  fs.mkdirSync(unfinished, { recursive: true });
  fs.writeFileSync(path.join(unfinished, 'run.json'), JSON.stringify({ id: 'unfinished', dataDir: unfinished }));
  const aFile = test.info().outputPath('a-file');
  fs.writeFileSync(aFile, 'x');
  for (const [argv, line] of [
    [[oneWorker], 'error: two or more run directories expected, got 1'],
    [[oneWorker, '/no/such/run'], 'Run directory /no/such/run does not exist'],
    [[oneWorker, unfinished], 'has no test_results_summary.json, integrity_violations.json, performance_metrics.json: the run never reached its audit'],
    [[oneWorker, test.info().outputDir], 'No run.json in'],
    [[oneWorker, oneWorker], 'is the same run directory as'],
    [[oneWorker, oneWorker, '--since', 'x'], "error: Unknown option '--since'"],
  ] as const) {
    const result = runMain(compare, argv);
    expect(result.code, argv.join(' ')).toBe(2);
    expect(result.err).toContain(line);
    expect(result.err.split('\n')).toHaveLength(1);
  }
  const twice = twoRuns();
  const result = runMain(compare, [twice.oneWorker, twice.threeWorkers, '--output', aFile]);
  expect(result).toMatchObject({ code: 2, err: expect.stringContaining('is a file: give a folder') });
});

test('compare without --output writes into runs/comparisons (RUNS_DIR), never into the folder it was typed in', () => {
  const { oneWorker, threeWorkers } = twoRuns();
  const typedIn = test.info().outputPath('checkout');
  const runsDir = test.info().outputPath('runs');
  fs.mkdirSync(typedIn, { recursive: true });
  const root = path.resolve(import.meta.dirname, '../..');
  const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const result = spawnSync(process.execPath, [tsx, path.join(root, 'bin', 'compare.ts'), oneWorker, threeWorkers], {
    cwd: typedIn,
    env: { ...process.env, RUNS_DIR: runsDir },
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(fs.readdirSync(typedIn)).toEqual([]);
  const base = path.join(runsDir, 'comparisons', 'compare-20260101-000000-aaa-vs-20260101-010000-bbb');
  expect(fs.existsSync(`${base}.html`) && fs.existsSync(`${base}.json`)).toBe(true);
  expect(result.stdout).toContain(`Wrote ${base}.html and ${base}.json`);
});
