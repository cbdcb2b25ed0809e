/**
 * The load generator's health as the monitor writes it (`health/*.jsonl`): CPU of the runner,
 * the browsers and the server between successive samples, the worst event-loop delay of each
 * second, and the saturated windows as db/decision/generator-health.ts judges them — the same
 * rule report.html applies, run over the samples so far.
 */
import { CLOCK_TICKS_PER_SECOND } from '../../helpers/monitor/proc-stat.ts';
import type { CpuSample, HealthSample, LoopSample, ProcessKind } from '../../helpers/monitor/health-samples.ts';
import { judgeGeneratorHealth } from '../../db/decision/generator-health.ts';
import type { CpuPoint, LoopPoint, ShadedWindow } from './dashboard-frame.ts';

/** Judging the windows walks every sample so far: often enough for a live view, rarely enough to stay cheap on a long run. */
const JUDGE_EVERY_MS = 5_000;

const round1 = (n: number): number => Math.round(n * 10) / 10;

export class HealthTimeline {
  private readonly cpu: CpuSample[] = [];
  private readonly loop: LoopSample[] = [];
  private judgedAt = Number.NEGATIVE_INFINITY;
  private judgedSamples = 0;
  private windows: ShadedWindow[] = [];

  constructor(private readonly epochMs: () => number) {}

  private seconds(ms: number): number {
    return round1((ms - this.epochMs()) / 1000);
  }

  /** New points from the samples read since the last call. */
  add(samples: readonly HealthSample[]): { cpu: CpuPoint[]; loop: LoopPoint[] } {
    const cpu: CpuPoint[] = [];
    const worst = new Map<number, { runner: number | null; workers: number | null }>();
    for (const s of samples) {
      if (s.kind === 'cpu') {
        const previous = this.cpu[this.cpu.length - 1];
        this.cpu.push(s);
        if (previous && s.t > previous.t) cpu.push(this.cpuPoint(previous, s));
      } else if (s.kind === 'loop') {
        this.loop.push(s);
        const second = Math.ceil(s.t / 1000) * 1000;
        const w = worst.get(second) ?? { runner: null, workers: null };
        if (s.role === 'runner') w.runner = Math.max(w.runner ?? 0, s.p99Ms);
        else w.workers = Math.max(w.workers ?? 0, s.p99Ms);
        worst.set(second, w);
      }
    }
    const loop = [...worst.entries()].sort(([a], [b]) => a - b).map(([ms, w]) => ({ t: this.seconds(ms), runnerP99Ms: w.runner, workersP99Ms: w.workers }));
    return { cpu, loop };
  }

  private cpuPoint(a: CpuSample, b: CpuSample): CpuPoint {
    const seconds = (b.t - a.t) / 1000;
    const pct = (kind: ProcessKind): number | null => {
      const from = a.ticks[kind];
      const to = b.ticks[kind];
      return from === null || to === null ? null : round1(((to - from) / CLOCK_TICKS_PER_SECOND / seconds) * 100);
    };
    const total = b.machineTotalTicks - a.machineTotalTicks;
    return {
      t: this.seconds(b.t),
      machinePct: total > 0 ? round1(((b.machineBusyTicks - a.machineBusyTicks) / total) * 100) : 0,
      runnerPct: pct('runner'),
      browserPct: pct('browser'),
      serverPct: pct('server'),
    };
  }

  /** The saturated windows so far, judged again at most every JUDGE_EVERY_MS (always when `final`). */
  saturatedWindows(nowMs: number, final: boolean): ShadedWindow[] {
    const samples = this.cpu.length + this.loop.length;
    if (samples === this.judgedSamples || (!final && nowMs - this.judgedAt < JUDGE_EVERY_MS)) return this.windows;
    this.judgedAt = nowMs;
    this.judgedSamples = samples;
    // Each process appends its own samples in order, which is all the judge needs of the loop samples.
    const health = judgeGeneratorHealth({ cpu: this.cpu, loop: this.loop, malformed: 0 }, []);
    this.windows = health.saturated.windows.map((w) => ({ startT: this.seconds(w.startMs), endT: this.seconds(w.endMs), reason: w.reasons.join('; ') }));
    return this.windows;
  }
}
