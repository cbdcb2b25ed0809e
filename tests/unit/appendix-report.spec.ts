/**
 * `npm run report -- --input <run dir> --output <file.html>` (the plan's Appendix A): the
 * report.html of a finished run written anywhere from its saved deliverables, and of the real
 * server's sample laid out as a run that never reached its audit, judged again first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { main as report } from '../../bin/report.ts';
import { npmRun, runMain } from './support/command-runner.ts';
import { writeRealSampleRun, writeSavedRun } from './support/saved-run.ts';
import { fakeFaultyVerdict } from './report-fake-run.ts';

test('npm run report --input/--output writes a finished run’s page from its saved deliverables, elsewhere', () => {
  const runDir = writeSavedRun(test.info().outputPath('runs', '20260101-000000-k7q'), { verdict: fakeFaultyVerdict() });
  const before = fs.readdirSync(runDir).sort();
  const output = test.info().outputPath('elsewhere', 'deeper', 'plan-run.html');
  const result = npmRun('report', ['--input', runDir, '--output', output]);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  expect(result.out).toContain(`report.html of run 20260101-000000-k7q (from the run's saved deliverables): ${output}`);
  const html = fs.readFileSync(output, 'utf8');
  expect(html).toContain('20260101-000000-k7q');
  // The saved verdict, not a new one: its misrouted sentence is on the page.
  expect(html).toContain('Card w02k7q_7 (added by w02 as w02k7q) sits in user_5.db');
  expect(fs.readdirSync(runDir).sort()).toEqual(before);
});

test('report --input on the real sample as an unaudited run judges it again: no card misplaced, nothing written into the run', () => {
  const runDir = writeRealSampleRun(test.info().outputPath('runs', 'real-sample'));
  const before = fs.readdirSync(runDir).sort();
  const output = test.info().outputPath('real.html');
  const result = runMain(report, ['--input', runDir, '--output', output]);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  expect(result.out).toContain('(judged again from its history and databases: it never finished its audit)');
  const html = fs.readFileSync(output, 'utf8');
  expect(html).toContain('real-sample');
  expect(html).toContain('3 users, 329 cards');
  expect(html).toContain('no misrouted violations in 3 users and 329 cards');
  expect(fs.readdirSync(runDir).sort()).toEqual(before);
});

test('report --help lists every option; bad input is one line and exit 2', () => {
  const help = runMain(report, ['--help']);
  expect(help.code).toBe(0);
  for (const option of ['--input DIR', '--output FILE', '--help']) expect(help.out).toContain(option);
  const runDir = writeSavedRun(test.info().outputPath('runs', 'ok'));
  const unfinished = test.info().outputPath('runs', 'unfinished');
  fs.mkdirSync(path.join(unfinished, 'history'), { recursive: true });
  fs.writeFileSync(path.join(unfinished, 'run.json'), JSON.stringify({ id: 'unfinished', dataDir: path.join(unfinished, 'nowhere') }));
  for (const [argv, line] of [
    [['--input', runDir], 'error: --output is missing: --input and --output go together'],
    [['--output', '/tmp/x.html'], 'error: --input is missing'],
    [['--input', '/no/such/run', '--output', test.info().outputPath('x.html')], 'Run directory /no/such/run does not exist'],
    [['--input', runDir, '--output', test.info().outputDir], 'is a folder: give a file name'],
    [['--input', unfinished, '--output', test.info().outputPath('y.html')], 'No admin.db at'],
    [['--format', 'pdf'], "error: Unknown option '--format'"],
  ] as const) {
    const result = runMain(report, argv);
    expect(result.code, argv.join(' ')).toBe(2);
    expect(result.err).toContain(line);
    expect(result.err.split('\n')).toHaveLength(1);
  }
});
