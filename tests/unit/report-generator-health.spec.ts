/**
 * The load generator's health: saturation is found from either signal, a busy machine whose
 * CPU goes to the server is not the generator's excuse, and latency thresholds are judged
 * only on requests the generator did not distort — with a slow server still failing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { CpuSample, HealthRecords, LoopSample } from '../../helpers/monitor/health-samples.ts';
import { readHealthSamples } from '../../helpers/monitor/health-samples.ts';
import { startLoopDelaySampler } from '../../helpers/monitor/loop-delay-sampler.ts';
import { parseProcessStat, readProcesses, type ProcessCpu } from '../../helpers/monitor/proc-stat.ts';
import { classifyProcesses, CpuSampler, serverTicksNow } from '../../helpers/monitor/cpu-sampler.ts';
import { judgeGeneratorHealth, saturationTest, signupWindowNotJudged, signupWindowServerBound } from '../../db/decision/generator-health.ts';
import { computePerformance } from '../../db/decision/performance.ts';
import { evaluateThresholds, PLAN_LIMITS } from '../../db/decision/thresholds.ts';
import { EPOCH_MS, fakeRunInfo, fakeVerdict, op } from './report-fake-run.ts';

const T0 = EPOCH_MS;

/**
 * A second-by-second CPU trace: each entry is [machine busy fraction, generator share of the
 * busy time, server share (the rest of the busy time unless given; anything left is other work)].
 */
function cpuTrace(seconds: [busy: number, generatorShare: number, serverShare?: number][]): CpuSample[] {
  const out: CpuSample[] = [];
  let total = 0;
  let busy = 0;
  let generator = 0;
  let server = 0;
  const push = (t: number): void => {
    out.push({
      kind: 'cpu',
      t,
      cores: 2,
      machineTotalTicks: total,
      machineBusyTicks: busy,
      ticks: { runner: generator, browser: 0, server },
      rssBytes: { runner: 100 * 2 ** 20, browser: 0, server: 50 * 2 ** 20 },
      processes: { runner: 3, browser: 0, server: 4 },
    });
  };
  push(T0);
  seconds.forEach(([b, share, serverShare = 1 - share], i) => {
    total += 200; // two cores, 100 ticks a second each
    busy += 200 * b;
    generator += 200 * b * share;
    server += 200 * b * serverShare;
    push(T0 + (i + 1) * 1_000);
  });
  return out;
}

const loopSample = (tSec: number, p99Ms: number, pid = 4242): LoopSample => ({ kind: 'loop', t: T0 + tSec * 1_000, pid, role: 'worker', p99Ms, maxMs: p99Ms + 5 });
const records = (cpu: CpuSample[], loop: LoopSample[] = []): HealthRecords => ({ cpu, loop, malformed: 0 });

test('a worker whose event loop ran 100 ms late makes that second saturated, naming the worker', () => {
  const health = judgeGeneratorHealth(
    records(
      cpuTrace([
        [0.3, 0.5],
        [0.3, 0.5],
        [0.3, 0.5],
      ]),
      [loopSample(1, 20), loopSample(2, 340), loopSample(3, 30)],
    ),
    [],
  );
  expect(health.saturated.windows).toEqual([{ startMs: T0 + 1_000, endMs: T0 + 2_000, pid: 4242, reasons: ['event-loop p99 340 ms in worker 4242'] }]);
  expect(health.line).toContain('SATURATED 1 s in 1 window(s)');
});

test('a loop at 100 ms exactly and a calm machine are not saturated', () => {
  const health = judgeGeneratorHealth(
    records(
      cpuTrace([
        [0.5, 0.9],
        [0.5, 0.9],
      ]),
      [loopSample(1, 100), loopSample(2, 99)],
    ),
    [],
  );
  expect(health.saturated.windows).toEqual([]);
  expect(health.line).toMatch(/^load generator: not saturated/);
});

test('CPU above 90 % for 5 s, mostly the generator, is saturated; 4 s is not', () => {
  const hot: [number, number][] = [
    [0.95, 0.7],
    [0.97, 0.7],
    [0.99, 0.7],
    [0.96, 0.7],
    [0.95, 0.7],
  ];
  const five = judgeGeneratorHealth(records(cpuTrace([[0.2, 0.5], ...hot, [0.2, 0.5]])), []);
  expect(five.saturated.windows).toHaveLength(1);
  expect(five.saturated.windows[0]).toMatchObject({ startMs: T0 + 1_000, endMs: T0 + 6_000 });
  expect(five.saturated.windows[0]!.reasons[0]).toMatch(/^machine CPU 96 % for 5 s, 70 % of it the load generator$/);
  const four = judgeGeneratorHealth(records(cpuTrace([[0.2, 0.5], ...hot.slice(1), [0.2, 0.5]])), []);
  expect(four.saturated.windows).toEqual([]);
});

