/**
 * The live dashboard in a real browser (issue 23): a short load run in a child process with
 * the dashboard on and the lost-write switch of the embedded target firing, its page open in
 * Chromium while the run goes. The header's numbers must grow, every chart must receive
 * points, the per-VU audit's lost card must appear before the run ends, and the verdict at
 * the end — while the run exits without waiting for the page. Then the refusals: a taken
 * port stops the run with one line, and CI leaves the dashboard off unless asked.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import { loadConfig } from '../../helpers/config/config.ts';
import { requireChromium } from '../../helpers/browser/chromium.ts';
import { EXIT_BAD_INPUT } from '../../helpers/config/fail.ts';
import { outputTail, runChild, type ChildRunResult } from '../faults/support/child-run.ts';

/** A fault-profile run of the writers takes 30–60 s on the shared 2-core machine. */
const RUN_BOUND_MS = 110_000;
/** Boot, config and global setup until the reporter prints the address. */
const ADDRESS_BOUND_MS = 30_000;
/** A refused run stops while Playwright reads its config. */
const REFUSAL_BOUND_MS = 45_000;
const ADDRESS = /Dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/;

/** Chart ids of the page whose datasets must have received points. */
const CHARTS = ['chart-ramp', 'chart-rps', 'chart-errors', 'chart-health'] as const;

interface PageChart {
  data: { datasets: { label: string; data: unknown[] }[] };
}

/** Points of a chart of the page, over all its datasets (Chart.js's own registry). */
function pointsOf(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const { Chart } = window as unknown as { Chart: { getChart(el: Element): PageChart | undefined } };
    const canvas = document.querySelector(sel);
    const chart = canvas ? Chart.getChart(canvas) : undefined;
    return chart ? chart.data.datasets.reduce((n, d) => n + d.data.length, 0) : 0;
  }, selector);
}

const numberIn = async (page: Page, testId: string): Promise<number> => Number.parseInt((await page.getByTestId(testId).textContent()) ?? '', 10) || 0;

