/**
 * performance_metrics.json: latency and error statistics of a run, computed from its
 * history alone, per endpoint (method + route template), per scenario and over time,
 * plus the measured concurrency (requests in flight, VUs active) that shows whether
 * the profile's peak was actually reached.
 */
import type { Operation } from '../../helpers/history/operation.ts';
import type { RunInfo } from '../../helpers/run/run-dir.ts';
import { likelyIdCollisions } from './id-collisions.ts';
import { levelsPerBucket, mergeIntervals, normaliseInterval, peakOverlap, type Interval } from './interval-sweep.ts';
import { LatencyAccumulator, type LatencyStats } from './latency-stats.ts';
import { endpointKey, routeTemplate } from './route-template.ts';
import { isTimeout } from './generator-health.ts';

export const TIME_BUCKET_SECONDS = 10;
export const RAMP_BUCKET_SECONDS = 5;

/** Upper bounds (ms) of the latency distribution buckets; the last bucket is open-ended. */
export const LATENCY_BUCKET_BOUNDS_MS = [25, 50, 100, 200, 300, 500, 1000, 2000, 5000] as const;

export interface LatencyBucketCount {
  /** `≤ 100 ms`, `> 5000 ms`. */
  label: string;
  count: number;
}

export interface EndpointMetrics extends LatencyStats {
  /** `GET /decks/<id>/stats` */
  endpoint: string;
  method: string;
  route: string;
  distribution: LatencyBucketCount[];
  /**
   * The requests that were not in flight while the load generator was saturated, whose
   * latency is the server's: thresholds are judged on these alone (generator-health.ts).
   */
  unsaturated: { count: number; meanMs: number | null };
}

export interface ScenarioMetrics extends LatencyStats {
  scenario: string;
  /** Distinct VUs that sent at least one request. */
  vus: number;
  /** add_card answered `ok`. */
  cardsCreated: number;
}

/** Time buckets are measured in seconds from the run epoch (negative before it, e.g. setup). */
export interface TimeBucketMetrics extends LatencyStats {
  startSec: number;
}

export interface CardRatePoint {
  startSec: number;
  cards: number;
  perSecond: number;
}

export interface InFlightPoint {
  startSec: number;
  /** Most requests open at one instant in the bucket. */
  peak: number;
  /** Time-weighted mean of requests open during the bucket. */
  mean: number;
}

export interface VuRampPoint {
  startSec: number;
  /** Distinct VUs with a request in flight at some point in the bucket. */
  activeVus: number;
}

export interface ScenarioRamp {
  /** A scenario, or `all`. */
  scenario: string;
  distinctVus: number;
  /** Most VUs with a request in flight at the same instant. */
  peakConcurrentVus: number;
  peakConcurrentAtSec: number | null;
  /** Most VUs active within one ramp bucket: the measure of "peak concurrency reached". */
  peakActiveVusPerBucket: number;
  buckets: VuRampPoint[];
}

export interface PerformanceMetrics {
  runId: string;
  epochMs: number;
  bucketSeconds: number;
  rampBucketSeconds: number;
  /** Seconds from the run epoch to the first request sent and the last answer received. */
  firstSentSec: number | null;
  lastReturnedSec: number | null;
  outcomes: { ok: number; fail: number; info: number };
  overall: LatencyStats;
  /** (fail + info) / all requests. */
  errorRate: number;
  /** add_card 500s explained by whole-second ids (see id-collisions.ts). */
  idCollisionErrors: number;
  /** (fail + info − id collisions) / all requests. */
  errorRateExcludingIdCollisions: number;
  /** Timeouts of requests the saturated load generator may have distorted (generator-health.ts counts the requests themselves). */
  timeoutsWhileSaturated: number;
  endpoints: EndpointMetrics[];
  scenarios: ScenarioMetrics[];
  errorRateByScenario: { scenario: string; count: number; errors: number; errorRate: number }[];
  overTime: TimeBucketMetrics[];
  cardsCreated: number;
  cardCreation: CardRatePoint[];
  peakInFlight: number;
  inFlight: InFlightPoint[];
  vuRamp: ScenarioRamp[];
}

const isError = (op: Operation): boolean => op.outcome !== 'ok';
const latencyOf = (op: Operation): number => op.returnedAt - op.sentAt;

/** Operations grouped by a key, in first-seen order. */
function groupBy(ops: readonly Operation[], keyOf: (op: Operation) => string): Map<string, Operation[]> {
  const groups = new Map<string, Operation[]>();
  for (const op of ops) {
    const key = keyOf(op);
    const list = groups.get(key);
    if (list) list.push(op);
    else groups.set(key, [op]);
  }
  return groups;
}

function statsOf(ops: readonly Operation[]): LatencyStats {
  const acc = new LatencyAccumulator();
  for (const op of ops) acc.add(latencyOf(op), isError(op));
  return acc.finish();
}

