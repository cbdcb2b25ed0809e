/**
 * Judging one row of the matrix from its child run: (a) the run's exit says what it should,
 * (b) the expected finding is there and every piece of it traces back to a FAULT line of the
 * target (and every FAULT line the client saw succeed is reported), (c) nothing else is.
 * Each judgement returns problems as sentences; an empty list is a passed row.
 */
import { VIOLATION_CLASSES, type CauseKind, type Violation, type ViolationClass } from '../../../db/verdict.ts';
import type { ChildRunResult } from './child-run.ts';
import type { ChildOutputs } from './child-outputs.ts';
import { numberField, type FaultEvent } from './fault-events.ts';
import { FAULT_MATCHERS, opLookup, type ClassFault } from './fault-matchers.ts';
import { indeterminateCoverage } from './indeterminate-coverage.ts';
import { kindsOfPath, opInFlight } from './ops-in-flight.ts';
import { sharedMarkedCardIds } from './shared-card-ids.ts';

/** Fewer injections than this and a row proves little: raise the rate. */
export const MIN_INJECTED = 2;

export interface RowJudgement {
  detected: boolean;
  count: number;
  injected: number;
  /** `class×n` of violation classes neither expected nor an accepted side effect. */
  unrelated: string[];
  /** `class×n` of accepted side effects that appeared. */
  sideEffects: string[];
  problems: string[];
  notes: string[];
  /** Evidence that is off without making the finding wrong (the row still passes). */
  warnings: string[];
}

export type SideEffects = Partial<Record<ViolationClass, string>>;

function classCounts(outputs: ChildOutputs): Map<ViolationClass, number> {
  const counts = new Map<ViolationClass, number>();
  for (const name of VIOLATION_CLASSES) {
    const n = outputs.verdict?.countsByClass[name] ?? 0;
    if (n > 0) counts.set(name, n);
  }
  return counts;
}

/** Violation classes other than the expected one, split into accepted side effects and unrelated ones. */
function otherClasses(outputs: ChildOutputs, expected: ViolationClass | null, sideEffects: SideEffects): Pick<RowJudgement, 'unrelated' | 'sideEffects'> {
  const unrelated: string[] = [];
  const accepted: string[] = [];
  for (const [name, n] of classCounts(outputs)) {
    if (name === expected) continue;
    (sideEffects[name] !== undefined ? accepted : unrelated).push(`${name}×${n}`);
  }
  return { unrelated, sideEffects: accepted };
}

/** (a) for a faulted row: the run ended, judged, and failed (exit 1, not a setup failure). */
function failedRunProblems(child: ChildRunResult, outputs: ChildOutputs | null): string[] {
  const problems: string[] = [];
  if (child.timedOut) problems.push(`the child run exceeded its time limit and was stopped after ${Math.round(child.wallMs / 1000)} s`);
  if (child.exitCode !== 1) problems.push(`the child run exited with ${child.exitCode ?? child.signal} — expected 1 (judged and failed); 2 is a setup failure, 0 means the fault went unnoticed`);
  if (!outputs?.verdict) problems.push('the child run left no integrity_violations.json (it was never judged)');
  if (outputs?.summary?.passed !== false) problems.push('test_results_summary.json does not say passed: false');
  return problems;
}

function pluralLines(items: string[], max = 5): string {
  return items.slice(0, max).join('; ') + (items.length > max ? `; … ${items.length - max} more` : '');
}

/**
 * Rows whose fault must become one violation class, matched FAULT line by FAULT line; with
 * `expectedCause`, every report traced to a FAULT line must give that cause (what the fault
 * did is known here, so the checker's account of why can be held to it).
 */
