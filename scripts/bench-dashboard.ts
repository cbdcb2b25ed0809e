/**
 * `npx tsx scripts/bench-dashboard.ts <run dir>`: what the live dashboard costs the runner,
 * apart from everything else the runner does. A finished run's history and health samples are
 * replayed second by second on a simulated clock through the progress line's counters — once
 * for the line alone, once with the dashboard folding every record and serving one open page —
 * and the CPU time of each replay is compared (median of three). A load run on a busy machine
 * measures the machine as much as the runner; this measures the code the dashboard adds.
 */
import http from 'node:http';
import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { TestCase } from '@playwright/test/reporter';
import { config } from '../helpers/config/config.ts';
import { PROFILES } from '../helpers/config/profiles.ts';
import { readHistory } from '../helpers/history/reader.ts';
import { readRunInfo } from '../helpers/run/run-store.ts';
import { formatProgressLine, LiveCounters } from '../report/live-progress.ts';
import { LiveDashboard } from '../report/dashboard/live-dashboard.ts';
import { DASHBOARD_HOST } from '../report/dashboard/dashboard-server.ts';

const TICK_MS = 1_000;
const ROUNDS = 3;

const runDir = path.resolve(process.argv[2] ?? path.join(config.root, 'runs', 'latest'));
const info = readRunInfo(runDir);
const ops = [...readHistory(runDir).operations].sort((a, b) => a.returnedAt - b.returnedAt);
if (ops.length === 0) {
  console.error(`bench-dashboard: ${runDir} has no history to replay`);
  process.exit(2);
}
const vus = [...new Set(ops.map((o) => o.vu))];
const tests = [{ annotations: [{ type: 'vus', description: vus.join(' ') }] }] as unknown as TestCase[];
const firstMs = Math.floor(ops[0]!.sentAt / TICK_MS) * TICK_MS;
const lastMs = ops[ops.length - 1]!.returnedAt + TICK_MS;
const planned = { writers: vus.filter((v) => v.startsWith('w')).length, reviewers: vus.filter((v) => v.startsWith('r')).length };

/** One open page: a stream read and dropped, in this process, so its cost counts against the dashboard. */
function openPage(port: number): Promise<http.ClientRequest> {
  return new Promise((resolve) => {
    const req = http.get({ host: DASHBOARD_HOST, port, path: '/events' }, (res) => {
      res.on('data', () => undefined);
      resolve(req);
    });
  });
}

async function replay(withDashboard: boolean): Promise<number> {
  const counters = new LiveCounters();
  const dashboard = withDashboard
    ? new LiveDashboard({ port: 0, profile: PROFILES[info.profile] ?? config.profile, thresholds: config.thresholds, runDir: () => runDir, epochMs: () => info.epochMs, write: () => undefined })
    : null;
  const page = dashboard ? await openPage(await dashboard.start()) : null;
  dashboard?.begin(info.id, tests);
  const started = process.cpuUsage();
  let next = 0;
  for (let now = firstMs; now <= lastMs; now += TICK_MS) {
    const from = next;
    while (next < ops.length && ops[next]!.returnedAt <= now) next++;
    counters.ingest(ops.slice(from, next), dashboard ? (op) => dashboard.observe(op) : undefined);
    const snapshot = counters.snapshot(now, info.epochMs, planned, true);
    formatProgressLine(snapshot);
    dashboard?.tick(now, snapshot, counters.activeByScenario(now), now + TICK_MS > lastMs);
    // Let the stream's writes (and the page's reads) happen, as between the runner's ticks.
    await yieldToLoop();
  }
  await dashboard?.finish();
  page?.destroy();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const alone: number[] = [];
const withIt: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  alone.push(await replay(false));
  withIt.push(await replay(true));
}
const ticks = Math.round((lastMs - firstMs) / TICK_MS);
const extra = median(withIt) - median(alone);
console.log(`run ${info.id} (profile ${info.profile}): ${ops.length} records, ${ticks} ticks of ${TICK_MS} ms replayed`);
console.log(`progress line alone       ${median(alone).toFixed(1)} CPU-ms (${alone.map((x) => x.toFixed(1)).join(', ')})`);
console.log(`with the dashboard, 1 page ${median(withIt).toFixed(1)} CPU-ms (${withIt.map((x) => x.toFixed(1)).join(', ')})`);
console.log(`the dashboard adds        ${extra.toFixed(1)} CPU-ms over the run (${((extra * 1000) / ticks).toFixed(0)} µs per tick)`);