function distributionOf(ops: readonly Operation[]): LatencyBucketCount[] {
  const counts: number[] = new Array<number>(LATENCY_BUCKET_BOUNDS_MS.length + 1).fill(0);
  for (const op of ops) {
    const latency = latencyOf(op);
    const index = LATENCY_BUCKET_BOUNDS_MS.findIndex((bound) => latency <= bound);
    const slot = index === -1 ? LATENCY_BUCKET_BOUNDS_MS.length : index;
    counts[slot] = (counts[slot] ?? 0) + 1;
  }
  const last = LATENCY_BUCKET_BOUNDS_MS[LATENCY_BUCKET_BOUNDS_MS.length - 1];
  return counts.map((count, i) => ({
    label: i < LATENCY_BUCKET_BOUNDS_MS.length ? `≤ ${LATENCY_BUCKET_BOUNDS_MS[i]} ms` : `> ${last} ms`,
    count,
  }));
}

/** Bucket start (seconds from epoch) of an instant. */
function bucketStartSec(timeMs: number, epochMs: number, bucketSeconds: number): number {
  return Math.floor((timeMs - epochMs) / 1000 / bucketSeconds) * bucketSeconds;
}

function bucketRange(firstSec: number, lastSec: number, bucketSeconds: number): number[] {
  const out: number[] = [];
  for (let s = firstSec; s <= lastSec; s += bucketSeconds) out.push(s);
  return out;
}

function vuRampOf(scenario: string, ops: readonly Operation[], epochMs: number, firstSec: number, lastSec: number): ScenarioRamp {
  const byVu = groupBy(ops, (op) => op.vu);
  const mergedPerVu: Interval[] = [];
  const activePerBucket = new Map<number, Set<string>>();
  for (const [vu, vuOps] of byVu) {
    const merged = mergeIntervals(vuOps.map((op) => normaliseInterval(op.sentAt, op.returnedAt)));
    mergedPerVu.push(...merged);
    for (const { start, end } of merged) {
      // The interval is half-open [start, end): it touches the bucket holding end − 1.
      const from = bucketStartSec(start, epochMs, RAMP_BUCKET_SECONDS);
      const to = bucketStartSec(end - 1, epochMs, RAMP_BUCKET_SECONDS);
      for (let s = from; s <= to; s += RAMP_BUCKET_SECONDS) {
        const set = activePerBucket.get(s) ?? new Set<string>();
        set.add(vu);
        activePerBucket.set(s, set);
      }
    }
  }
  const buckets = bucketRange(firstSec, lastSec, RAMP_BUCKET_SECONDS).map((startSec) => ({
    startSec,
    activeVus: activePerBucket.get(startSec)?.size ?? 0,
  }));
  const peak = peakOverlap(mergedPerVu);
  return {
    scenario,
    distinctVus: byVu.size,
    peakConcurrentVus: peak.peak,
    peakConcurrentAtSec: peak.atMs === null ? null : Math.round((peak.atMs - epochMs) / 100) / 10,
    peakActiveVusPerBucket: buckets.reduce((max, b) => Math.max(max, b.activeVus), 0),
    buckets,
  };
}

/** Count and exact mean of the latencies of the requests given. */
function meanOf(ops: readonly Operation[]): { count: number; meanMs: number | null } {
  if (ops.length === 0) return { count: 0, meanMs: null };
  return { count: ops.length, meanMs: statsOf(ops).meanMs };
}

const isCardCreated = (op: Operation): boolean => op.op === 'add_card' && op.outcome === 'ok';

/** Latency and errors per endpoint, busiest first; the mean also over the requests the generator's saturation did not touch. */
function endpointMetrics(ops: readonly Operation[], saturated: (op: Operation) => boolean): EndpointMetrics[] {
  return [...groupBy(ops, (op) => endpointKey(op.method, op.path))]
    .map(([endpoint, list]) => ({
      endpoint,
      method: list[0]!.method.toUpperCase(),
      route: routeTemplate(list[0]!.path),
      ...statsOf(list),
      distribution: distributionOf(list),
      unsaturated: meanOf(list.filter((op) => !saturated(op))),
    }))
    .sort((a, b) => b.count - a.count || a.endpoint.localeCompare(b.endpoint));
}

type TimeSeries = Pick<PerformanceMetrics, 'overTime' | 'cardCreation' | 'inFlight' | 'vuRamp'>;

