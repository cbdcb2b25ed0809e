/**
 * Samples the load generator's health through the whole run, as a Playwright reporter
 * because a reporter lives in the runner process from the first test to the last:
 * the machine's CPU and every process's CPU and memory by kind (`health/cpu.jsonl`),
 * and the runner's own event-loop delay. Workers sample their own loops (run fixture).
 */
import type { Reporter } from '@playwright/test/reporter';
import { currentRun } from '../run/current-run.ts';
import { config } from '../config/config.ts';
import { appendSample, cpuSamplesFile } from './health-samples.ts';
import { startLoopDelaySampler, LOOP_SAMPLE_MS, type LoopDelaySampler } from './loop-delay-sampler.ts';
import { readRunInfo } from '../run/run-store.ts';
import { CpuSampler } from './cpu-sampler.ts';

export interface HealthReporterOptions {
  /** Run directory to write into; defaults to the current run of this process. */
  runDir?: string;
}

export default class HealthReporter implements Reporter {
  private readonly runDir: string;
  // An external server (SERVER_PID) ran before the run: only what it spends from now on counts.
  private readonly cpu = new CpuSampler(process.pid, undefined, new Set(config.serverPid === null ? [] : ['server' as const]));
  private timer: NodeJS.Timeout | null = null;
  private loop: LoopDelaySampler | null = null;
  private serverPid: number | null = null;
  private serverKnown = false;

  constructor(options: HealthReporterOptions = {}) {
    this.runDir = options.runDir ?? currentRun().dir;
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), LOOP_SAMPLE_MS);
    this.timer.unref();
    this.loop = startLoopDelaySampler(this.runDir, 'runner');
  }

  onEnd(): void {
    if (this.timer) clearInterval(this.timer);
    this.loop?.stop();
    this.tick();
  }

  private tick(): void {
    // run.json appears with global setup; the target's pid once it started (embedded only).
    if (!this.serverKnown) {
      try {
        const info = readRunInfo(this.runDir);
        this.serverPid = info.targetPid ?? config.serverPid;
        this.serverKnown = this.serverPid !== null || info.embedded === false;
        if (info.serverTicksAtStart) this.cpu.setBaselines(info.serverTicksAtStart);
      } catch {
        // Not written yet, or being written right now: next tick.
      }
    }
    const sample = this.cpu.sample(this.serverPid);
    if (sample) appendSample(cpuSamplesFile(this.runDir), sample);
  }
}