test('a machine kept busy by the server is the server’s load, not the generator’s excuse: reported as server CPU-bound', () => {
  const serverBound = judgeGeneratorHealth(records(cpuTrace(Array.from({ length: 10 }, (): [number, number] => [0.99, 0.2]))), []);
  expect(serverBound.saturated.windows).toEqual([]);
  expect(serverBound.serverBound.seconds).toBe(10);
  expect(serverBound.serverBound.windows[0]!.reasons).toEqual(['machine CPU 99 % for 10 s, 80 % of it the server']);
  expect(serverBound.line).toContain('not saturated; server CPU-bound 10 s');
  expect(serverBound.ratios.runnerToServer).toBe(0.25);
});

test('a machine kept busy by other work (another test run), the server holding less than half, is saturated, not judged', () => {
  // 99 % busy for 6 s: the generator 30 %, the server 20 %, other work on the machine the other 50 %.
  const shared = judgeGeneratorHealth(records(cpuTrace(Array.from({ length: 6 }, (): [number, number, number] => [0.99, 0.3, 0.2]))), []);
  expect(shared.saturated.windows).toHaveLength(1);
  expect(shared.saturated.windows[0]).toMatchObject({ startMs: T0, endMs: T0 + 6_000 });
  expect(shared.saturated.windows[0]!.reasons).toEqual(['machine CPU 99 % for 6 s, 80 % of it not the server (the load generator and other work on the machine)']);
  expect(shared.serverBound.windows).toEqual([]);
  // The server holding most of the same busy machine: its own capacity, judged.
  const server = judgeGeneratorHealth(records(cpuTrace(Array.from({ length: 6 }, (): [number, number, number] => [0.99, 0.3, 0.6]))), []);
  expect(server.saturated.windows).toEqual([]);
});

test('a late event loop distorts only the requests its own process timed', () => {
  const late = [{ startMs: 1_000, endMs: 2_000, pid: 11, reasons: [] }];
  const inWindow = saturationTest(late);
  expect(inWindow({ sentAt: 1_500, returnedAt: 1_600, clientPid: 11 })).toBe(true);
  expect(inWindow({ sentAt: 1_500, returnedAt: 1_600, clientPid: 12 })).toBe(false);
  // Recorded without its process (a history from before clientPid): any late loop counts.
  expect(inWindow({ sentAt: 1_500, returnedAt: 1_600 })).toBe(true);
  // A machine-wide window counts for every process.
  expect(saturationTest([...late, { startMs: 5_000, endMs: 6_000, reasons: [] }])({ sentAt: 5_500, returnedAt: 5_600, clientPid: 12 })).toBe(true);
});

test('CPU seconds, ratios and peak memory per kind come from the whole run', () => {
  const health = judgeGeneratorHealth(
    records(
      cpuTrace([
        [0.5, 0.25],
        [0.5, 0.25],
      ]),
    ),
    [],
  );
  expect(health.cpuSeconds).toEqual({ runner: 0.5, browser: 0, server: 1.5, machineBusy: 2 });
  expect(health.ratios).toEqual({ runnerToServer: 0.33, generatorToServer: 0.33 });
  expect(health.peakRssMiB).toEqual({ runner: 100, browser: 0, server: 50 });
});

test('a run without samples says health was not measured and judges every request', () => {
  const health = judgeGeneratorHealth(records([]), [op({ vu: 'w01', sentAt: T0, latencyMs: 10 })]);
  expect(health.measured).toBe(false);
  expect(health.line).toBe('load generator: not measured (no health samples in this run)');
  expect(health.requests.sentWhileSaturated).toBe(0);
});

