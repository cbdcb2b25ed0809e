/**
 * Tests of the embedded target itself (process model, isolation between users, each
 * fault switch). Each test starts its own target, so no global setup is needed:
 * `npx playwright test -c tests/target/playwright.target.config.ts`
 */
import { defineConfig } from '@playwright/test';

/** A test boots a 1–3 worker target under tsx (a few seconds) and waits for whole seconds between adds. */
const TARGET_TEST_TIMEOUT_MS = 120_000;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: TARGET_TEST_TIMEOUT_MS,
  fullyParallel: true,
  // Every test starts a target of 2–4 processes: two tests at a time keep a small CI runner responsive.
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: { trace: 'retain-on-failure' },
  outputDir: '../../test-results/target',
});
