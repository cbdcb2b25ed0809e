/**
 * A saved run is an archive: `npm run report -- --input` on a run an older version of the suite
 * wrote (tests/unit/fixtures/older-run, whose summary has no format, result or known findings)
 * judges it again from its history and databases, or refuses in one line naming its format.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { main as report } from '../../bin/report.ts';
import { DELIVERABLES_FORMAT } from '../../report/summary.ts';
import { runMain } from './support/command-runner.ts';
import { copyRealSample } from './support/contaminated-sample.ts';

const OLDER_RUN = path.resolve(import.meta.dirname, 'fixtures', 'older-run');

/** The fixture copied to `dir`, with the sample's databases beside it or not. */
function olderRun(dir: string, { databases }: { databases: boolean }): string {
  fs.cpSync(OLDER_RUN, dir, { recursive: true });
  if (databases) copyRealSample(path.join(dir, 'database_snapshots'));
  return dir;
}

test('report --input on a run an older suite saved judges it again from its history and databases', () => {
  const runDir = olderRun(test.info().outputPath('runs', 'older'), { databases: true });
  const before = fs.readdirSync(runDir).sort();
  const output = test.info().outputPath('older.html');
  const result = runMain(report, ['--input', runDir, '--output', output]);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  expect(result.out).toContain(`judged again from its history and databases: saved by an older suite (deliverables format 1, this suite writes format ${DELIVERABLES_FORMAT})`);
  const html = fs.readFileSync(output, 'utf8');
  expect(html).toContain('20261130-120000-old');
  expect(html).toContain('no misrouted violations in 3 users and 329 cards');
  expect(fs.readdirSync(runDir).sort()).toEqual(before);
});

test('report --input on an older run without its databases is refused in one line naming its format, exit 2', () => {
  const runDir = olderRun(test.info().outputPath('runs', 'older-bare'), { databases: false });
  const result = runMain(report, ['--input', runDir, '--output', test.info().outputPath('bare.html')]);
  expect(result.code).toBe(2);
  expect(result.err).toContain(`was saved by an older version of the suite (deliverables format 1, this suite writes format ${DELIVERABLES_FORMAT}) and its databases are not beside it`);
  expect(result.err.split('\n')).toHaveLength(1);
  expect(fs.existsSync(test.info().outputPath('bare.html'))).toBe(false);
});
