/**
 * `npm run bench -- [playwright args]`: one load run on the embedded target, then what the
 * load generator cost against the server it loaded, from the run's own health samples
 * (per process from /proc over the whole run): CPU-s of the runner, the browsers and the
 * server, their ratios, peak memory per kind and per VU, and the requests sent.
 * A benchmark, not a test: it prints numbers and exits 0 whenever the run reached a verdict.
 *
 *   npm run bench                                  # smoke profile, API projects
 *   PROFILE=plan npm run bench -- --project=writers --project=reviewers
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { runPaths } from '../helpers/run/run-dir.ts';
import type { TestResultsSummary } from '../report/summary.ts';
import { classifyProcesses } from '../helpers/monitor/cpu-sampler.ts';
import { readPssBytes, readProcesses } from '../helpers/monitor/proc-stat.ts';

const root = path.resolve(import.meta.dirname, '..');
const API_PROJECTS = ['--project=registration', '--project=writers', '--project=reviewers', '--project=sessions'];
const args = process.argv.slice(2);
const projectArgs = args.some((a) => a.startsWith('--project')) ? args : [...API_PROJECTS, ...args];
const env = { ...process.env, PROFILE: process.env.PROFILE ?? 'smoke', PROGRESS: 'false' };

/** How often the browsers' PSS is read: smaps_rollup walks every mapping, so not every second. */
const PSS_EVERY_MS = 3_000;

/**
 * Peak PSS of the run's Chromium processes, summed: RSS counts the pages a browser's
 * processes share once per process, PSS divides them among the sharers. Read here, in the
 * bench's own process, so the reads never stall the runner being measured.
 */
function sampleBrowserPss(rootPid: number, peak: { bytes: number }): void {
  const all = readProcesses();
  const kinds = classifyProcesses(all, rootPid, null);
  let bytes = 0;
  for (const [pid, kind] of kinds) if (kind === 'browser') bytes += readPssBytes(pid) ?? 0;
  peak.bytes = Math.max(peak.bytes, bytes);
}

const started = Date.now();
const child = spawn('npx', ['playwright', 'test', ...projectArgs], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
const browserPss = { bytes: 0 };
const pssTimer = setInterval(() => child.pid !== undefined && sampleBrowserPss(child.pid, browserPss), PSS_EVERY_MS);
const [exitCode, exitSignal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
clearInterval(pssTimer);
const wallS = Math.round((Date.now() - started) / 100) / 10;
const runDir = fs.realpathSync(path.join(root, 'runs', 'latest'));
const summaryFile = runPaths(runDir).summary;
if (!fs.existsSync(summaryFile)) {
  console.error(`bench: the run wrote no ${path.relative(root, summaryFile)} (exit ${exitCode ?? exitSignal}) — see its output above`);
  process.exit(2);
}
const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as TestResultsSummary;
if (Date.parse(summary.run.startedAt) < started - 1_000) {
  console.error(`bench: runs/latest is an earlier run (${summary.runId}); this one stopped before its run directory was made (exit ${exitCode ?? exitSignal})`);
  process.exit(2);
}
const g = summary.generator;
if (!g?.measured) {
  console.error('bench: the run has no health samples (not Linux?) — nothing to report');
  process.exit(2);
}
// Setup's signups are recorded under `registration`; they are not VUs of a worker.
const vus = summary.counts.scenarios.filter((s) => s.scenario !== 'registration').reduce((n, s) => n + s.vus, 0);
const browserVus = summary.counts.scenarios.filter((s) => s.scenario.startsWith('browser')).reduce((n, s) => n + s.vus, 0);
const perVu = (mib: number | null, n: number): string => (mib === null || n === 0 ? '–' : `${Math.round(mib / n)} MiB`);
const requests = summary.counts.operations;
const msPerRequest = (cpuS: number | null): string => (cpuS === null || requests === 0 ? '–' : `${Math.round((cpuS * 1000) / requests)} ms`);
const pssMiB = Math.round(browserPss.bytes / 2 ** 20);
const rows: [string, string][] = [
  ['run', `${summary.runId} (profile ${summary.run.profile}, ${projectArgs.join(' ')})`],
  ['wall', `${wallS} s`],
  ['requests sent', String(requests)],
  ['VUs that sent requests', `${vus} (${browserVus} in browsers)`],
  ['runner CPU (Playwright runner + workers)', `${g.cpuSeconds.runner} CPU-s (${msPerRequest(g.cpuSeconds.runner)} per request)`],
  ['browser CPU', `${g.cpuSeconds.browser} CPU-s`],
  ['server CPU', `${g.cpuSeconds.server ?? 'unknown'} CPU-s (${msPerRequest(g.cpuSeconds.server)} per request)`],
  ['runner ÷ server', String(g.ratios.runnerToServer ?? '–')],
  ['(runner + browser) ÷ server', String(g.ratios.generatorToServer ?? '–')],
  ['peak RSS runner / browser / server', `${g.peakRssMiB.runner} / ${g.peakRssMiB.browser} / ${g.peakRssMiB.server ?? '–'} MiB`],
  ['peak RSS per API VU (runner ÷ API VUs)', perVu(g.peakRssMiB.runner, vus - browserVus)],
  ['peak RSS per browser VU (browsers ÷ browser VUs)', perVu(g.peakRssMiB.browser, browserVus)],
  ['peak PSS browsers (sampled every 3 s)', browserVus ? `${pssMiB} MiB (${perVu(pssMiB, browserVus)} per browser VU)` : '–'],
  ['peak processes runner / browser / server', `${g.peakProcesses.runner} / ${g.peakProcesses.browser} / ${g.peakProcesses.server}`],
  ['generator', g.line.replace(/^load generator: /, '')],
];
const width = Math.max(...rows.map(([k]) => k.length));
console.log(`\n${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}`);
fs.writeFileSync(
  path.join(runDir, 'bench.json'),
  `${JSON.stringify({ wallS, projects: projectArgs, requests, vus, browserVus, peakBrowserPssMiB: browserVus ? pssMiB : null, generator: g }, null, 2)}\n`,
);
console.log(`\nbench: written to ${path.relative(root, path.join(runDir, 'bench.json'))}`);
