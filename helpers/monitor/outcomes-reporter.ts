/**
 * Records, as tests end, how many VU tests each project planned, passed and failed, in
 * `test_outcomes.json` of the run directory. Global teardown reads it to judge the
 * "all scenarios passed" criterion and to tell an interrupted run from a finished one
 * (teardown runs before reporters hear onEnd, so the file is kept current instead).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { currentRun } from '../run/current-run.ts';

export interface ProjectOutcome {
  planned: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Stopped by Ctrl-C or a global timeout before they could finish: the run is incomplete. */
  interrupted: number;
  failures: { title: string; error: string }[];
}

export interface TestOutcomes {
  projects: Record<string, ProjectOutcome>;
  status: 'running' | FullResult['status'];
}

export const OUTCOMES_FILE = 'test_outcomes.json';

export function readOutcomes(runDir: string): TestOutcomes | null {
  const file = path.join(runDir, OUTCOMES_FILE);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as TestOutcomes) : null;
}

export default class OutcomesReporter implements Reporter {
  private outcomes: TestOutcomes = { projects: {}, status: 'running' };
  // Resolved now, not from the config object: in Playwright's main process the run is
  // chosen by playwright.config.ts after the config module has already been read.
  private file = path.join(currentRun().dir, OUTCOMES_FILE);

  onBegin(_: unknown, suite: Suite): void {
    for (const test of suite.allTests()) this.project(test).planned++;
    this.save();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const p = this.project(test);
    if (result.status === 'passed') p.passed++;
    else if (result.status === 'skipped') p.skipped++;
    else if (result.status === 'interrupted') p.interrupted++;
    else {
      p.failed++;
      p.failures.push({ title: test.title, error: (result.error?.message ?? result.status).split('\n')[0]!.slice(0, 500) });
    }
    this.save();
  }

  onEnd(result: FullResult): void {
    this.outcomes.status = result.status;
    this.save();
  }

  printsToStdio(): boolean {
    return false;
  }

  private project(test: TestCase): ProjectOutcome {
    const name = test.parent.project()?.name ?? 'default';
    return (this.outcomes.projects[name] ??= { planned: 0, passed: 0, failed: 0, skipped: 0, interrupted: 0, failures: [] });
  }

  private save(): void {
    if (!fs.existsSync(path.dirname(this.file))) return;
    fs.writeFileSync(this.file, JSON.stringify(this.outcomes, null, 2) + '\n');
  }
}