test('a request sent or answered inside a saturated window is caught; one that only waited through it is not', () => {
  const inWindow = saturationTest([
    { startMs: 1_000, endMs: 2_000, reasons: [] },
    { startMs: 5_000, endMs: 6_000, reasons: [] },
  ]);
  expect(inWindow({ sentAt: 500, returnedAt: 1_000 })).toBe(true);
  expect(inWindow({ sentAt: 1_900, returnedAt: 2_500 })).toBe(true);
  expect(inWindow({ sentAt: 2_001, returnedAt: 4_999 })).toBe(false);
  // Sent before and answered after the window: its two stamps are the generator's, on time.
  expect(inWindow({ sentAt: 3_000, returnedAt: 7_000 })).toBe(false);
  expect(inWindow({ sentAt: 6_001, returnedAt: 9_000 })).toBe(false);
  expect(saturationTest([])({ sentAt: 0, returnedAt: 1 })).toBe(false);
});

/** Adds of the given latencies, one every 2 s from the epoch. */
const adds = (latencies: number[]) => latencies.map((ms, i) => op({ vu: 'w01', sentAt: T0 + i * 2_000, latencyMs: ms, seq: i }));

test('latency in flight during saturation is left out: the rest is judged and the line says how many', () => {
  const ops = adds([40, 2_400, 60]); // the slow one sent at 2 s, inside the window
  const windows = [{ startMs: T0 + 1_500, endMs: T0 + 3_000, reasons: ['event-loop p99 900 ms in worker 1'] }];
  const [add] = evaluateThresholds(computePerformance(ops, fakeRunInfo(), saturationTest(windows)), fakeVerdict(), PLAN_LIMITS);
  expect(add).toMatchObject({ passed: true, measured: 50 });
  expect(add!.line).toBe('threshold met: average POST /add_card 50 ms < 500 ms (judged on 2 of 3 requests; 1 in flight while the load generator was saturated left out)');
});

test('a slow server with a healthy generator still breaks the threshold (negative control)', () => {
  const ops = adds([900, 1_000, 1_100]);
  const windows = [{ startMs: T0 + 100_000, endMs: T0 + 101_000, reasons: ['elsewhere'] }];
  const [add] = evaluateThresholds(computePerformance(ops, fakeRunInfo(), saturationTest(windows)), fakeVerdict(), PLAN_LIMITS);
  expect(add).toMatchObject({ passed: false, measured: 1_000 });
});

test('when every request was distorted the threshold is not judged — neither pass nor fail', () => {
  const ops = adds([700, 800]);
  const windows = [{ startMs: T0 - 1_000, endMs: T0 + 10_000, reasons: ['machine CPU 99 %'] }];
  const [add] = evaluateThresholds(computePerformance(ops, fakeRunInfo(), saturationTest(windows)), fakeVerdict(), PLAN_LIMITS);
  expect(add).toMatchObject({ passed: null, measured: null });
  expect(add!.line).toBe("threshold not judged: average POST /add_card — all 2 requests were in flight while the load generator was saturated (their mean, 750 ms, is the generator's)");
});

test('timeouts while saturated are marked and left out of the judged error rate; other timeouts count', () => {
  const timeout = (sentAt: number, seq: number) => ({ ...op({ vu: 'w02', sentAt, latencyMs: 10_000, seq, status: null, outcome: 'info' }), error: 'Timeout 10000ms exceeded' });
  const ops = [...adds(Array.from({ length: 20 }, () => 50)), timeout(T0 + 500, 90)];
  const during = computePerformance(ops, fakeRunInfo(), saturationTest([{ startMs: T0, endMs: T0 + 1_000, reasons: [] }]));
  expect(during.timeoutsWhileSaturated).toBe(1);
  const rateDuring = evaluateThresholds(during, fakeVerdict(), PLAN_LIMITS)[2]!;
  expect(rateDuring.passed).toBe(true);
  expect(rateDuring.line).toContain('1 timeout(s) while the load generator was saturated left out');
  const calm = evaluateThresholds(computePerformance(ops, fakeRunInfo()), fakeVerdict(), PLAN_LIMITS)[2]!;
  expect(calm.passed).toBe(false);
});

test('/proc stat lines parse with spaces and parentheses in the name', () => {
  const line = '4242 (Web (Content) x) S 4200 4242 4200 0 -1 4194560 100 0 0 0 150 30 0 0 20 0 12 0 9999 1000000 2560 18446744073709551615';
  expect(parseProcessStat(line)).toEqual({ pid: 4242, ppid: 4200, comm: 'Web (Content) x', ticks: 180, rssBytes: 2560 * 4096 });
  expect(parseProcessStat('garbage')).toBeNull();
});

