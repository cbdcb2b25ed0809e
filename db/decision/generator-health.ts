/**
 * Judges the load generator's own health from the run's samples (health-samples.ts): how
 * much CPU the runner, its browsers and the server cost over the whole run, and the windows
 * in which the generator was saturated, so that latency measured inside them is not judged.
 *
 * Saturated means either signal, like Locust's CPU warning and k6's dropped iterations:
 * - a Playwright worker's (or the runner's) event loop ran more than 100 ms late at p99 in
 *   a second: the requests that process timed then carry its own delay, not the server's
 *   (other processes' requests are not touched by it);
 * - the machine's CPU stayed above 90 % for 5 s or more while the generator (runner and
 *   browsers) used at least half of it, or the server less than half (other work on the
 *   machine, another test run, held the rest): every request in flight then is distorted.
 * A busy machine whose CPU goes mostly to the server is the server's load: its latency stays
 * judged, and the windows are reported as "server CPU-bound" so the reader knows who was.
 */
import type { Operation } from '../../helpers/history/operation.ts';
import { CLOCK_TICKS_PER_SECOND } from '../../helpers/monitor/proc-stat.ts';
import type { CpuSample, HealthRecords, LoopSample, ProcessKind } from '../../helpers/monitor/health-samples.ts';

export interface HealthLimits {
  loopP99Ms: number;
  cpuBusy: number;
  cpuSustainMs: number;
  generatorShare: number;
}

export const HEALTH_LIMITS: Readonly<HealthLimits> = Object.freeze({ loopP99Ms: 100, cpuBusy: 0.9, cpuSustainMs: 5_000, generatorShare: 0.5 });

/** The machine while scenario A signed up (global setup, before any worker): CPU ticks over the window, all cores. */
export interface SignupWindowCpu {
  machineBusyTicks: number;
  machineTotalTicks: number;
  /** CPU ticks the server's processes spent in it; null when its pid is unknown (an external server without SERVER_PID). */
  serverTicks: number | null;
}

/**
 * Whether scenario A's signup window can be judged: not when the machine was busy past
 * `cpuBusy` and the server spent less than half of that (other work, not the server, set
 * the pace) — the same limits that leave a saturated generator's latencies unjudged.
 * Returns the reason it cannot, or null.
 */
export function signupWindowNotJudged(cpu: SignupWindowCpu | undefined, limits: HealthLimits = HEALTH_LIMITS): string | null {
  const load = signupWindowLoad(cpu, limits);
  if (load === null || !load.saturated) return null;
  const busy = Math.round(load.busy * 100);
  if (load.serverShare === null) return `the machine was ${busy} % busy during the signups and the server's share is unknown (set SERVER_PID): not judged`;
  if (load.serverShare >= limits.generatorShare) return null;
  return `the machine was ${busy} % busy during the signups, the server spending only ${Math.round(load.serverShare * 100)} % of it: other work set the pace, so the window is not judged`;
}

/** How busy the machine was over the signups, and the server's share of that busy time (null: unknown). */
function signupWindowLoad(cpu: SignupWindowCpu | undefined, limits: HealthLimits): { busy: number; saturated: boolean; serverShare: number | null } | null {
  if (!cpu || cpu.machineTotalTicks <= 0) return null;
  const busy = cpu.machineBusyTicks / cpu.machineTotalTicks;
  return { busy, saturated: busy > limits.cpuBusy, serverShare: cpu.serverTicks === null ? null : cpu.serverTicks / Math.max(1, cpu.machineBusyTicks) };
}

/**
 * When the window was missed with the machine saturated by the server itself, what the
 * failure says: the server was the bottleneck (each signup is a bcrypt hash), with its
 * CPU-s per signup, so the report names the server's capacity, not the load generator.
 * Null when the machine had room or the server's share is unknown.
 */
export function signupWindowServerBound(cpu: SignupWindowCpu | undefined, signups: number, limits: HealthLimits = HEALTH_LIMITS): string | null {
  const load = signupWindowLoad(cpu, limits);
  if (!cpu || cpu.serverTicks === null || load?.serverShare == null || !load.saturated || load.serverShare < limits.generatorShare || signups <= 0) return null;
  const s = (ticks: number): string => (ticks / CLOCK_TICKS_PER_SECOND).toFixed(1);
  const each = (cpu.serverTicks / CLOCK_TICKS_PER_SECOND / signups).toFixed(2);
  return `the server was CPU-bound: the machine was ${Math.round(load.busy * 100)} % busy and the server spent ${s(cpu.serverTicks)} of its ${s(cpu.machineBusyTicks)} busy CPU-s (${Math.round(load.serverShare * 100)} %) on ${signups} signups, ${each} CPU-s each`;
}

