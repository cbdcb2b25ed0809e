import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { PLAN_LIMITS } from '../../db/decision/thresholds.ts';
import { writeJudged } from './support/saved-run.ts';
import { launchChromium } from './report-browser.ts';
import { fakeFaultyVerdict, fakePlanHistory, fakeRunInfo, fakeVerdict } from './report-fake-run.ts';

const DELIVERABLES = ['api_request_log.jsonl', 'integrity_violations.json', 'performance_metrics.json', 'report.html', 'server_logs.txt', 'session_analysis.json', 'test_results_summary.json'];

let browser: Browser;
let runDir: string;

test.beforeAll(async () => {
  browser = await launchChromium();
});

test.beforeEach(() => {
  runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-run-'));
});

test.afterEach(() => {
  fs.rmSync(runDir, { recursive: true, force: true });
});

test.afterAll(async () => {
  await browser.close();
});

/** Opens the report offline: any request that leaves the file is recorded and refused. */
async function openReport(file: string): Promise<{ page: Page; external: string[]; pageErrors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const external: string[] = [];
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.route(/^(?!file:)/, async (route) => {
    external.push(route.request().url());
    await route.abort();
  });
  await page.goto(pathToFileURL(file).href);
  await expect(page.locator('body')).toHaveAttribute('data-charts-drawn', '5');
  return { page, external, pageErrors };
}

test('writes exactly the seven deliverables, and the verdict as given', () => {
  const serverLog = path.join(runDir, '..', `${path.basename(runDir)}-server.log`);
  fs.writeFileSync(serverLog, 'INFO app MainThread : User 7 (w01k7q) created card 1767225601001 in deck 1 (MyFirstDeck)\n');
  try {
    const verdict = fakeFaultyVerdict();
    const { summary, thresholds } = writeJudged({ runDir, runInfo: fakeRunInfo(), ops: fakePlanHistory(), verdict, limits: PLAN_LIMITS, serverLogPath: serverLog });
    expect(fs.readdirSync(runDir).sort()).toEqual(DELIVERABLES);
    expect(summary.passed).toBe(false);
    expect(thresholds.find((t) => t.name === 'integrity violations')?.passed).toBe(false);
    const written = JSON.parse(fs.readFileSync(path.join(runDir, 'integrity_violations.json'), 'utf8')) as typeof verdict;
    expect(written.countsByClass.misrouted).toBe(2);
    expect(fs.readFileSync(path.join(runDir, 'server_logs.txt'), 'utf8')).toContain('created card 1767225601001');
  } finally {
    fs.rmSync(serverLog, { force: true });
  }
});

test('says so in server_logs.txt when no server log is known', () => {
  writeJudged({ runDir, runInfo: fakeRunInfo({ serverLog: null }), ops: [], verdict: fakeVerdict(), limits: PLAN_LIMITS });
  expect(fs.readFileSync(path.join(runDir, 'server_logs.txt'), 'utf8')).toMatch(/^No server log was available for this run/);
});

test('report.html draws the five charts offline and escapes what the run handed it', async () => {
  const verdict = fakeFaultyVerdict();
  const evil = '<img src=x onerror="window.__injected=1">';
  verdict.violations.push({
    class: 'content-mismatch',
    message: `Card front became ${evil}`,
    opIds: [],
    sentAt: fakeRunInfo().epochMs + 280_000,
    cause: { kind: 'unknown', missing: 'not this test' },
  });
  verdict.countsByClass['content-mismatch'] = 1;
  writeJudged({ runDir, runInfo: fakeRunInfo({ faults: 'session-mixup,lost-write' }), ops: fakePlanHistory(), verdict, limits: PLAN_LIMITS });

  const { page, external, pageErrors } = await openReport(path.join(runDir, 'report.html'));
  for (const [id, heading] of [
    ['chart-latency', 'Latency distribution per endpoint'],
    ['chart-cards', 'Card creation rate over time'],
    ['chart-errors', 'Error rate by scenario'],
    ['chart-violations', 'Violation timeline'],
  ] as const) {
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
    const canvas = page.locator(`canvas#${id}`);
    await expect(canvas).toBeVisible();
    // Chart.js sizes the canvas to its box and paints on it: a blank canvas has no non-transparent pixel.
    const painted = await canvas.evaluate((el: HTMLCanvasElement) => {
      const ctx = el.getContext('2d');
      if (!ctx) return 0;
      const { data } = ctx.getImageData(0, 0, el.width, el.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
    expect(painted, `${id} is painted`).toBeGreaterThan(1_000);
  }
  await expect(page.locator('#verdict')).toContainText(evil);
  expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
  await expect(page.locator('#verdict img')).toHaveCount(0);
  await expect(page.locator('#thresholds')).toContainText('threshold broken: integrity violations 7 > 0');
  await expect(page.locator('#criteria')).toContainText('zero cross-user contamination');
  await expect(page.locator('header')).toContainText('FAILED');
  expect(external).toEqual([]);
  expect(pageErrors).toEqual([]);

  await test.info().attach('report.png', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  await page.close();
});

test('report.html of a run with no requests and no violations still draws its five charts', async () => {
  writeJudged({ runDir, runInfo: fakeRunInfo(), ops: [], verdict: fakeVerdict(), limits: PLAN_LIMITS });
  const { page, pageErrors } = await openReport(path.join(runDir, 'report.html'));
  // Nothing was measured, so nothing passed: the run is unknown, never a pass.
  await expect(page.locator('header')).toContainText('UNKNOWN');
  expect(pageErrors).toEqual([]);
  await page.close();
});
