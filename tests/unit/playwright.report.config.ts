/**
 * Unit tests of the run's deliverables (report/): metrics, thresholds, redaction, the
 * HTML report in headless Chromium, the progress line and the Allure metadata.
 * `npx playwright test -c tests/unit/playwright.report.config.ts`
 */
import { defineConfig } from '@playwright/test';

/** The HTML test starts a browser and renders a 200 KB page; everything else is milliseconds. */
const REPORT_TEST_TIMEOUT_MS = 60_000;

export default defineConfig({
  testDir: '.',
  testMatch: 'report-*.spec.ts',
  timeout: REPORT_TEST_TIMEOUT_MS,
  fullyParallel: true,
  // Two cores are shared with other work on this machine.
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  outputDir: '../../test-results/unit-report',
});