export function judgeClassRow(fault: ClassFault, child: ChildRunResult, outputs: ChildOutputs | null, sideEffects: SideEffects, expectedCause?: CauseKind | 'unknown'): RowJudgement {
  const matcher = FAULT_MATCHERS[fault];
  const expected = matcher.expectedClass;
  const events = outputs?.faults.filter((e) => e.name === fault) ?? [];
  const judgement: RowJudgement = { detected: false, count: 0, injected: events.length, unrelated: [], sideEffects: [], problems: failedRunProblems(child, outputs), notes: [], warnings: [] };
  if (!outputs?.verdict) return judgement;

  const ops = opLookup(outputs.ops);
  const reported = outputs.verdict.violations.filter((v) => v.class === expected);
  judgement.count = reported.length;
  const explained = reported.filter((v) => events.some((e) => matcher.explains(v, e, ops)));
  const consequences = reported.filter((v) => !explained.includes(v) && matcher.followsFrom?.(v, explained, ops) === true);
  const unexplained = reported.filter((v) => !explained.includes(v) && !consequences.includes(v));
  const mustReport = events.filter((e) => matcher.mustReport(e, ops));
  const missed = mustReport.filter((e) => !reported.some((v) => matcher.explains(v, e, ops)));

  Object.assign(judgement, otherClasses(outputs, expected, sideEffects));
  judgement.detected = reported.length > 0 && unexplained.length === 0 && missed.length === 0;
  judgement.notes.push(`${events.length} injected, ${mustReport.length} acknowledged to the client, ${explained.length} reports traced to a FAULT line`);
  if (consequences.length > 0) judgement.notes.push(`${consequences.length} further ${expected} reports follow from an earlier one on the same session`);
  judgement.warnings.push(...workerPidWarnings(explained, events, (v, e) => matcher.explains(v, e, ops)));
  const causes = new Map<string, number>();
  for (const v of explained) causes.set(v.cause.kind, (causes.get(v.cause.kind) ?? 0) + 1);
  if (causes.size > 0) judgement.notes.push(`causes: ${[...causes].map(([kind, n]) => `${kind}×${n}`).join(', ')}`);
  const wrongCause = expectedCause === undefined ? [] : explained.filter((v) => v.cause.kind !== expectedCause);

  const { problems } = judgement;
  if (events.length < MIN_INJECTED) problems.push(`the target injected ${fault} ${events.length} time(s); a row needs at least ${MIN_INJECTED} — raise the rate`);
  if (reported.length === 0) problems.push(`no ${expected} violation was reported`);
  if (missed.length > 0) problems.push(`${missed.length} injected fault(s) not reported as ${expected} with matching evidence: ${pluralLines(missed.map((e) => e.line))}`);
  if (unexplained.length > 0)
    problems.push(`${unexplained.length} ${expected} report(s) match no FAULT line (wrong card, owner or database in the evidence?): ${pluralLines(unexplained.map((v) => v.message))}`);
  if (judgement.unrelated.length > 0) problems.push(`unrelated violation classes: ${judgement.unrelated.join(', ')}`);
  if (wrongCause.length > 0)
    problems.push(`${wrongCause.length} ${expected} report(s) traced to a FAULT line give another cause than ${expectedCause}: ${pluralLines(wrongCause.map((v) => v.message))}`);
  const integrity = outputs.summary?.thresholds.find((t) => t.name === 'integrity violations');
  if (integrity?.passed !== false) problems.push('the integrity threshold is not reported broken in test_results_summary.json');
  return judgement;
}

/**
 * The session-mixup row with the target's diagnostic lines on: every misrouted card traced to
 * a FAULT line must also name, from those lines alone, the worker that wrote it (the FAULT
 * line's pid), the session user it was written for (the FAULT line's `wrote_to_username`) and
 * whose cookie the request carried (its `username`).
 */
export function judgeEnhancedLogRow(child: ChildRunResult, outputs: ChildOutputs | null): RowJudgement {
  const judgement = judgeClassRow('session-mixup', child, outputs, {}, 'session-user-changed');
  if (!outputs?.verdict) return judgement;
  const matcher = FAULT_MATCHERS['session-mixup'];
  const ops = opLookup(outputs.ops);
  const events = outputs.faults.filter((e) => e.name === 'session-mixup');
  const misrouted = outputs.verdict.violations.filter((v) => v.class === 'misrouted');
  const unnamed: string[] = [];
  let named = 0;
  for (const v of misrouted) {
    const event = events.find((e) => matcher.explains(v, e, ops));
    if (!event) continue;
    const expected = `written by PID ${event.pid} for session user ${event.fields.wrote_to_username} while the request carried ${event.fields.username}'s cookie`;
    const cause = v.cause;
    const ok = cause.kind === 'session-user-changed' && v.writtenBy?.pid === event.pid && v.writtenBy.sessionFingerprint !== undefined && v.message.includes(expected);
    if (ok) named++;
    else unnamed.push(`${v.marker ?? v.opIds[0]}: ${cause.kind === 'unknown' ? `cause unknown (${cause.missing})` : cause.text} — expected "${expected}"`);
  }
  judgement.notes.push(`${named} misrouted card(s) name the worker pid, session id and session user from the diagnostic lines`);
  if (named === 0) judgement.problems.push('no misrouted card names its writer from the diagnostic lines');
  if (unnamed.length > 0) judgement.problems.push(`${unnamed.length} misrouted card(s) traced to a FAULT line do not name its writer: ${pluralLines(unnamed)}`);
  judgement.detected = judgement.detected && unnamed.length === 0 && named > 0;
  return judgement;
}