export interface SaturatedWindow {
  startMs: number;
  endMs: number;
  /** The generator process whose event loop was late; absent: the whole machine. */
  pid?: number;
  /** `event-loop p99 340 ms in worker 1234`, `machine CPU 97 % for 8 s, 71 % of it the load generator`. */
  reasons: string[];
}

export interface GeneratorHealth {
  /** False when the run has no samples (not Linux, or a run from before health was measured). */
  measured: boolean;
  samples: { cpu: number; loop: number; processesSampled: number; malformedLines: number };
  /** CPU seconds over the whole run per kind; server null when its processes were not known (external target). */
  cpuSeconds: Record<ProcessKind, number | null> & { machineBusy: number | null };
  /** runner ÷ server and (runner + browser) ÷ server; null without server figures. */
  ratios: { runnerToServer: number | null; generatorToServer: number | null };
  peakRssMiB: Record<ProcessKind, number | null>;
  /** Most processes of each kind alive at once. */
  peakProcesses: Record<ProcessKind, number>;
  loop: { worstP99Ms: number | null; worstMaxMs: number | null; worstPid: number | null };
  /** Every window, merged per process (loop) and machine-wide (CPU); seconds of their union. */
  saturated: { windows: SaturatedWindow[]; seconds: number };
  /** Machine CPU above the limit for 5 s or more, at least half of it the server: the server's capacity, judged. */
  serverBound: { windows: SaturatedWindow[]; seconds: number };
  requests: { total: number; sentWhileSaturated: number; timeoutsWhileSaturated: number };
  /** One sentence for the terminal, the summary and report.html. */
  line: string;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round2 = (n: number): number => Math.round(n * 100) / 100;

function loopWindows(loop: readonly LoopSample[], limits: HealthLimits): SaturatedWindow[] {
  const lastByPid = new Map<number, number>();
  const out: SaturatedWindow[] = [];
  for (const s of loop) {
    const previous = lastByPid.get(s.pid);
    lastByPid.set(s.pid, s.t);
    if (s.p99Ms <= limits.loopP99Ms) continue;
    // A sample covers the second before it, or back to the previous sample after a stall.
    const startMs = previous !== undefined && s.t - previous < 10_000 ? previous : s.t - 1_000;
    out.push({ startMs, endMs: s.t, pid: s.pid, reasons: [`event-loop p99 ${s.p99Ms} ms in ${s.role} ${s.pid}`] });
  }
  return out;
}

const generatorTicks = (s: CpuSample): number => (s.ticks.runner ?? 0) + (s.ticks.browser ?? 0);

const WHOSE_TEXT = { generator: 'the load generator', server: 'the server', 'not-server': 'not the server (the load generator and other work on the machine)' } as const;

/**
 * Runs of 5 s or more with the machine's CPU above the limit while `whose` had at least the
 * given share of it. `not-server`: everything but the server (the same rule as scenario A's
 * window, `signupWindowLoad`): a busy machine the server had less than half of paced the
 * requests, whoever else held it; only judged when the server's CPU is known.
 */
function cpuWindows(cpu: readonly CpuSample[], limits: HealthLimits, whose: keyof typeof WHOSE_TEXT): SaturatedWindow[] {
  const serverTicks = (s: CpuSample): number => s.ticks.server ?? 0;
  const ticksOf = whose === 'generator' ? generatorTicks : serverTicks;
  const out: SaturatedWindow[] = [];
  let run: { startMs: number; endMs: number; busy: number; total: number; share: number } | null = null;
  const close = (): void => {
    if (run && run.endMs - run.startMs >= limits.cpuSustainMs) {
      const busy = Math.round((run.busy / run.total) * 100);
      const share = Math.round((Math.min(run.share, run.busy) / run.busy) * 100);
      out.push({
        startMs: run.startMs,
        endMs: run.endMs,
        reasons: [`machine CPU ${busy} % for ${round1((run.endMs - run.startMs) / 1000)} s, ${share} % of it ${WHOSE_TEXT[whose]}`],
      });
    }
    run = null;
  };
  for (let i = 1; i < cpu.length; i++) {
    const a = cpu[i - 1]!;
    const b = cpu[i]!;
    const total = b.machineTotalTicks - a.machineTotalTicks;
    const busy = b.machineBusyTicks - a.machineBusyTicks;
    const mine = ticksOf(b) - ticksOf(a);
    const share = whose === 'not-server' ? (b.ticks.server === null ? 0 : busy - mine) : mine;
    const hot = total > 0 && busy > 0 && busy / total > limits.cpuBusy && share / busy >= limits.generatorShare;
    if (!hot) {
      close();
      continue;
    }
    if (run) Object.assign(run, { endMs: b.t, busy: run.busy + busy, total: run.total + total, share: run.share + share });
    else run = { startMs: a.t, endMs: b.t, busy, total, share };
  }
  close();
  return out;
}

/** Overlapping or touching windows of one process (or of the machine) joined, their reasons kept (a few per window). */
export function mergeWindows(windows: readonly SaturatedWindow[]): SaturatedWindow[] {
  const sorted = [...windows].sort((a, b) => a.startMs - b.startMs);
  const out: SaturatedWindow[] = [];
  for (const w of sorted) {
    const last = out.findLast((o) => o.pid === w.pid);
    if (last && w.startMs <= last.endMs) {
      last.endMs = Math.max(last.endMs, w.endMs);
      for (const r of w.reasons) if (last.reasons.length < 4 && !last.reasons.includes(r)) last.reasons.push(r);
    } else out.push({ ...w, reasons: [...w.reasons] });
  }
  return out.sort((a, b) => a.startMs - b.startMs);
}

/** Seconds covered by the windows, overlaps counted once. */
function unionSeconds(windows: readonly SaturatedWindow[]): number {
  const sorted = [...windows].sort((a, b) => a.startMs - b.startMs);
  let total = 0;
  let end = -Infinity;
  for (const w of sorted) {
    if (w.endMs <= end) continue;
    total += w.endMs - Math.max(w.startMs, end);
    end = w.endMs;
  }
  return round1(total / 1000);
}

/** Whether an instant falls inside some window of a sorted, disjoint list. */
function insideAny(windows: readonly SaturatedWindow[], at: number): boolean {
  // Disjoint and sorted: only the last window starting at or before the instant can hold it.
  let lo = 0;
  let hi = windows.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (windows[mid]!.startMs <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && windows[found]!.endMs >= at;
}

/**
 * The predicate "the generator may have distorted this request's timing": it was sent or
 * answered inside a saturated window — machine-wide, or a late event loop of the process
 * that timed it (every process's, for requests recorded without their process). Only the
 * two instants the generator stamps count, not the time in between, when the client only
 * waits: a long request is not more likely to be left out than a short one, so a slow
 * server cannot hide its slow requests in the generator's windows.
 */
export function saturationTest(windows: readonly SaturatedWindow[]): (op: Pick<Operation, 'sentAt' | 'returnedAt' | 'clientPid'>) => boolean {
  const machine = windows.filter((w) => w.pid === undefined);
  const byPid = new Map<number, SaturatedWindow[]>();
  for (const w of windows) if (w.pid !== undefined) byPid.set(w.pid, [...(byPid.get(w.pid) ?? []), w]);
  const anyProcess = mergeWindows(windows.filter((w) => w.pid !== undefined).map((w) => ({ ...w, pid: -1 })));
  const stamped = (list: readonly SaturatedWindow[], op: Pick<Operation, 'sentAt' | 'returnedAt'>): boolean => insideAny(list, op.sentAt) || insideAny(list, op.returnedAt);
  return (op) => stamped(machine, op) || stamped(op.clientPid === undefined ? anyProcess : (byPid.get(op.clientPid) ?? []), op);
}

export const isTimeout = (op: Pick<Operation, 'status' | 'error' | 'outcome'>): boolean => op.status === null && op.outcome === 'info' && /timeout/i.test(op.error ?? '');

function perKind<T>(pick: (s: CpuSample, kind: ProcessKind) => T, cpu: readonly CpuSample[], reduce: (values: T[]) => T | null): Record<ProcessKind, T | null> {
  const kinds: ProcessKind[] = ['runner', 'browser', 'server'];
  return Object.fromEntries(kinds.map((k) => [k, cpu.length ? reduce(cpu.map((s) => pick(s, k))) : null])) as Record<ProcessKind, T | null>;
}

function describe(h: Omit<GeneratorHealth, 'line'>): string {
  if (!h.measured) return 'load generator: not measured (no health samples in this run)';
  const parts: string[] = [];
  const cpu = h.cpuSeconds;
  const s = (v: number | null): string => (v === null ? 'unknown' : `${round1(v)} CPU-s`);
  parts.push(`runner ${s(cpu.runner)}, browsers ${s(cpu.browser)}, server ${s(cpu.server)}`);
  if (h.ratios.runnerToServer !== null) parts.push(`runner/server ${h.ratios.runnerToServer}`);
  if (h.loop.worstP99Ms !== null) parts.push(`worst event-loop p99 ${h.loop.worstP99Ms} ms`);
  const sat = h.saturated;
  const verdict =
    sat.windows.length === 0
      ? 'not saturated'
      : `SATURATED ${round1(sat.seconds)} s in ${sat.windows.length} window(s); ${h.requests.sentWhileSaturated} of ${h.requests.total} requests in them are not judged for latency` +
        (h.requests.timeoutsWhileSaturated ? `, ${h.requests.timeoutsWhileSaturated} timeout(s) among them` : '');
  const server = h.serverBound.windows.length ? `; server CPU-bound ${round1(h.serverBound.seconds)} s (machine CPU > 90 %, mostly the server: its capacity, judged)` : '';
  return `load generator: ${verdict}${server} (${parts.join('; ')})`;
}

export function judgeGeneratorHealth(records: HealthRecords, ops: readonly Operation[], limits: HealthLimits = HEALTH_LIMITS): GeneratorHealth {
  const { cpu, loop } = records;
  const first = cpu[0];
  const last = cpu[cpu.length - 1];
  const ticksToS = (t: number | null | undefined): number | null => (t === null || t === undefined ? null : round1(t / CLOCK_TICKS_PER_SECOND));
  const cpuSeconds = {
    runner: ticksToS(last?.ticks.runner),
    browser: ticksToS(last?.ticks.browser),
    server: ticksToS(last?.ticks.server),
    machineBusy: first && last ? ticksToS(last.machineBusyTicks - first.machineBusyTicks) : null,
  };
  const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : round2(a / b));
  const generator = cpuSeconds.runner === null ? null : cpuSeconds.runner + (cpuSeconds.browser ?? 0);
  const mib = (b: number | null): number | null => (b === null ? null : Math.round(b / 1024 / 1024));
  const peakRssMiB = perKind(
    (s, k) => s.rssBytes[k],
    cpu,
    (v) => mib(v.reduce<number | null>((m, x) => (x === null ? m : Math.max(m ?? 0, x)), null)),
  );
  const peakProcesses = perKind(
    (s, k) => s.processes[k],
    cpu,
    (v) => Math.max(0, ...v),
  );
  const worst = loop.reduce<LoopSample | null>((w, s) => (w === null || s.p99Ms > w.p99Ms ? s : w), null);
  const windows = mergeWindows([...loopWindows(loop, limits), ...cpuWindows(cpu, limits, 'generator'), ...cpuWindows(cpu, limits, 'not-server')]);
  const serverWindows = cpuWindows(cpu, limits, 'server');
  const inWindow = saturationTest(windows);
  const saturatedOps = ops.filter(inWindow);
  const health: Omit<GeneratorHealth, 'line'> = {
    measured: cpu.length > 0 || loop.length > 0,
    samples: { cpu: cpu.length, loop: loop.length, processesSampled: new Set(loop.map((s) => s.pid)).size, malformedLines: records.malformed },
    cpuSeconds,
    ratios: { runnerToServer: ratio(cpuSeconds.runner, cpuSeconds.server), generatorToServer: ratio(generator, cpuSeconds.server) },
    peakRssMiB,
    peakProcesses: { runner: peakProcesses.runner ?? 0, browser: peakProcesses.browser ?? 0, server: peakProcesses.server ?? 0 },
    loop: { worstP99Ms: worst?.p99Ms ?? null, worstMaxMs: loop.reduce<number | null>((m, s) => Math.max(m ?? 0, s.maxMs), null), worstPid: worst?.pid ?? null },
    saturated: { windows, seconds: unionSeconds(windows) },
    serverBound: { windows: serverWindows, seconds: unionSeconds(serverWindows) },
    requests: { total: ops.length, sentWhileSaturated: saturatedOps.length, timeoutsWhileSaturated: saturatedOps.filter(isTimeout).length },
  };
  return { ...health, line: describe(health) };
}
