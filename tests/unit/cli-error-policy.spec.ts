/**
 * One error policy for every command in bin/: bad input (a BadInputError of any stage) is one
 * line naming the fix and exit 2; a bug in the suite keeps its stack and exits 1, never
 * disguised as bad input. Proven on the runner, in a child process, and on every bin/ command.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { runCommand } from '../../helpers/config/cli-args.ts';
import { UsageError } from '../../helpers/config/errors/usage-error.ts';
import { ConfigError } from '../../helpers/config/errors/config-error.ts';
import { AuditInputError } from '../../db/errors/audit-input-error.ts';
import { ReportError } from '../../report/errors/report-error.ts';
import { MergeError } from '../../report/errors/merge-error.ts';
import { RunDirError } from '../../helpers/run/errors/run-dir-error.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function collect(): { lines: string[]; err: (text: string) => void } {
  const lines: string[] = [];
  return { lines, err: (text) => lines.push(text) };
}

test('bad input of every stage is one line naming the fix, exit 2', () => {
  for (const error of [
    new UsageError('no run directory given', 'npm run audit -- <run dir>'),
    new ConfigError('PROFILE', 'is "x", not a profile', 'use smoke or plan'),
    new AuditInputError('Run directory x does not exist. Pass a folder under runs/.'),
    new ReportError('--output x is a folder', 'give a file name'),
    new MergeError('missing leg writers 2/2', 'rerun it'),
    new RunDirError('No run.json in x: pass a run directory'),
  ]) {
    const { lines, err } = collect();
    expect(
      runCommand(() => {
        throw error;
      }, err),
      error.name,
    ).toBe(2);
    expect(lines).toEqual([`error: ${error.message}`]);
    expect(lines[0]!.split('\n')).toHaveLength(1);
  }
});

test('a bug is thrown on with its own stack, sync or async, and nothing is printed as bad input', async () => {
  const bug = new TypeError("Cannot read properties of undefined (reading 'length')");
  const { lines, err } = collect();
  expect(() =>
    runCommand(() => {
      throw bug;
    }, err),
  ).toThrow(bug);
  await expect(runCommand(() => Promise.reject(bug), err)).rejects.toBe(bug);
  await expect(runCommand(() => Promise.reject(new MergeError('missing leg', 'rerun it')), err)).resolves.toBe(2);
  expect(lines).toEqual(['error: missing leg: rerun it.']);
});

test('in a process: bad input exits 2 with one line, a bug exits 1 with its stack', () => {
  const script = (thrown: string) => `
    import { runCommand } from ${JSON.stringify(path.join(ROOT, 'helpers/config/cli-args.ts'))};
    import { ReportError } from ${JSON.stringify(path.join(ROOT, 'report/errors/report-error.ts'))};
    void ReportError;
    process.exitCode = runCommand(() => { ${thrown} }, console.error);`;
  const run = (thrown: string) => spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script(thrown)], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  const bad = run("throw new ReportError('no Allure results at x', 'run the suite first');");
  expect(bad.status).toBe(2);
  expect(bad.stderr.trim().split('\n')).toEqual(['error: no Allure results at x: run the suite first']);
  const bug = run('const list = undefined; return list.length;');
  expect(bug.status).toBe(1);
  expect(bug.stderr).toContain('TypeError');
  expect(bug.stderr).toMatch(/\n\s+at /);
  expect(bug.stderr).not.toContain('error: ');
});

test('every command in bin/ goes through the one runner and decides no exit code of its own on an error', () => {
  const commands = fs.readdirSync(path.join(ROOT, 'bin')).filter((f) => f.endsWith('.ts'));
  expect(commands.sort()).toEqual(['audit.ts', 'compare.ts', 'javumbo-load.ts', 'merge.ts', 'report.ts', 'scan.ts', 'validate-user.ts']);
  for (const file of commands) {
    const source = fs.readFileSync(path.join(ROOT, 'bin', file), 'utf8');
    expect(source, file).toContain('runCommand(');
    // An exit code chosen in a catch is how a bug got disguised as bad input.
    expect(source, file).not.toMatch(/catch \([^)]*\) \{[^}]*return \d/);
    expect(source, file).not.toMatch(/isBadInput|failWithOneLine|process\.exit\(/);
  }
});
