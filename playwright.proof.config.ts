/**
 * The suite's own proof (`npm test`): unit tests of the checker and helpers, the
 * contract of the target, the target's fault switches, and the fault matrix.
 */
import { defineConfig } from '@playwright/test';
import { config } from './helpers/config/config.ts';
import { currentRun } from './helpers/run/current-run.ts';

const run = currentRun();

export default defineConfig({
  testDir: './tests',
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  globalSetup: './tests/support/proof-setup.ts',
  reporter: [[config.ci ? 'list' : 'line']],
  outputDir: `${run.dir}/test-output`,
  use: { trace: 'retain-on-failure' },
  projects: [
    { name: 'unit', testDir: './tests/unit', fullyParallel: true },
    { name: 'contract', testDir: './tests/contract', fullyParallel: true, use: { baseURL: undefined } },
    { name: 'target', testDir: './tests/target', timeout: 120_000 },
    // Each test here runs a whole load run in a child process: heavy, so scripts/test.sh runs these with --workers=1.
    { name: 'robustness', testDir: './tests/robustness', timeout: 180_000 },
    { name: 'faults', testDir: './tests/faults', timeout: 240_000 },
    // A short load run in a child process with its live dashboard open in Chromium.
    { name: 'dashboard', testDir: './tests/dashboard', timeout: 150_000 },
    // Inspects a finished load run (runs/latest, or RUN_TO_CHECK): scripts/test.sh runs it after the smoke run.
    { name: 'deliverables', testDir: './tests/deliverables', timeout: 120_000 },
  ],
});
