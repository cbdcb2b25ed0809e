/**
 * What the live dashboard sends its pages, one server-sent event per frame. The first frame
 * a page gets holds the whole run so far (`full`); every later one holds only what is new, so
 * a page appends frames and a page opened late still draws the run from its start. Times are
 * seconds from the run epoch (negative: registration, before stage 1).
 */
import type { ProgressSnapshot } from '../live-progress.ts';
import type { RunResult } from '../../db/decision/run-decision.ts';

export interface RampPoint {
  t: number;
  /** VUs with a request returned in the last ACTIVE_WINDOW_MS, by scenario. */
  active: Record<string, number>;
}

/** The VUs a scenario's schedule has running: a step function of (t, count) pairs. */
export interface PlannedRamp {
  scenario: string;
  steps: { t: number; count: number }[];
}

/** One endpoint over one bucket of returned requests. */
export interface EndpointPoint {
  t: number;
  endpoint: string;
  rps: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** One scenario over one bucket: requests, errors (fail or info) and timeouts among them, per second. */
export interface ScenarioErrorPoint {
  t: number;
  scenario: string;
  rps: number;
  errorsPerSec: number;
  timeoutsPerSec: number;
}

/** CPU between two samples of the monitor, in % of one core; machine in % of all cores. */
export interface CpuPoint {
  t: number;
  machinePct: number;
  runnerPct: number | null;
  browserPct: number | null;
  serverPct: number | null;
}

/** Worst event-loop p99 of the second, the runner's and the workers'. */
export interface LoopPoint {
  t: number;
  runnerP99Ms: number | null;
  workersP99Ms: number | null;
}

/** A window in which the generator was saturated: latencies inside it are not judged. */
export interface ShadedWindow {
  startT: number;
  endT: number;
  reason: string;
}

export interface ViolationRow {
  /** When the audit's finding reached the runner. */
  foundT: number;
  vu: string;
  cls: string;
  card: string;
  cause: string;
  message: string;
}

export interface IntegrityView {
  acknowledged: number;
  /** Acknowledged cards of VUs whose own audit has run (their test ended). */
  audited: number;
  violations: number;
}

export interface VerdictView {
  /** null: the run ended without writing its decision (see the terminal). */
  result: RunResult | null;
  word: string;
  criteria: { id: number; name: string; passed: boolean | null; detail: string }[];
  failures: string[];
  /** The run's report.html on disk, and whether the dashboard serves it. */
  reportPath: string | null;
}

export interface RunView {
  id: string;
  profile: string;
  planned: PlannedRamp[];
  /** Mean-latency limits drawn on their endpoints' charts. */
  latencyLimits: { endpoint: string; limitMs: number }[];
  errorRateLimit: number;
  bucketSeconds: number;
}

export interface DashboardFrame {
  full: boolean;
  run: RunView;
  header: ProgressSnapshot & { line: string };
  integrity: IntegrityView;
  ramp: RampPoint[];
  endpoints: EndpointPoint[];
  errors: ScenarioErrorPoint[];
  cpu: CpuPoint[];
  loop: LoopPoint[];
  /** Every window so far (they grow and merge), not only new ones; null: unchanged since the last frame. */
  windows: ShadedWindow[] | null;
  violations: ViolationRow[];
  verdict: VerdictView | null;
}
