/**
 * Latency summaries. Percentiles come from an HDR histogram (3 significant digits,
 * so any value up to 2047 ms is exact and larger ones are within 0.1 %); the mean and
 * the maximum are computed exactly because thresholds are judged on the mean.
 */
import { build } from 'hdr-histogram-js';

export interface LatencyStats {
  count: number;
  /** Responses that were `fail` or `info`. */
  errors: number;
  /** errors / count, 0 when there were no requests. */
  errorRate: number;
  meanMs: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

/** Accumulates latencies for one group (an endpoint, a scenario, a time bucket). */
export class LatencyAccumulator {
  // The pure-JS histogram: no WebAssembly to initialise, and the run is small enough.
  private readonly histogram = build({ numberOfSignificantValueDigits: 3, useWebAssembly: false });
  private count = 0;
  private errors = 0;
  private sumMs = 0;
  private maxMs = 0;

  add(latencyMs: number, isError: boolean): void {
    // Clocks are epoch ms, so a latency is a whole non-negative number; guard clock steps.
    const value = Math.max(0, Math.round(latencyMs));
    this.histogram.recordValue(value);
    this.count += 1;
    this.sumMs += value;
    if (value > this.maxMs) this.maxMs = value;
    if (isError) this.errors += 1;
  }

  /** The summary; frees the histogram, so call it once. */
  finish(): LatencyStats {
    const empty = this.count === 0;
    const at = (percentile: number): number | null => (empty ? null : this.histogram.getValueAtPercentile(percentile));
    const stats: LatencyStats = {
      count: this.count,
      errors: this.errors,
      errorRate: empty ? 0 : this.errors / this.count,
      meanMs: empty ? null : round1(this.sumMs / this.count),
      p50Ms: at(50),
      p90Ms: at(90),
      p95Ms: at(95),
      p99Ms: at(99),
      maxMs: empty ? null : this.maxMs,
    };
    this.histogram.destroy();
    return stats;
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
