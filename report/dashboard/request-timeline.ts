/**
 * Requests per endpoint and per scenario over time, from history records as the progress
 * reporter reads them: each record lands in the bucket of the second it returned in, and a
 * bucket is closed (its rates and percentiles computed once) when the run has moved past it.
 */
import type { Operation } from '../../helpers/history/operation.ts';
import { endpointKey } from '../../db/decision/route-template.ts';
import { isTimeout } from '../../db/decision/generator-health.ts';
import type { EndpointPoint, ScenarioErrorPoint } from './dashboard-frame.ts';

/** Wide enough for a percentile to mean something at a few requests per second. */
export const BUCKET_SECONDS = 5;
/** A record is read at most a tick (1 s) after it was written; a bucket waits this long past its end. */
const CLOSE_LAG_MS = 2_000;

interface Bucket {
  latencies: Map<string, number[]>;
  scenarios: Map<string, { requests: number; errors: number; timeouts: number }>;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Nearest-rank percentile of a sorted list. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export class RequestTimeline {
  private readonly open = new Map<number, Bucket>();
  /** Buckets below this index are closed; a record returning in one counts in the oldest open bucket. */
  private closedBelow = Number.NEGATIVE_INFINITY;

  constructor(private readonly epochMs: () => number) {}

  add(op: Operation): void {
    const index = Math.max(this.closedBelow, Math.floor((op.returnedAt - this.epochMs()) / (BUCKET_SECONDS * 1000)));
    let bucket = this.open.get(index);
    if (!bucket) {
      bucket = { latencies: new Map(), scenarios: new Map() };
      this.open.set(index, bucket);
    }
    const key = endpointKey(op.method, op.path);
    const list = bucket.latencies.get(key);
    if (list) list.push(op.returnedAt - op.sentAt);
    else bucket.latencies.set(key, [op.returnedAt - op.sentAt]);
    const s = bucket.scenarios.get(op.scenario) ?? { requests: 0, errors: 0, timeouts: 0 };
    s.requests += 1;
    if (op.outcome !== 'ok') s.errors += 1;
    if (isTimeout(op)) s.timeouts += 1;
    bucket.scenarios.set(op.scenario, s);
  }

  /** Points of the buckets the run has moved past (all of them when `final`). */
  close(nowMs: number, final: boolean): { endpoints: EndpointPoint[]; errors: ScenarioErrorPoint[] } {
    const endpoints: EndpointPoint[] = [];
    const errors: ScenarioErrorPoint[] = [];
    const bucketMs = BUCKET_SECONDS * 1000;
    for (const index of [...this.open.keys()].sort((a, b) => a - b)) {
      if (!final && this.epochMs() + (index + 1) * bucketMs + CLOSE_LAG_MS > nowMs) break;
      const bucket = this.open.get(index)!;
      this.open.delete(index);
      this.closedBelow = Math.max(this.closedBelow, index + 1);
      // Plotted at the bucket's middle.
      const t = (index + 0.5) * BUCKET_SECONDS;
      for (const [endpoint, values] of bucket.latencies) {
        const sorted = values.sort((a, b) => a - b);
        const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
        endpoints.push({ t, endpoint, rps: round1(sorted.length / BUCKET_SECONDS), meanMs: round1(mean), p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), p99Ms: percentile(sorted, 99) });
      }
      for (const [scenario, s] of bucket.scenarios) {
        errors.push({ t, scenario, rps: round1(s.requests / BUCKET_SECONDS), errorsPerSec: round1(s.errors / BUCKET_SECONDS), timeoutsPerSec: round1(s.timeouts / BUCKET_SECONDS) });
      }
    }
    return { endpoints, errors };
  }
}