/**
 * The worker pid in a report's evidence should be the worker that served the request: the
 * pid of its FAULT line. A wrong pid sends whoever reads the server log to the wrong process.
 */
function workerPidWarnings(explained: readonly Violation[], events: readonly FaultEvent[], explains: (v: Violation, e: FaultEvent) => boolean): string[] {
  const wrong = explained.filter((v) => {
    const event = events.find((e) => explains(v, e));
    return event?.pid != null && v.workerPid !== event.pid;
  });
  if (wrong.length === 0) return [];
  const example = wrong[0]!;
  const pid = events.find((e) => explains(example, e))?.pid;
  return [
    `evidence names another worker than the FAULT line in ${wrong.length} of ${explained.length} reports (e.g. ${example.marker ?? example.opIds[0]}: workerPid ${example.workerPid ?? 'absent'}, FAULT line pid ${pid})`,
  ];
}

/** The crashed request of a crash-worker FAULT line, and whether the history holds it as `info`. */
function crashedRequestProblems(outputs: ChildOutputs, crashes: readonly FaultEvent[], notes: string[]): string[] {
  const problems: string[] = [];
  const observed = new Map<string, string>();
  for (const o of outputs.verdict?.observations ?? []) {
    const marker = o.evidence.marker;
    if ((o.kind === 'indeterminate-landed' || o.kind === 'indeterminate-not-landed') && typeof marker === 'string') observed.set(marker, o.kind);
  }
  let checkedPhases = 0;
  for (const crash of crashes) {
    const op = opInFlight(outputs.ops, { userId: numberField(crash, 'user'), at: crash.at, kinds: kindsOfPath(crash.fields.path) });
    if (!op) {
      problems.push(`no request of the history was in flight for ${crash.line}`);
      continue;
    }
    if (op.outcome !== 'info') problems.push(`${op.id} (${op.method} ${op.path}) died with its worker but is recorded as ${op.outcome}, not info`);
    if (op.op !== 'add_card' || !op.intent?.marker) continue;
    // The target says whether it committed before dying; the checker must say the same from the files.
    const expected = crash.fields.phase === 'after-commit' ? 'indeterminate-landed' : 'indeterminate-not-landed';
    const seen = observed.get(op.intent.marker);
    checkedPhases++;
    if (seen !== expected) problems.push(`card ${op.intent.marker} crashed ${crash.fields.phase}, so it should be ${expected}, but the verdict says ${seen ?? 'nothing'}`);
  }
  notes.push(`${crashes.length} crashes, ${checkedPhases} of them in an add whose landing was checked against the crash phase`);
  return problems;
}

/**
 * One crash is enough to prove the rule (every request it cut, and every request refused
 * while no worker listened, is `info` and judged so); more are better, but how many happen
 * depends on how fast the target replaces its workers, which is the target's business.
 */
const MIN_CRASHES = 1;

/** A target that never answers again after a crash has not replaced its workers (the README says it must). */
function targetDownWarnings(outputs: ChildOutputs, crashes: readonly FaultEvent[]): string[] {
  const lastAnswered = Math.max(...outputs.ops.filter((op) => op.status !== null).map((op) => op.sentAt));
  const firstCrash = crashes[0];
  if (!firstCrash) return [];
  const refusedAfter = outputs.ops.filter((op) => op.sentAt > Math.max(lastAnswered, firstCrash.at) && /ECONNREFUSED/.test(op.error ?? ''));
  if (refusedAfter.length === 0) return [];
  const when = new Date(lastAnswered).toISOString().slice(11, 23);
  return [`the target answered nothing after ${when} (UTC): ${refusedAfter.length} later requests were refused — no replacement worker took over after ${crashes.length} crash(es)`];
}