/** The run over time, from the first request sent to the last answered: latency, cards created and requests in flight per bucket; VUs active per ramp bucket. */
function timeSeries(ops: readonly Operation[], byScenario: [string, Operation[]][], epochMs: number, firstSentMs: number, lastReturnedMs: number): TimeSeries {
  const first = bucketStartSec(firstSentMs, epochMs, TIME_BUCKET_SECONDS);
  const last = bucketStartSec(lastReturnedMs, epochMs, TIME_BUCKET_SECONDS);
  const buckets = bucketRange(first, last, TIME_BUCKET_SECONDS);
  const bySentBucket = groupBy(ops, (op) => String(bucketStartSec(op.sentAt, epochMs, TIME_BUCKET_SECONDS)));
  const overTime = buckets.map((startSec) => ({ startSec, ...statsOf(bySentBucket.get(String(startSec)) ?? []) }));

  // A card exists from the moment the server acknowledged it.
  const cardsByBucket = groupBy(ops.filter(isCardCreated), (op) => String(bucketStartSec(op.returnedAt, epochMs, TIME_BUCKET_SECONDS)));
  const cardCreation = buckets.map((startSec) => {
    const cards = cardsByBucket.get(String(startSec))?.length ?? 0;
    return { startSec, cards, perSecond: Math.round((cards / TIME_BUCKET_SECONDS) * 100) / 100 };
  });

  const intervals = ops.map((op) => normaliseInterval(op.sentAt, op.returnedAt));
  const inFlight = levelsPerBucket(intervals, epochMs + first * 1000, epochMs + last * 1000, TIME_BUCKET_SECONDS * 1000).map((b) => ({
    startSec: Math.round((b.startMs - epochMs) / 1000),
    peak: b.peak,
    mean: b.mean,
  }));

  const rampFirst = bucketStartSec(firstSentMs, epochMs, RAMP_BUCKET_SECONDS);
  const rampLast = bucketStartSec(lastReturnedMs, epochMs, RAMP_BUCKET_SECONDS);
  const vuRamp = [...byScenario.map(([scenario, list]) => vuRampOf(scenario, list, epochMs, rampFirst, rampLast)), vuRampOf('all', ops, epochMs, rampFirst, rampLast)];
  return { overTime, cardCreation, inFlight, vuRamp };
}

/**
 * Every statistic of performance_metrics.json from the history of one run. `saturated` says
 * which requests were in flight while the load generator was saturated (none by default).
 */
export function computePerformance(ops: readonly Operation[], runInfo: Pick<RunInfo, 'id' | 'epochMs'>, saturated: (op: Operation) => boolean = () => false): PerformanceMetrics {
  const epochMs = runInfo.epochMs;
  const outcomes = { ok: 0, fail: 0, info: 0 };
  for (const op of ops) outcomes[op.outcome] += 1;

  const overall = statsOf(ops);
  const collisions = likelyIdCollisions(ops);
  // Collisions stay in the denominator: they were requests; they just are not counted as faults.
  const errorsExcluding = overall.errors - collisions.size;

  const byScenario = [...groupBy(ops, (op) => op.scenario)].sort(([a], [b]) => a.localeCompare(b));
  const scenarios: ScenarioMetrics[] = byScenario.map(([scenario, list]) => ({
    scenario,
    vus: new Set(list.map((op) => op.vu)).size,
    cardsCreated: list.filter(isCardCreated).length,
    ...statsOf(list),
  }));

  // reduce, not Math.min(...spread): a long run's history would overflow the call stack.
  const firstSentMs = ops.length ? ops.reduce((min, op) => Math.min(min, op.sentAt), Infinity) : null;
  const lastReturnedMs = ops.length ? ops.reduce((max, op) => Math.max(max, op.sentAt, op.returnedAt), -Infinity) : null;
  const series: TimeSeries =
    firstSentMs !== null && lastReturnedMs !== null ? timeSeries(ops, byScenario, epochMs, firstSentMs, lastReturnedMs) : { overTime: [], cardCreation: [], inFlight: [], vuRamp: [] };

  return {
    runId: runInfo.id,
    epochMs,
    bucketSeconds: TIME_BUCKET_SECONDS,
    rampBucketSeconds: RAMP_BUCKET_SECONDS,
    firstSentSec: firstSentMs === null ? null : (firstSentMs - epochMs) / 1000,
    lastReturnedSec: lastReturnedMs === null ? null : (lastReturnedMs - epochMs) / 1000,
    outcomes,
    overall,
    errorRate: overall.errorRate,
    idCollisionErrors: collisions.size,
    errorRateExcludingIdCollisions: overall.count > 0 ? errorsExcluding / overall.count : 0,
    timeoutsWhileSaturated: ops.filter((op) => isTimeout(op) && saturated(op)).length,
    endpoints: endpointMetrics(ops, saturated),
    scenarios,
    errorRateByScenario: scenarios.map(({ scenario, count, errors, errorRate }) => ({ scenario, count, errors, errorRate })),
    overTime: series.overTime,
    cardsCreated: ops.filter(isCardCreated).length,
    cardCreation: series.cardCreation,
    peakInFlight: series.inFlight.reduce((max, b) => Math.max(max, b.peak), 0),
    inFlight: series.inFlight,
    vuRamp: series.vuRamp,
  };
}
