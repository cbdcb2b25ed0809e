/**
 * Checks a finished load run (RUN_TO_CHECK, default runs/latest): every deliverable is
 * there and non-empty, report.html draws its five charts in Chromium, and a later
 * `npm run audit` of the saved run reaches the verdict the run itself wrote.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, expect, chromium } from '@playwright/test';
import { requireChromium } from '../../helpers/browser/chromium.ts';
import { config } from '../../helpers/config/config.ts';
import { runPaths } from '../../helpers/run/run-dir.ts';
import type { Verdict } from '../../db/verdict.ts';
import type { TestResultsSummary } from '../../report/summary.ts';

const root = path.resolve(import.meta.dirname, '../..');
const runDir = fs.realpathSync(config.runToCheck);
const paths = runPaths(runDir);

const DELIVERABLES = [paths.summary, paths.violations, paths.performance, paths.sessions, paths.requestLog, paths.serverLogs, paths.reportHtml];

test('every deliverable of the run is present and non-empty', () => {
  for (const file of DELIVERABLES) {
    expect(fs.existsSync(file), `${file} exists`).toBe(true);
    expect(fs.statSync(file).size, `${file} is not empty`).toBeGreaterThan(0);
  }
  const snapshots = path.join(paths.snapshots, 'user_dbs');
  expect(fs.readdirSync(snapshots).filter((f) => f.endsWith('.db')).length, 'user database snapshots').toBeGreaterThan(0);
  expect(fs.existsSync(path.join(paths.snapshots, 'admin.db')), 'admin.db snapshot').toBe(true);
  expect(
    fs.readdirSync(paths.allureResults).some((f) => f.endsWith('-result.json')),
    'Allure results',
  ).toBe(true);
});

test('report.html draws all five charts', async () => {
  const browser = await chromium.launch(requireChromium());
  try {
    const page = await browser.newPage();
    await page.goto(`file://${paths.reportHtml}`);
    await expect(page.locator('body')).toHaveAttribute('data-charts-drawn', '5');
    await expect(page.locator('canvas')).toHaveCount(5);
  } finally {
    await browser.close();
  }
});

test('npm run audit of the saved run reaches the verdict the run wrote', () => {
  const written = JSON.parse(fs.readFileSync(paths.violations, 'utf8')) as Verdict;
  let out = '';
  try {
    out = execFileSync('npx', ['tsx', 'bin/audit.ts', runDir], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  } catch (e) {
    // Exit 1 means "violations found": the verdict is still printed.
    out = String((e as { stdout?: string }).stdout ?? '');
  }
  const verdictLine = written.ok ? 'PASS' : 'FAIL';
  expect(out).toContain(verdictLine);
  for (const [cls, count] of Object.entries(written.countsByClass)) expect(out).toContain(`${cls} ${count}`);
});

test('the load generator measured itself: every worker’s event loop, the CPU of runner, browsers and server', () => {
  const summary = JSON.parse(fs.readFileSync(paths.summary, 'utf8')) as TestResultsSummary;
  const health = summary.generator;
  expect(health, 'summary.generator').not.toBeNull();
  expect(health!.measured).toBe(true);
  // The runner samples itself and each Playwright worker samples its own loop.
  expect(health!.samples.processesSampled, 'processes whose event loop was sampled').toBeGreaterThan(1);
  expect(health!.samples.cpu, 'CPU samples (one a second)').toBeGreaterThan(10);
  expect(health!.cpuSeconds.runner, 'runner CPU-s').toBeGreaterThan(0);
  expect(health!.cpuSeconds.server, 'embedded server CPU-s').toBeGreaterThan(0);
  expect(health!.line).toMatch(/^load generator: (not saturated|SATURATED)/);
  // A latency threshold is judged on the requests the generator did not distort, or says it could not be.
  for (const t of summary.thresholds.filter((x) => x.unit === 'ms')) {
    expect(t.passed === null ? t.line.startsWith('threshold not judged:') : !t.line.startsWith('threshold not judged:'), t.line).toBe(true);
  }
  expect(fs.readFileSync(paths.reportHtml, 'utf8')).toContain('id="load-generator"');
});