/** crash-worker: cut requests are `info`, each indeterminate add is reported landed or not, none is lost. */
export function judgeCrashRow(child: ChildRunResult, outputs: ChildOutputs | null, sideEffects: SideEffects): RowJudgement {
  const crashes = outputs?.faults.filter((e) => e.name === 'crash-worker') ?? [];
  const judgement: RowJudgement = { detected: false, count: 0, injected: crashes.length, unrelated: [], sideEffects: [], problems: failedRunProblems(child, outputs), notes: [], warnings: [] };
  if (!outputs?.verdict) return judgement;
  const coverage = indeterminateCoverage(outputs);
  judgement.count = coverage.observed;
  Object.assign(judgement, otherClasses(outputs, null, sideEffects));
  const problems = [...crashedRequestProblems(outputs, crashes, judgement.notes), ...coverage.problems];
  judgement.notes.push(`${coverage.infoAdds} indeterminate adds: ${coverage.landed} landed, ${coverage.notLanded} not landed`);
  if (crashes.length < MIN_CRASHES) problems.push(`the target never crashed; raise the rate`);
  judgement.warnings.push(...targetDownWarnings(outputs, crashes));
  if (coverage.infoAdds === 0) problems.push('no add_card was left indeterminate, so nothing shows how the checker treats one');
  if (judgement.unrelated.length > 0) problems.push(`unrelated violation classes: ${judgement.unrelated.join(', ')}`);
  judgement.detected = problems.length === 0;
  judgement.problems.push(...problems);
  return judgement;
}

const LATENCY_THRESHOLDS = ['average POST /add_card', 'average GET /review'];

/** latency: a latency threshold is broken, timed-out requests are `info`, and no timed-out add is lost. */
export function judgeLatencyRow(child: ChildRunResult, outputs: ChildOutputs | null, sideEffects: SideEffects): RowJudgement {
  const delays = outputs?.faults.filter((e) => e.name === 'latency') ?? [];
  const judgement: RowJudgement = { detected: false, count: 0, injected: delays.length, unrelated: [], sideEffects: [], problems: failedRunProblems(child, outputs), notes: [], warnings: [] };
  if (!outputs?.verdict || !outputs.summary) return judgement;
  const broken = outputs.summary.thresholds.filter((t) => LATENCY_THRESHOLDS.includes(t.name) && t.passed === false);
  const timedOut = outputs.ops.filter((op) => op.status === null && /timeout/i.test(op.error ?? ''));
  const coverage = indeterminateCoverage(outputs);
  judgement.count = timedOut.length;
  Object.assign(judgement, otherClasses(outputs, null, sideEffects));
  judgement.notes.push(...broken.map((t) => t.line), `${coverage.infoAdds} indeterminate adds: ${coverage.landed} landed, ${coverage.notLanded} not landed`);

  const problems = [...coverage.problems];
  if (broken.length === 0)
    problems.push(
      `neither latency threshold is broken: ${outputs.summary.thresholds
        .filter((t) => LATENCY_THRESHOLDS.includes(t.name))
        .map((t) => t.line)
        .join('; ')}`,
    );
  if (timedOut.length === 0) problems.push('no request timed out, so nothing shows how a timeout is recorded — lower REQUEST_TIMEOUT_MS');
  const notInfo = timedOut.filter((op) => op.outcome !== 'info');
  if (notInfo.length > 0) problems.push(`${notInfo.length} timed-out request(s) recorded as other than info: ${notInfo.map((op) => op.id).join(', ')}`);
  if (judgement.unrelated.length > 0) problems.push(`unrelated violation classes: ${judgement.unrelated.join(', ')}`);
  judgement.detected = problems.length === 0;
  judgement.problems.push(...problems);
  return judgement;
}

