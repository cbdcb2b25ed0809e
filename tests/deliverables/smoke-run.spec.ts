/**
 * Checks a finished load run (RUN_TO_CHECK, default runs/latest): every deliverable is
 * there and non-empty, report.html draws its charts in Chromium, and a later
 * `npm run audit` of the saved run reaches the verdict and the decision the run itself wrote.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, expect, chromium } from '@playwright/test';
import { requireChromium } from '../../helpers/browser/chromium.ts';
import { config } from '../../helpers/config/config.ts';
import { runPaths } from '../../helpers/run/run-dir.ts';
import type { Verdict } from '../../db/verdict.ts';
import type { TestResultsSummary } from '../../report/summary.ts';
import type { AuditJson } from '../../bin/audit.ts';

const root = path.resolve(import.meta.dirname, '../..');
const runDir = fs.realpathSync(config.runToCheck);
const paths = runPaths(runDir);

/** The audit judges every database of the smoke run again under tsx; on a loaded machine that takes a while. */
const AUDIT_BOUND_MS = 120_000;

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

test('npm run audit of the saved run reaches the verdict and the decision the run wrote, and exits with its code', () => {
  const written = JSON.parse(fs.readFileSync(paths.violations, 'utf8')) as Verdict;
  const summary = JSON.parse(fs.readFileSync(paths.summary, 'utf8')) as TestResultsSummary;
  const audit = spawnSync('npx', ['tsx', 'bin/audit.ts', runDir, '--json'], { cwd: root, encoding: 'utf8', timeout: AUDIT_BOUND_MS });
  const context = `npm run audit -- ${runDir} --json exited ${audit.status ?? audit.signal}; stderr:\n${audit.stderr}`;
  expect(audit.error, context).toBeUndefined();
  expect(() => JSON.parse(audit.stdout) as unknown, `${context}\nstdout is one JSON object:\n${audit.stdout}`).not.toThrow();
  const json = JSON.parse(audit.stdout) as AuditJson;
  expect(audit.status, context).toBe(json.exitCode);
  expect(json.result, 'the decision the run wrote in test_results_summary.json').toBe(summary.result);
  expect(json.verdict).toMatchObject({ ok: written.ok, valid: written.valid, violations: written.violations.length });
  expect(json.verdict.countsByClass).toEqual(written.countsByClass);
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
  const latency = summary.thresholds.filter((x) => x.unit === 'ms');
  expect(latency.filter((t) => t.passed === null).map((t) => t.line.replace(/:.*/, ''))).toEqual(
    latency.filter((t) => /^threshold not (judged|measured):/.test(t.line)).map((t) => t.line.replace(/:.*/, '')),
  );
  expect(fs.readFileSync(paths.reportHtml, 'utf8')).toContain('id="load-generator"');
});