test('processes are classed by their tree: the target’s tree is the server, Chromium’s the browser, the rest the runner', () => {
  const p = (pid: number, ppid: number, comm: string): ProcessCpu => ({ pid, ppid, comm, ticks: 10, rssBytes: 0 });
  const procs = [p(1, 0, 'init'), p(100, 1, 'node'), p(101, 100, 'node'), p(102, 101, 'chromium'), p(103, 102, 'chromium'), p(110, 100, 'node'), p(111, 110, 'node'), p(200, 1, 'bash')];
  const kinds = classifyProcesses(procs, 100, 110);
  expect(Object.fromEntries(kinds)).toEqual({ 100: 'runner', 101: 'runner', 102: 'browser', 103: 'browser', 110: 'server', 111: 'server' });
});

test('a process that exits keeps the CPU it cost', () => {
  let alive: ProcessCpu[] = [
    { pid: 10, ppid: 1, comm: 'node', ticks: 50, rssBytes: 0 },
    { pid: 11, ppid: 10, comm: 'node', ticks: 300, rssBytes: 0 },
  ];
  const sampler = new CpuSampler(10, { machine: () => ({ totalTicks: 1, busyTicks: 1, cores: 2 }), processes: () => alive });
  expect(sampler.sample(null)?.ticks.runner).toBe(350);
  alive = alive.slice(0, 1);
  expect(sampler.sample(null)?.ticks.runner).toBe(350);
});

test('processes outside the run are read once, not every second; a pid that ended and came back is read again', () => {
  // In the test's output folder, which Playwright empties before each run: nothing is left behind.
  const proc = test.info().outputPath('proc');
  const stat = (pid: number, ppid: number, comm: string) => {
    fs.mkdirSync(path.join(proc, String(pid)), { recursive: true });
    fs.writeFileSync(path.join(proc, String(pid), 'stat'), `${pid} (${comm}) S ${ppid} 0 0 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 1 0 5\n`);
  };
  stat(1, 0, 'init');
  stat(10, 1, 'node');
  stat(11, 10, 'node');
  const skip = new Set([1, 99]);
  expect(
    readProcesses(proc, skip)
      .map((p) => p.pid)
      .sort((a, b) => a - b),
  ).toEqual([10, 11]);
  // 99 is gone from /proc, so it leaves the set: the kernel may hand it to a new process.
  expect([...skip]).toEqual([1]);

  // The sampler: the machine's other processes (1, 200) are read at the first sample only; the
  // run's are read each time; a child born into the run's tree is counted; a new server pid reads all again.
  const reads: number[][] = [];
  let alive: ProcessCpu[] = [
    { pid: 1, ppid: 0, comm: 'init', ticks: 5, rssBytes: 0 },
    { pid: 200, ppid: 1, comm: 'bash', ticks: 9, rssBytes: 0 },
    { pid: 10, ppid: 1, comm: 'node', ticks: 40, rssBytes: 0 },
    { pid: 20, ppid: 1, comm: 'gunicorn', ticks: 70, rssBytes: 0 },
  ];
  const processes = (skipped?: Set<number>) => {
    const seen = alive.filter((p) => !skipped?.has(p.pid));
    reads.push(seen.map((p) => p.pid));
    return seen;
  };
  const sampler = new CpuSampler(10, { machine: () => ({ totalTicks: 1, busyTicks: 1, cores: 2 }), processes });
  expect(sampler.sample(null)?.ticks.runner).toBe(40);
  alive = [...alive, { pid: 11, ppid: 10, comm: 'node', ticks: 60, rssBytes: 0 }];
  expect(sampler.sample(null)?.ticks.runner).toBe(100);
  expect(reads).toEqual([
    [1, 200, 10, 20],
    [10, 11],
  ]);
  // An external server named later (SERVER_PID via run.json) is found although it was outside until now.
  expect(sampler.sample(20)?.ticks.server).toBe(70);
  expect(reads.at(-1)).toEqual([1, 200, 10, 20, 11]);
});

