/**
 * Measures how late this process's event loop runs, once a second, into the run's health
 * folder. A Playwright worker whose loop is late stamps its requests late and reads their
 * answers late: the latency it records is then its own, not the server's.
 *
 * A 10 ms timer notes how late each of its turns came. (perf_hooks.monitorEventLoopDelay
 * would do the same natively, but after each reset() it drops the next interval, so a
 * stall right after a sample was never seen.)
 */
import { createHistogram, performance } from 'node:perf_hooks';
import { appendSample, loopSamplesFile, type LoopSample } from './health-samples.ts';

/** One sample a second: the report's saturation windows are judged per second. */
export const LOOP_SAMPLE_MS = 1_000;
/** Fine enough for a 100 ms limit, rare enough to cost nothing measurable. */
const TICK_MS = 10;

export interface LoopDelaySampler {
  /** Writes what was measured since the last sample, if anything was. */
  flush(): void;
  /** Writes the last partial second and stops. */
  stop(): void;
}

export function startLoopDelaySampler(runDir: string, role: LoopSample['role']): LoopDelaySampler {
  const histogram = createHistogram();
  const file = loopSamplesFile(runDir, process.pid);
  let expected = performance.now() + TICK_MS;
  let tick: NodeJS.Timeout | null = null;
  const schedule = (): void => {
    tick = setTimeout(() => {
      const now = performance.now();
      histogram.record(Math.max(1, Math.round(now - expected)));
      expected = now + TICK_MS;
      schedule();
    }, TICK_MS);
    // Never the reason a process stays alive.
    tick.unref();
  };
  schedule();
  const flush = (): void => {
    // A stall still in progress shows as how late the pending turn already is.
    const pendingLate = Math.max(0, Math.round(performance.now() - expected));
    if (pendingLate > 0) histogram.record(pendingLate);
    if (histogram.count === 0) return;
    appendSample(file, {
      kind: 'loop',
      t: Date.now(),
      pid: process.pid,
      role,
      p99Ms: Math.round(histogram.percentile(99)),
      maxMs: Math.round(histogram.max),
    });
    histogram.reset();
  };
  const timer = setInterval(flush, LOOP_SAMPLE_MS);
  timer.unref();
  return {
    flush,
    stop() {
      clearInterval(timer);
      if (tick) clearTimeout(tick);
      flush();
    },
  };
}