function childOutput(runsDir: string): string {
  const file = path.join(runsDir, 'child-output.log');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

test('a run’s dashboard shows the load live, the audit’s violation as found, and the verdict at the end', async ({}, testInfo) => {
  const runsDir = testInfo.outputPath('runs');
  let finished: ChildRunResult | null = null;
  const run = runChild({
    faults: 'lost-write:0.2',
    faultSeed: 7,
    runsDir,
    requestTimeoutMs: 10_000,
    timeoutMs: RUN_BOUND_MS,
    projects: ['writers'],
    extraEnv: { DASHBOARD: 'true', DASHBOARD_PORT: '0' },
  }).then((r) => (finished = r));
  const browser = await chromium.launch(requireChromium());
  try {
    const url = await test.step('the run prints the address once', async () => {
      await expect.poll(() => ADDRESS.test(childOutput(runsDir)) || finished !== null, { timeout: ADDRESS_BOUND_MS }).toBe(true);
      const output = childOutput(runsDir);
      expect(output.match(new RegExp(ADDRESS.source, 'g')), `the address, once:\n${output.slice(0, 2000)}`).toHaveLength(1);
      return ADDRESS.exec(output)![1]!;
    });

    const page = await browser.newPage();
    // Whether the run was still going when the lost card first showed, read in the page itself when
    // the row is inserted: the frames arrive in the order the run sent them, so a row inserted
    // before the verdict was sent before the teardown ended. A clock of the test process would
    // race the browser's rendering on a loaded machine.
    await page.addInitScript(() => {
      const w = window as unknown as { lostSeenWithVerdict?: boolean };
      new MutationObserver(() => {
        if (w.lostSeenWithVerdict !== undefined || !document.querySelector('[data-testid="violations"] tr[data-class="lost"]')) return;
        w.lostSeenWithVerdict = document.getElementById('verdict-word')?.hasAttribute('data-result') ?? false;
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(url);
    const lostSeenWithVerdict = (): Promise<boolean | null> => page.evaluate(() => (window as unknown as { lostSeenWithVerdict?: boolean }).lostSeenWithVerdict ?? null);

    await test.step('the header’s numbers grow', async () => {
      await expect(page.getByTestId('dash-stream')).toHaveText('live');
      const time = await numberIn(page, 'dash-time');
      // The clock starts when global setup has fixed the run epoch; the page may be open before.
      await expect.poll(() => numberIn(page, 'dash-time'), { timeout: RUN_BOUND_MS }).toBeGreaterThan(time);
      await expect.poll(() => numberIn(page, 'dash-cards'), { timeout: RUN_BOUND_MS }).toBeGreaterThan(0);
      const cards = await numberIn(page, 'dash-cards');
      await expect.poll(() => numberIn(page, 'dash-cards'), { timeout: RUN_BOUND_MS }).toBeGreaterThan(cards);
      await expect(page.getByTestId('dash-writers')).toHaveText(/^\d+\/3$/);
    });

    await test.step('every chart receives points', async () => {
      for (const id of CHARTS) await expect.poll(() => pointsOf(page, `#${id}`), { message: id, timeout: RUN_BOUND_MS }).toBeGreaterThan(0);
      await expect.poll(() => pointsOf(page, 'canvas[data-endpoint="POST /add_card"]'), { timeout: RUN_BOUND_MS }).toBeGreaterThan(0);
    });

    await test.step('a page opened late catches up on the run so far', async () => {
      const seen = await pointsOf(page, '#chart-ramp');
      const late = await browser.newPage();
      await late.goto(url);
      await expect.poll(() => pointsOf(late, '#chart-ramp')).toBeGreaterThanOrEqual(seen);
      await expect.poll(() => pointsOf(late, 'canvas[data-endpoint="POST /add_card"]')).toBeGreaterThan(0);
      await late.close();
    });

    await test.step('the lost card appears while the run still goes', async () => {
      const lost = page.getByTestId('violations').locator('tr[data-class="lost"]').first();
      await expect(lost).toBeVisible({ timeout: RUN_BOUND_MS });
      expect(await lostSeenWithVerdict(), 'the lost card showed before the verdict (a VU’s own audit found it, not the teardown)').toBe(false);
      await expect(lost).toContainText(/w0\d/);
      await expect(lost).toContainText('write-not-kept');
      await expect.poll(() => numberIn(page, 'cards-audited')).toBeGreaterThan(0);
      await expect(page.getByTestId('dash-integrity')).toHaveText('✗ violated');
    });

    await test.step('the verdict appears at the end, and the run does not wait for the page', async () => {
      await expect(page.getByTestId('verdict-word')).toHaveAttribute('data-result', 'failed', { timeout: RUN_BOUND_MS });
      await expect(page.getByTestId('verdict-word')).toHaveText('FAILED');
      await expect(page.getByTestId('verdict')).toContainText('no lost cards');
      await expect(page.getByTestId('report-link')).toHaveAttribute('href', '/report.html');
      await page.screenshot({ path: testInfo.outputPath('dashboard.png'), fullPage: true });
      // The page stays open: the run's process ends anyway.
      const result = await run;
      expect(result.timedOut, outputTail(result)).toBe(false);
      expect(result.exitCode, outputTail(result)).toBe(1);
      await expect(page.getByTestId('dash-stream')).toHaveText('run ended');
    });
  } finally {
    await browser.close();
    await run;
  }
});

test('a taken port stops the run with one line naming the fix', async ({}, testInfo) => {
  const taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as net.AddressInfo).port;
  try {
    const runsDir = testInfo.outputPath('runs');
    const result = await runChild({
      faults: null,
      faultSeed: 1,
      runsDir,
      requestTimeoutMs: 10_000,
      timeoutMs: REFUSAL_BOUND_MS,
      projects: ['writers'],
      extraEnv: { DASHBOARD: 'true', DASHBOARD_PORT: String(port) },
    });
    expect(result.exitCode, outputTail(result)).toBe(EXIT_BAD_INPUT);
    const errors = childOutput(runsDir)
      .split('\n')
      .filter((l) => l.startsWith('error: '));
    expect(errors).toEqual([`error: DASHBOARD_PORT: port ${port} on 127.0.0.1 is taken — set DASHBOARD_PORT to a free port (0 picks one), or DASHBOARD=false to run without the dashboard`]);
  } finally {
    taken.close();
  }
});

test('the dashboard is on by default, off under CI unless asked for, and its port is checked', () => {
  expect(loadConfig({}).dashboard).toEqual({ enabled: true, port: 0 });
  expect(loadConfig({ CI: 'true' }).dashboard.enabled).toBe(false);
  expect(loadConfig({ CI: 'true', DASHBOARD: 'true', DASHBOARD_PORT: '5665' }).dashboard).toEqual({ enabled: true, port: 5665 });
  expect(loadConfig({ DASHBOARD: 'false' }).dashboard.enabled).toBe(false);
  expect(() => loadConfig({ DASHBOARD_PORT: '70000' })).toThrow(/DASHBOARD_PORT/);
});
