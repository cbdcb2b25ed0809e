/**
 * The load run: one Playwright project per scenario, one test per virtual user.
 * `npx playwright test` runs the whole profile (plan by default) against the embedded
 * target; `--project=writers` runs one scenario with the same setup and audit.
 */
import { defineConfig } from '@playwright/test';
import { config } from './helpers/config/config.ts';
import { currentRun } from './helpers/run/current-run.ts';
import { runPaths } from './helpers/run/run-dir.ts';
import { buildSchedule, vuLanes, type Scenario } from './helpers/vu/schedule.ts';
import { failWithOneLine } from './helpers/config/fail.ts';
import { chromiumLaunchOptions } from './helpers/browser/chromium.ts';
import { browserVideoMode } from './helpers/browser/video.ts';

const run = (() => {
  try {
    return currentRun();
  } catch (e) {
    return failWithOneLine(e);
  }
})();
const schedule = buildSchedule(config.profile);

/** Longest a VU of the scenario can need: its start offset, its budget, plus login and the card audit. */
const VU_GRACE_MS = 60_000;
function timeoutFor(scenario: Scenario): number {
  const vus = schedule.filter((v) => v.scenario === scenario);
  return Math.max(VU_GRACE_MS, ...vus.map((v) => v.startOffsetMs + v.budgetMs + VU_GRACE_MS));
}

/**
 * Every test needs a worker of its own, or a later stage would wait for an earlier test to
 * finish: one per lane of API VUs, one per session or browser VU, one for registration.
 */
const WORKERS = vuLanes(schedule, config.vusPerWorker).length + 1;

/** Browser VUs: each test owns a BrowserContext of a Chromium found on this machine. */
function browserProjects() {
  const launchOptions = chromiumLaunchOptions(config.slowMoMs) ?? undefined;
  const use = { browserName: 'chromium' as const, launchOptions, video: browserVideoMode(), locale: 'pt-BR' };
  return [
    { name: 'browser-registration', testMatch: 'browser-registration.spec.ts', timeout: VU_GRACE_MS, use },
    { name: 'browser-writers', testMatch: 'browser-writers.spec.ts', timeout: timeoutFor('browser-writers'), use },
    { name: 'browser-reviewers', testMatch: 'browser-reviewers.spec.ts', timeout: timeoutFor('browser-reviewers'), use },
  ];
}

export default defineConfig({
  testDir: './tests/load',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: WORKERS,
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  reporter: [
    // The progress line redraws itself on a terminal, so the per-test reporter there is 'dot';
    // in CI (no TTY) progress prints every 10 s and 'list' names each test.
    [config.ci || !process.stdout.isTTY ? 'list' : 'dot'],
    // The live line, and the live web dashboard (DASHBOARD, DASHBOARD_PORT) fed by the same counters.
    ['./report/progress-reporter.ts', { dashboard: config.dashboard }],
    ['./helpers/monitor/health-reporter.ts'],
    ['./helpers/monitor/outcomes-reporter.ts'],
    ['allure-playwright', { resultsDir: runPaths(run.dir).allureResults, detail: true, suiteTitle: true }],
    // A leg of a distributed run (RUN_ID) keeps Playwright's blob report for `npx playwright merge-reports`.
    ...(config.runId ? [['blob', { outputDir: runPaths(run.dir).blobReport }] as const] : []),
  ],
  use: {
    // A trace costs a lane worker about a fifth of its CPU (every API call and its body
    // appended to the trace files) and a lane's trace mixes all of its VUs: kept when one
    // VU is debugged (`VU=w03`), off for many; `--trace retain-on-failure` turns it on.
    trace: config.onlyVus.length > 0 ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
  },
  outputDir: `${run.dir}/test-output`,
  projects: [
    // Three quick checks of the registered pool: one worker runs them in turn (a worker costs ~2 CPU-s to boot).
    { name: 'registration', testMatch: 'registration.spec.ts', timeout: VU_GRACE_MS, fullyParallel: false },
    { name: 'writers', testMatch: 'writers.spec.ts', timeout: timeoutFor('writers') },
    { name: 'reviewers', testMatch: 'reviewers.spec.ts', timeout: timeoutFor('reviewers') },
    { name: 'sessions', testMatch: /sessions\.spec\.ts/, timeout: timeoutFor('sessions') },
    ...browserProjects(),
  ],
});