test('the server counts from the start of the run: what setup measured before (its boot, earlier work) is left out; a worker born later counts whole', () => {
  const machine = () => ({ totalTicks: 1, busyTicks: 1, cores: 2 });
  let alive: ProcessCpu[] = [
    { pid: 10, ppid: 1, comm: 'node', ticks: 40, rssBytes: 0 },
    { pid: 20, ppid: 10, comm: 'node', ticks: 120, rssBytes: 0 },
    { pid: 21, ppid: 20, comm: 'node', ticks: 110, rssBytes: 0 },
  ];
  const atStart = serverTicksNow(20, { machine, processes: () => alive });
  expect(atStart).toEqual({ 20: 120, 21: 110 });
  const sampler = new CpuSampler(10, { machine, processes: () => alive });
  // Before run.json names the baselines the server's whole life shows; then only what came after.
  expect(sampler.sample(20)?.ticks.server).toBe(230);
  sampler.setBaselines(atStart);
  alive = [...alive.slice(0, 2), { pid: 21, ppid: 20, comm: 'node', ticks: 150, rssBytes: 0 }, { pid: 22, ppid: 20, comm: 'node', ticks: 30, rssBytes: 0 }];
  expect(sampler.sample(20)?.ticks.server).toBe(0 + 40 + 30);
});

test("scenario A's signup window is judged unless other work, not the server, kept the machine busy", () => {
  // 2 cores over 3 s: 600 ticks in all.
  expect(signupWindowNotJudged({ machineBusyTicks: 300, machineTotalTicks: 600, serverTicks: 250 })).toBeNull();
  // Busy, but the server's bcrypt was most of it: the server's own pace, judged.
  expect(signupWindowNotJudged({ machineBusyTicks: 590, machineTotalTicks: 600, serverTicks: 400 })).toBeNull();
  expect(signupWindowNotJudged({ machineBusyTicks: 590, machineTotalTicks: 600, serverTicks: 150 })).toMatch(/98 % busy during the signups, the server spending only 25 % of it/);
  expect(signupWindowNotJudged({ machineBusyTicks: 590, machineTotalTicks: 600, serverTicks: null })).toMatch(/share is unknown/);
  // Not measured (off Linux, an older run): judged as before.
  expect(signupWindowNotJudged(undefined)).toBeNull();
});

test("a missed signup window with the server holding the machine names the server's capacity", () => {
  // The plan run's numbers: 30 signups, machine 98.6 % busy, 90 % of it the server.
  expect(signupWindowServerBound({ machineBusyTicks: 1158, machineTotalTicks: 1175, serverTicks: 1039 }, 30)).toBe(
    'the server was CPU-bound: the machine was 99 % busy and the server spent 10.4 of its 11.6 busy CPU-s (90 %) on 30 signups, 0.35 CPU-s each',
  );
  // Room on the machine, other work holding it, or the server unknown: nothing to say about the server.
  expect(signupWindowServerBound({ machineBusyTicks: 300, machineTotalTicks: 600, serverTicks: 290 }, 30)).toBeNull();
  expect(signupWindowServerBound({ machineBusyTicks: 590, machineTotalTicks: 600, serverTicks: 150 }, 30)).toBeNull();
  expect(signupWindowServerBound({ machineBusyTicks: 590, machineTotalTicks: 600, serverTicks: null }, 30)).toBeNull();
  expect(signupWindowServerBound(undefined, 30)).toBeNull();
});

/** On Linux the runner's CPU is measured and above zero; off Linux there is no /proc, so it is "not measured" (null), never zero. */
function cpuAsMeasured(cpu: CpuSample | null): boolean {
  return fs.existsSync('/proc/stat') ? (cpu?.ticks.runner ?? 0) > 0 : cpu === null;
}

test('on this machine the samplers record the runner’s own CPU and a blocked event loop', async () => {
  const dir = test.info().outputPath('health');
  fs.mkdirSync(dir, { recursive: true });
  const cpu = new CpuSampler(process.pid).sample(null);
  expect(cpuAsMeasured(cpu), `runner CPU sample ${JSON.stringify(cpu?.ticks ?? null)}`).toBe(true);
  const loop = startLoopDelaySampler(dir, 'worker');
  const worstMs = (): number => {
    loop.flush();
    return Math.max(0, ...readHealthSamples(dir).loop.map((s) => s.maxMs));
  };
  // Hold the loop for 300 ms, as a worker busy with its own work would.
  const until = Date.now() + 300;
  while (Date.now() < until) {
    /* busy */
  }
  // The histogram records when its own timer next runs, which the blocked loop delayed.
  await expect.poll(worstMs).toBeGreaterThanOrEqual(250);
  loop.stop();
});
