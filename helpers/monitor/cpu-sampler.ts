/**
 * The runner's view of the machine, once a second: CPU of the whole machine, and CPU and
 * memory of every process the run started, by kind. The tree is walked from the runner's
 * own pid: the server is the embedded target's tree (its primary pid from run.json),
 * browsers are Chromium processes and their children, everything else is the runner and
 * its Playwright workers. A process's CPU counts over its whole life, kept after it exits —
 * except the server's before the run began (the embedded target's boot, an external
 * server's earlier work), measured by global setup (`serverTicksNow`) and left out, so the
 * embedded target and a real server are measured over the same span: registration and load.
 */
import { readMachineCpu, readProcesses, type MachineCpu, type ProcessCpu } from './proc-stat.ts';
import type { CpuSample, ProcessKind } from './health-samples.ts';

const BROWSER_COMM = /chrom|headless_shell/i;

export interface CpuSamplerSources {
  machine: () => MachineCpu | null;
  /** Every process but those of `skip` (pids known to be another's), pruning `skip` of pids that ended. */
  processes: (skip?: Set<number>) => ProcessCpu[];
}

const LINUX: CpuSamplerSources = { machine: () => readMachineCpu(), processes: (skip) => readProcesses('/proc', skip) };

/** Kind of every process in the runner's tree (and the server's, when it lives elsewhere). */
export function classifyProcesses(processes: readonly ProcessCpu[], rootPid: number, serverPid: number | null): Map<number, ProcessKind> {
  const children = new Map<number, ProcessCpu[]>();
  const byPid = new Map<number, ProcessCpu>();
  for (const p of processes) {
    byPid.set(p.pid, p);
    const list = children.get(p.ppid);
    if (list) list.push(p);
    else children.set(p.ppid, [p]);
  }
  const kinds = new Map<number, ProcessKind>();
  const walk = (pid: number, inherited: ProcessKind): void => {
    const stack: [number, ProcessKind][] = [[pid, inherited]];
    while (stack.length) {
      const [at, parentKind] = stack.pop()!;
      if (kinds.has(at)) continue;
      const p = byPid.get(at);
      if (!p) continue;
      const kind: ProcessKind = at === serverPid ? 'server' : parentKind === 'runner' && BROWSER_COMM.test(p.comm) ? 'browser' : parentKind;
      kinds.set(at, kind);
      for (const child of children.get(at) ?? []) stack.push([child.pid, kind]);
    }
  };
  walk(rootPid, 'runner');
  if (serverPid !== null && !kinds.has(serverPid)) walk(serverPid, 'server');
  return kinds;
}

/** CPU ticks of each process of the server's tree now (pid → ticks): what the run will not count. */
export function serverTicksNow(serverPid: number, sources: CpuSamplerSources = LINUX): Record<string, number> {
  const all = sources.processes();
  const kinds = classifyProcesses(all, serverPid, serverPid);
  return Object.fromEntries(all.filter((p) => kinds.get(p.pid) === 'server').map((p) => [String(p.pid), p.ticks]));
}

export class CpuSampler {
  /** Most ticks seen per pid, with its kind: a process that exits keeps what it cost. */
  private readonly seen = new Map<number, { kind: ProcessKind; ticks: number; baseline: number }>();
  /** Ticks not to count per pid (the server's before the run), once run.json gives them. */
  private baselines = new Map<number, number>();
  /**
   * Pids seen outside the run's trees: never read again while they live (most of /proc is the
   * machine's other processes, and reading them all each second was a tenth of the runner
   * process's CPU). A process joins a tree only at birth, as a child of one, so a pid outside
   * stays outside; when the server's pid changes they are all read again.
   */
  private readonly foreign = new Set<number>();
  private foreignFor: number | null = null;

  /**
   * `countFromFirstSight`: kinds whose processes were running before the run (an external
   * server started by hand), so only the CPU they spent after the first sample counts.
   */
  constructor(
    private readonly rootPid: number,
    private readonly sources: CpuSamplerSources = LINUX,
    private readonly countFromFirstSight: ReadonlySet<ProcessKind> = new Set(),
  ) {}

  /** The server's ticks before the run (`serverTicksNow` at setup), per pid; processes not named count from 0. */
  setBaselines(ticksByPid: Readonly<Record<string, number>>): void {
    this.baselines = new Map(Object.entries(ticksByPid).map(([pid, ticks]) => [Number(pid), ticks]));
    for (const [pid, entry] of this.seen) {
      const known = this.baselines.get(pid);
      if (known !== undefined) entry.baseline = known;
    }
  }

  /** One sample now; null off Linux. `serverPid` is null while (or when) it is unknown. */
  sample(serverPid: number | null, now = Date.now()): CpuSample | null {
    const machine = this.sources.machine();
    if (!machine) return null;
    if (serverPid !== this.foreignFor) {
      this.foreign.clear();
      this.foreignFor = serverPid;
    }
    const all = this.sources.processes(this.foreign);
    const kinds = classifyProcesses(all, this.rootPid, serverPid);
    for (const p of all) if (!kinds.has(p.pid)) this.foreign.add(p.pid);
    const rssBytes: Record<ProcessKind, number | null> = { runner: 0, browser: 0, server: serverPid === null ? null : 0 };
    const processes: Record<ProcessKind, number> = { runner: 0, browser: 0, server: 0 };
    for (const p of all.filter((q) => kinds.has(q.pid))) {
      const kind = kinds.get(p.pid)!;
      const prior = this.seen.get(p.pid);
      const baseline = prior?.baseline ?? this.baselines.get(p.pid) ?? (this.countFromFirstSight.has(kind) ? p.ticks : 0);
      this.seen.set(p.pid, { kind, ticks: Math.max(prior?.ticks ?? 0, p.ticks), baseline });
      rssBytes[kind] = (rssBytes[kind] ?? 0) + p.rssBytes;
      processes[kind] += 1;
    }
    const ticks: Record<ProcessKind, number | null> = { runner: 0, browser: 0, server: serverPid === null ? null : 0 };
    for (const { kind, ticks: t, baseline } of this.seen.values()) ticks[kind] = (ticks[kind] ?? 0) + t - baseline;
    return {
      kind: 'cpu',
      t: now,
      cores: machine.cores,
      machineTotalTicks: machine.totalTicks,
      machineBusyTicks: machine.busyTicks,
      ticks,
      rssBytes,
      processes,
    };
  }
}
