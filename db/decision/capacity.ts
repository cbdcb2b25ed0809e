/**
 * Capacity, named: the run cut into the stages of its ramp, each with its active users,
 * throughput, p95 and error and timeout rates, every threshold judged on the stage alone, and
 * the first stage at which each broke — "capacity on this machine: between 300 and 450 users;
 * integrity held". A breakpoint view beside the verdict; the verdict itself is decided elsewhere.
 *
 * The stages are the profile's ramp (the offsets at which writers and reviewers start). A run
 * with no ramp (a merged run, a run of sessions alone) is cut into bands of active users
 * instead: 5-s buckets of the history, each counted by the VUs it had in flight, grouped by
 * that count. A request in flight while the load generator was saturated is counted and
 * flagged, never judged: a stage whose every request was is "not judged", never a pass.
 * Integrity is placed by when the violating request was sent; a violation is never excused by
 * the generator.
 */
import type { Operation } from '../../helpers/history/operation.ts';
import type { Violation } from '../verdict.ts';
import { isTimeout, saturationTest, type SaturatedWindow } from './generator-health.ts';
import { likelyIdCollisions } from './id-collisions.ts';
import { mergeIntervals, normaliseInterval } from './interval-sweep.ts';
import { splitViolations } from './known-findings.ts';
import { LatencyAccumulator } from './latency-stats.ts';
import { endpointKey } from './route-template.ts';
import type { ThresholdLimits } from './thresholds.ts';

/** From `atMs` after the run epoch on, the ramp had planned `users` VUs running. */
export interface RampStage {
  atMs: number;
  users: number;
}

export interface CapacityInput {
  operations: readonly Operation[];
  epochMs: number;
  /** The profile's ramp, summed over the ramped scenarios the run played; empty: bands of active users. */
  stages: readonly RampStage[];
  limits: ThresholdLimits;
  /** The generator's saturated windows (generator-health.ts): requests in flight in them are not judged. */
  saturatedWindows: readonly SaturatedWindow[];
  violations: readonly Violation[];
  /** The checker's validity: 'unknown' means integrity could not be judged everywhere. */
  integrityValid: boolean | 'unknown';
  /**
   * The run's 5xx by cause, as the checker read them from the server log (`id-collision`, …):
   * named beside a broken error rate, so errors of the server's id scheme or of a fault are not
   * read as what load did. Absent: not named.
   */
  serverErrorCauses?: Readonly<Record<string, number>>;
}

/** One threshold on one stage: passed null when the stage gave nothing to judge it on. */
export interface StageCheck {
  name: string;
  limit: number;
  measured: number | null;
  unit: 'ms' | 'ratio' | 'count';
  passed: boolean | null;
}

export interface CapacityRow {
  /** `stage 3 at 60 s`, or `26–50 users` for a band. */
  label: string;
  /** Seconds from the run epoch (a stage); null for a band, whose buckets need not be contiguous. */
  startSec: number | null;
  endSec: number | null;
  /** How long the row lasted, s (a band: its buckets together). */
  seconds: number;
  /** VUs the profile's ramp had running (null for a band). */
  plannedUsers: number | null;
  /** Distinct VUs with a request in flight during the stage (a band: its busiest bucket). */
  activeUsers: number;
  requests: number;
  /** Of them, in flight while the load generator was saturated: counted, not judged. */
  saturatedRequests: number;
  requestsPerSecond: number;
  /** p95 latency of the requests judged (not saturated), ms. */
  p95Ms: number | null;
  /** The judged error rate, as the error-rate threshold counts it (saturated timeouts and, when configured, id collisions left out). */
  errorRate: number | null;
  /** Requests that timed out on the client, of all requests of the row. */
  timeoutRate: number;
  /** Unexpected integrity violations whose request was sent in this row. */
  violations: number;
  /** false: every request of the row was in flight while the generator was saturated (or none was sent). */
  judged: boolean;
  checks: StageCheck[];
}

/** The first row at which a threshold broke, or why none did. */
export interface CapacityBreak {
  name: string;
  /** Index into rows; null when no row broke it. */
  row: number | null;
  /** broke, held (judged somewhere and never broke) or not-judged (no row judged it). */
  state: 'broke' | 'held' | 'not-judged';
  line: string;
}

export interface CapacityView {
  basis: 'ramp-stages' | 'active-user-bands';
  rows: CapacityRow[];
  breaks: CapacityBreak[];
  /** Requests sent before the first row (setup's signups): left out of every row. */
  requestsOutside: number;
  /** Unexpected violations without a send time in any row (a card found, no request to place it). */
  violationsUnplaced: number;
  /** One line: `capacity on this machine: between 300 and 450 users; integrity held`. */
  statement: string;
}