/** The faithful target: exit 0, no violation at all, and every shared card id reported as an observation only. */
export function judgeCleanRow(child: ChildRunResult, outputs: ChildOutputs | null): RowJudgement {
  const judgement: RowJudgement = { detected: false, count: 0, injected: outputs?.faults.length ?? 0, unrelated: [], sideEffects: [], problems: [], notes: [], warnings: [] };
  const { problems } = judgement;
  if (child.timedOut) problems.push(`the child run exceeded its time limit and was stopped after ${Math.round(child.wallMs / 1000)} s`);
  if (child.exitCode !== 0) problems.push(`the clean run exited with ${child.exitCode ?? child.signal}, expected 0: ${outputs?.summary?.failures.join('; ') ?? 'no summary written'}`);
  if (!outputs?.verdict) {
    problems.push('the child run left no integrity_violations.json (it was never judged)');
    return judgement;
  }
  if (outputs.summary?.passed !== true) problems.push(`test_results_summary.json does not say passed: true (${outputs.summary?.failures.join('; ') ?? 'missing'})`);
  if (outputs.faults.length > 0) problems.push(`the faithful target logged ${outputs.faults.length} FAULT line(s)`);
  judgement.unrelated = [...classCounts(outputs)].map(([name, n]) => `${name}×${n}`);
  if (judgement.unrelated.length > 0) problems.push(`violations on the faithful target: ${pluralLines(outputs.verdict.violations.map((v) => `[${v.class}] ${v.message}`))}`);
  if (outputs.verdict.countsByClass.misrouted !== 0) problems.push('equal card ids across databases were counted as contamination (misrouted > 0)');

  // Same-second ids: found independently in the snapshots, each must be an observation, never a violation.
  const shared = sharedMarkedCardIds(outputs.runDir);
  const observed = new Set(outputs.verdict.observations.filter((o) => o.kind === 'id-collision' && typeof o.evidence.cardId === 'number').map((o) => o.evidence.cardId as number));
  const unobserved = [...shared.keys()].filter((id) => !observed.has(id));
  judgement.count = observed.size;
  judgement.notes.push(`${shared.size} card ids of marked cards are shared across databases (same-second ids); ${observed.size} reported as id-collision observations`);
  if (unobserved.length > 0) problems.push(`shared card ids not reported as id-collision observations: ${unobserved.slice(0, 5).join(', ')}`);
  judgement.detected = problems.length === 0;
  return judgement;
}

/**
 * Overload rows (`stall`, `drop`): the target holds writes past the client's timeout, then serves
 * them late or never. The verdict must stay true — not one violation, the integrity threshold
 * not broken — whatever the run's other outcome (VUs whose requests went unanswered fail their
 * own tests: that is capacity, not integrity). `stall`: the late effects are counted as
 * `applied-late` observations or landed indeterminate adds; `drop`: nothing is claimed for a write
 * that never ran, and no late effect is counted.
 */
export function judgeOverloadRow(fault: 'stall' | 'drop', child: ChildRunResult, outputs: ChildOutputs | null): RowJudgement {
  const events = outputs?.faults.filter((e) => e.name === fault) ?? [];
  const judgement: RowJudgement = { detected: false, count: 0, injected: events.length, unrelated: [], sideEffects: [], problems: [], notes: [], warnings: [] };
  const { problems } = judgement;
  if (child.timedOut) problems.push(`the child run exceeded its time limit and was stopped after ${Math.round(child.wallMs / 1000)} s`);
  if (child.exitCode === 2) problems.push('the child run exited with 2: a setup failure, not a judged run');
  if (!outputs?.verdict) {
    problems.push('the child run left no integrity_violations.json (it was never judged)');
    return judgement;
  }
  const late = outputs.verdict.observations.filter((o) => o.kind === 'applied-late');
  const lateCount = late.reduce((sum, o) => sum + (typeof o.evidence.count === 'number' ? o.evidence.count : 0), 0);
  const landed = outputs.verdict.observations.filter((o) => o.kind === 'indeterminate-landed').length;
  const notLanded = outputs.verdict.observations.filter((o) => o.kind === 'indeterminate-not-landed').length;
  judgement.count = fault === 'stall' ? lateCount + landed : notLanded;
  judgement.unrelated = [...classCounts(outputs)].map(([name, n]) => `${name}×${n}`);
  judgement.notes.push(`${events.length} held, ${lateCount} applied late (${late.map((o) => o.message).join(' ')}), ${landed} indeterminate adds landed, ${notLanded} not landed`);
  if (events.length < MIN_INJECTED) problems.push(`the target injected ${fault} ${events.length} time(s); a row needs at least ${MIN_INJECTED} — raise the rate`);
  if (outputs.verdict.violations.length > 0)
    problems.push(`${outputs.verdict.violations.length} violation(s) where the server only answered late or not at all: ${pluralLines(outputs.verdict.violations.map((v) => v.message))}`);
  const integrity = outputs.summary?.thresholds.find((t) => t.name === 'integrity violations');
  if (integrity?.passed === false) problems.push(`the integrity threshold is reported broken: ${integrity.line}`);
  if (fault === 'stall' && lateCount + landed === 0) problems.push('no late effect was counted: neither an applied-late observation nor a landed indeterminate add');
  if (fault === 'drop' && lateCount > 0) problems.push(`${lateCount} effect(s) counted as applied late though the target served none of the held writes`);
  if (fault === 'drop' && landed > 0) problems.push(`${landed} indeterminate add(s) reported landed though the target served none of the held writes`);
  judgement.detected = problems.length === 0;
  return judgement;
}
