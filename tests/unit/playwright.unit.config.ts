/**
 * Unit tests of the checker, readers and log parser: plain functions over crafted SQLite
 * files, no target and no browser. `npx playwright test -c tests/unit/playwright.unit.config.ts`
 */
import { defineConfig } from '@playwright/test';

/** Each test builds a few small databases; a slow one means a regression in the checker. */
const UNIT_TEST_TIMEOUT_MS = 30_000;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: UNIT_TEST_TIMEOUT_MS,
  fullyParallel: true,
  // Two cores are shared with other work on this machine.
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  outputDir: '../../test-results/unit',
});