/** Buckets of the band view, as the measured VU ramp uses (performance.ts RAMP_BUCKET_SECONDS). */
export const BAND_BUCKET_MS = 5_000;
/** At most this many bands: a breakpoint view, not a histogram. */
const MAX_BANDS = 6;

const ADD_CARD = 'POST /add_card';
const REVIEW = 'GET /review';

/** A row's time cover: which instants belong to it. */
interface Window {
  label: string;
  startMs: number | null;
  endMs: number | null;
  seconds: number;
  plannedUsers: number | null;
  /** Band rows: the active users of their busiest bucket, known before the requests are grouped. */
  activeUsers?: number;
}

interface Placement {
  windows: Window[];
  /** The row an instant (a send time) belongs to; null: outside every row. */
  rowOf: (timeMs: number) => number | null;
}

/** The ramp's stages as rows: each from its offset to the next one's, the last to the end of the run. */
function stagePlacement(stages: readonly RampStage[], epochMs: number, lastMs: number): Placement {
  const sorted = [...stages].sort((a, b) => a.atMs - b.atMs);
  const starts = sorted.map((s) => epochMs + s.atMs);
  const windows = sorted.map((s, i) => {
    const startMs = starts[i]!;
    const endMs = Math.max(startMs, i + 1 < starts.length ? starts[i + 1]! : lastMs);
    return { label: `stage ${i + 1} at ${Math.round(s.atMs / 1000)} s`, startMs, endMs, seconds: (endMs - startMs) / 1000, plannedUsers: s.users };
  });
  const rowOf = (timeMs: number): number | null => {
    if (timeMs < starts[0]!) return null;
    let row = 0;
    while (row + 1 < starts.length && starts[row + 1]! <= timeMs) row += 1;
    return row;
  };
  return { windows, rowOf };
}

/** Each VU's requests joined into busy intervals (a VU counts once however many it had open). */
function busyIntervalsByVu(ops: readonly Operation[]): Map<string, ReturnType<typeof mergeIntervals>> {
  const byVu = new Map<string, { start: number; end: number }[]>();
  for (const op of ops) {
    const list = byVu.get(op.vu) ?? [];
    list.push(normaliseInterval(op.sentAt, op.returnedAt));
    byVu.set(op.vu, list);
  }
  return new Map([...byVu].map(([vu, intervals]) => [vu, mergeIntervals(intervals)]));
}

/** A round band width (1, 2, 5 × 10ⁿ) that cuts `peak` users into at most MAX_BANDS bands. */
function bandWidth(peak: number): number {
  const raw = Math.max(1, peak / MAX_BANDS);
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((w) => w >= raw) ?? 10 * power;
}

/** Bands of active users: 5-s buckets counted by the VUs they had in flight, grouped by that count. */
function bandPlacement(ops: readonly Operation[], firstMs: number, lastMs: number): Placement {
  const bucketOf = (timeMs: number): number => Math.floor((timeMs - firstMs) / BAND_BUCKET_MS);
  const buckets = bucketOf(lastMs) + 1;
  const active: Set<string>[] = Array.from({ length: buckets }, () => new Set<string>());
  for (const [vu, intervals] of busyIntervalsByVu(ops)) {
    for (const { start, end } of intervals) {
      // Half-open [start, end): the interval touches the bucket holding end − 1.
      for (let b = Math.max(0, bucketOf(start)); b <= Math.min(buckets - 1, bucketOf(end - 1)); b++) active[b]!.add(vu);
    }
  }
  const levels = active.map((set) => set.size);
  const width = bandWidth(levels.reduce((max, n) => Math.max(max, n), 0));
  const bandOfLevel = (level: number): number => Math.ceil(level / width) - 1;
  const used = [...new Set(levels.filter((n) => n > 0).map(bandOfLevel))].sort((a, b) => a - b);
  const rowOfBand = new Map(used.map((band, row) => [band, row]));
  const windows: Window[] = used.map((band) => {
    const inBand = levels.filter((n) => n > 0 && bandOfLevel(n) === band);
    const low = band * width + 1;
    const high = (band + 1) * width;
    return {
      label: low === high ? `${high} users` : `${low}–${high} users`,
      startMs: null,
      endMs: null,
      seconds: (inBand.length * BAND_BUCKET_MS) / 1000,
      plannedUsers: null,
      activeUsers: inBand.reduce((max, n) => Math.max(max, n), 0),
    };
  });
  const rowOf = (timeMs: number): number | null => {
    const b = bucketOf(timeMs);
    const level = b >= 0 && b < buckets ? levels[b]! : 0;
    return level > 0 ? (rowOfBand.get(bandOfLevel(level)) ?? null) : null;
  };
  return { windows, rowOf };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function meanLatency(ops: readonly Operation[]): number | null {
  if (ops.length === 0) return null;
  return round(ops.reduce((sum, op) => sum + Math.max(0, op.returnedAt - op.sentAt), 0) / ops.length, 1);
}

function p95(ops: readonly Operation[]): number | null {
  if (ops.length === 0) return null;
  const acc = new LatencyAccumulator();
  for (const op of ops) acc.add(op.returnedAt - op.sentAt, op.outcome !== 'ok');
  return acc.finish().p95Ms;
}

function latencyCheck(name: string, endpoint: string, limitMs: number, judged: readonly Operation[]): StageCheck {
  const measured = meanLatency(judged.filter((op) => endpointKey(op.method, op.path) === endpoint));
  return { name, limit: limitMs, measured, unit: 'ms', passed: measured === null ? null : measured < limitMs };
}

/** The send time of a violation: its own, else the earliest of the requests it names. */
function sentAtOf(v: Violation, sentAtById: ReadonlyMap<string, number>): number | null {
  if (v.sentAt !== undefined) return v.sentAt;
  const times = v.opIds.map((id) => sentAtById.get(id)).filter((t): t is number => t !== undefined);
  return times.length ? Math.min(...times) : null;
}

function errorRateName(limits: ThresholdLimits): string {
  return limits.errorRateExcludesIdCollisions ? 'error rate excluding id collisions' : 'error rate';
}

function formatValue(check: Pick<StageCheck, 'unit'>, value: number): string {
  if (check.unit === 'ms') return `${Math.round(value)} ms`;
  if (check.unit === 'ratio') return `${round(value * 100, 2)} %`;
  return String(value);
}

function usersText(row: CapacityRow): string {
  return `${row.activeUsers} user${row.activeUsers === 1 ? '' : 's'}`;
}

/** Where each threshold first broke, in the thresholds' order. */
function breaksOf(rows: readonly CapacityRow[], names: readonly string[]): CapacityBreak[] {
  return names.map((name) => {
    const checks = rows.map((row) => row.checks.find((c) => c.name === name));
    const index = checks.findIndex((c) => c?.passed === false);
    if (index >= 0) {
      const row = rows[index]!;
      const check = checks[index]!;
      const measured = check.measured === null ? '' : ` (${formatValue(check, check.measured)} against ${check.unit === 'count' ? 'at most ' : ''}${formatValue(check, check.limit)})`;
      return { name, row: index, state: 'broke' as const, line: `${name} first broke at ${row.label}, ${usersText(row)}${measured}` };
    }
    const judged = checks.filter((c) => c?.passed === true).length;
    return judged > 0
      ? { name, row: null, state: 'held' as const, line: `${name} held in every stage judged (${judged} of ${rows.length})` }
      : { name, row: null, state: 'not-judged' as const, line: `${name} not judged in any stage` };
  });
}

/** The error-rate threshold's name, and the run's 5xx by cause the log gave. */
interface ErrorRateCauses {
  name: string;
  causes: Readonly<Record<string, number>> | undefined;
}

/** `; the run's 5xx by cause: id-collision 8` when the error rate is among what broke and the log gave causes. */
function errorCausesText(what: readonly string[], errorRate: ErrorRateCauses): string {
  const named = Object.entries(errorRate.causes ?? {}).filter(([, n]) => n > 0);
  if (!what.includes(errorRate.name) || named.length === 0) return '';
  return `; the run's 5xx by cause: ${named.map(([cause, n]) => `${cause} ${n}`).join(', ')}`;
}

/** The one line: where performance broke, and whether integrity held. */
function statementOf(rows: readonly CapacityRow[], breaks: readonly CapacityBreak[], integrityName: string, unplaced: number, valid: boolean | 'unknown', errorRate: ErrorRateCauses): string {
  const performance = breaks.filter((b) => b.name !== integrityName);
  const broken = performance.filter((b) => b.row !== null).sort((a, b) => a.row! - b.row!);
  const first = broken[0];
  let capacity: string;
  if (first) {
    const at = rows[first.row!]!;
    const below = rows.slice(0, first.row!).filter((r) => r.judged && r.checks.every((c) => c.name === integrityName || c.passed !== false));
    const lastGood = below[below.length - 1];
    const what = broken.filter((b) => b.row === first.row).map((b) => b.name);
    const causes = errorCausesText(what, errorRate);
    if (!lastGood) capacity = `below ${usersText(at)} (${what.join(', ')} broke already at ${at.label}, the first judged${causes})`;
    else if (lastGood.activeUsers < at.activeUsers) capacity = `between ${lastGood.activeUsers} and ${usersText(at)} (${what.join(', ')} broke at ${at.label}${causes})`;
    // Not more users than a stage that held: what broke it was time under load, not the count.
    else capacity = `${usersText(at)} after a while: ${what.join(', ')} broke at ${at.label}, though ${usersText(lastGood)} held at ${lastGood.label}${causes}`;
  } else if (rows.some((r) => r.judged)) {
    const peak = rows.filter((r) => r.judged).reduce((max, r) => Math.max(max, r.activeUsers), 0);
    capacity = `at least ${peak} user${peak === 1 ? '' : 's'} (no threshold broke up to the busiest stage judged)`;
  } else {
    capacity = rows.length ? 'not judged (every request was in flight while the load generator was saturated)' : 'not judged (no request in any stage)';
  }
  const integrity = breaks.find((b) => b.name === integrityName);
  const integrityText =
    integrity?.row !== null && integrity?.row !== undefined
      ? `integrity broke at ${rows[integrity.row]!.label} (${usersText(rows[integrity.row]!)})`
      : unplaced > 0
        ? `integrity broken (${unplaced} violation${unplaced === 1 ? '' : 's'} not placed in a stage)`
        : valid === 'unknown'
          ? 'integrity not judged everywhere'
          : 'integrity held';
  return `capacity on this machine: ${capacity}; ${integrityText}`;
}

/** The capacity view of a run: per-stage rows, the first breaking stage per threshold, and the one line. */
export function judgeCapacity(input: CapacityInput): CapacityView {
  const { operations: ops, epochMs, limits } = input;
  const saturated = saturationTest(input.saturatedWindows);
  const collisions = limits.errorRateExcludesIdCollisions ? likelyIdCollisions(ops) : new Set<string>();
  const { unexpected } = splitViolations(input.violations, limits.knownFindings ?? []);
  const integrityName = 'integrity violations';
  const names = [`average ${ADD_CARD}`, `average ${REVIEW}`, errorRateName(limits), integrityName];

  const stagesPlayed = input.stages.length > 0;
  const firstMs = ops.reduce((min, op) => Math.min(min, op.sentAt), Infinity);
  const lastMs = ops.reduce((max, op) => Math.max(max, op.sentAt + 1, op.returnedAt), -Infinity);
  const placement: Placement =
    ops.length === 0
      ? { windows: [], rowOf: () => null }
      : stagesPlayed
        ? stagePlacement(input.stages, epochMs, lastMs)
        : bandPlacement(
            ops.filter((op) => op.sentAt >= epochMs),
            Math.max(epochMs, firstMs),
            lastMs,
          );

  const opsOfRow: Operation[][] = placement.windows.map(() => []);
  let requestsOutside = 0;
  for (const op of ops) {
    // Setup's signups come before the epoch: they are no stage's load.
    const row = op.sentAt >= epochMs ? placement.rowOf(op.sentAt) : null;
    if (row === null) requestsOutside += 1;
    else opsOfRow[row]!.push(op);
  }

  const sentAtById = new Map(ops.map((op) => [op.id, op.sentAt]));
  const violationsOfRow = placement.windows.map(() => 0);
  let violationsUnplaced = 0;
  for (const v of unexpected) {
    const at = sentAtOf(v, sentAtById);
    const row = at === null ? null : placement.rowOf(Math.max(at, epochMs));
    if (row === null) violationsUnplaced += 1;
    else violationsOfRow[row]! += 1;
  }

  const busy = stagesPlayed ? busyIntervalsByVu(ops) : new Map<string, never[]>();
  let violationsSoFar = violationsUnplaced;
  const rows: CapacityRow[] = placement.windows.map((w, i) => {
    const rowOps = opsOfRow[i]!;
    const judgedOps = rowOps.filter((op) => !saturated(op));
    const saturatedTimeouts = rowOps.filter((op) => saturated(op) && isTimeout(op)).length;
    const judged = judgedOps.length > 0;
    const counted = rowOps.length - saturatedTimeouts;
    const errors = rowOps.filter((op) => op.outcome !== 'ok' && !collisions.has(op.id)).length - saturatedTimeouts;
    const errorRate = judged && counted > 0 ? errors / counted : null;
    violationsSoFar += violationsOfRow[i]!;
    const activeUsers = w.activeUsers ?? [...busy.values()].filter((intervals) => intervals.some(({ start, end }) => start < (w.endMs ?? Infinity) && end > (w.startMs ?? -Infinity))).length;
    const checks: StageCheck[] = [
      latencyCheck(names[0]!, ADD_CARD, limits.addCardAvgMs, judgedOps),
      latencyCheck(names[1]!, REVIEW, limits.reviewAvgMs, judgedOps),
      { name: names[2]!, limit: limits.errorRate, measured: errorRate, unit: 'ratio', passed: errorRate === null ? null : errorRate < limits.errorRate },
      // A count limit is the run's: the stage at which the run's violations passed it.
      { name: integrityName, limit: limits.maxViolations, measured: violationsSoFar, unit: 'count', passed: violationsSoFar <= limits.maxViolations },
    ];
    return {
      label: w.label,
      startSec: w.startMs === null ? null : round((w.startMs - epochMs) / 1000, 1),
      endSec: w.endMs === null ? null : round((w.endMs - epochMs) / 1000, 1),
      seconds: round(w.seconds, 1),
      plannedUsers: w.plannedUsers,
      activeUsers,
      requests: rowOps.length,
      saturatedRequests: rowOps.length - judgedOps.length,
      requestsPerSecond: w.seconds > 0 ? round(rowOps.length / w.seconds, 2) : 0,
      p95Ms: p95(judgedOps),
      errorRate: errorRate === null ? null : round(errorRate, 4),
      timeoutRate: rowOps.length ? round(rowOps.filter(isTimeout).length / rowOps.length, 4) : 0,
      violations: violationsOfRow[i]!,
      judged,
      checks,
    };
  });

  const breaks = breaksOf(rows, names);
  return {
    basis: stagesPlayed ? 'ramp-stages' : 'active-user-bands',
    rows,
    breaks,
    requestsOutside,
    violationsUnplaced,
    statement: statementOf(rows, breaks, integrityName, violationsUnplaced, input.integrityValid, { name: names[2]!, causes: input.serverErrorCauses }),
  };
}

/**
 * The ramp a profile plays: at each offset where writers or reviewers start, the VUs of the
 * ramped scenarios the run played that are running from then on. Empty when it played none.
 */
export function rampOf(stagesByScenario: readonly (readonly { atMs: number; count: number }[])[]): RampStage[] {
  const offsets = [...new Set(stagesByScenario.flatMap((stages) => stages.map((s) => s.atMs)))].sort((a, b) => a - b);
  const runningAt = (stages: readonly { atMs: number; count: number }[], atMs: number): number => stages.filter((s) => s.atMs <= atMs).reduce((n, s) => Math.max(n, s.count), 0);
  return offsets.map((atMs) => ({ atMs, users: stagesByScenario.reduce((n, stages) => n + runningAt(stages, atMs), 0) }));
}

/** The view on the terminal: one line per stage, where each threshold broke, and the statement. */
export function capacityLines(view: CapacityView): string[] {
  if (view.rows.length === 0) return [`Capacity: ${view.statement}`];
  const basis = view.basis === 'ramp-stages' ? "by stage of the profile's ramp" : 'by band of active users (the run has no ramp)';
  const pct = (ratio: number | null): string => (ratio === null ? '–' : `${round(ratio * 100, 2)} %`);
  const mark = (row: CapacityRow): string => {
    if (!row.judged) return 'not judged';
    const broken = row.checks.filter((c) => c.passed === false).map((c) => c.name);
    return broken.length ? `BROKE ${broken.join(', ')}` : 'ok';
  };
  const stageLines = view.rows.map((row) => {
    const planned = row.plannedUsers === null ? '' : ` (planned ${row.plannedUsers})`;
    const sat = row.saturatedRequests ? `, ${row.saturatedRequests} saturated` : '';
    return `  ${row.label}: ${usersText(row)}${planned}, ${row.requestsPerSecond} req/s, p95 ${row.p95Ms === null ? '–' : `${row.p95Ms} ms`}, errors ${pct(row.errorRate)}, timeouts ${pct(row.timeoutRate)}${sat} — ${mark(row)}`;
  });
  const broke = view.breaks.filter((b) => b.state === 'broke').map((b) => `  ${b.line}`);
  return [`Capacity ${basis}:`, ...stageLines, ...broke, view.statement];
}
