/**
 * The checker: judges a recorded history against the SQLite files the server left behind.
 * Reads admin.db and every user database once, then every class of `verdict.ts` is a
 * lookup in that index. Read-only throughout; runs the same on a live data directory and
 * on a snapshot folder (both hold admin.db and user_dbs/).
 */
import type { Operation } from '../helpers/history/operation.ts';
import type { PoolUser } from '../helpers/run/run-dir.ts';
import { VIOLATION_CLASSES, type HistoryCoverage, type Observation, type Verdict, type ViolationClass } from './verdict.ts';
import type { AuditContext } from './audit-context.ts';
import { indexDatabases, type DatabaseIndex } from './database-index.ts';
import type { CollectionCache } from './collection-cache.ts';
import { indexLog } from './log-match.ts';
import { readServerLog } from './server-log.ts';
import { readSessionFiles } from './session-files.ts';
import { causeText } from './evidence-text.ts';
import { measureClockOffset } from './clock-offset.ts';
import { judgeCards, type MarkerFate } from './judges/card-judge.ts';
import { observeCollisions } from './judges/collision-observer.ts';
import { reconcileWriters } from './judges/reconciliation.ts';
import { judgeReviews } from './judges/review-judge.ts';
import { judgeServerErrors } from './judges/server-error-judge.ts';
import { judgeSessions } from './judges/session-judge.ts';
import { observeDiagnostics } from './judges/diagnostics-observer.ts';
import { judgeDecks } from './judges/deck-judge.ts';
import { lateEffectObservations } from './late-effects.ts';

/** Server clock vs client clock, when measured to differ but not how much: revlog ids within this much of an answer's flight match it. */
export const CLOCK_TOLERANCE_MS = 2_000;
/** Timer rounding between the client's clock readings and the server's row id, same clock. */
export const FLIGHT_SLACK_MS = 5;

export interface AuditInput {
  runId: string;
  history: readonly Operation[];
  /** Folder holding admin.db and user_dbs/ (the live server folder or a snapshot). */
  dataDir: string;
  /** The run's user pool (pool.json): usernames and ids known even if admin.db lags. */
  users?: readonly PoolUser[];
  /** Path of the server log file; null or absent when there is none. */
  serverLog?: string | null;
  source: 'live' | 'snapshots';
  /** How much of the history files could be read, when it came from files. */
  historyCoverage?: HistoryCoverage;
  clockToleranceMs?: number;
  /** Time stamped on the verdict (tests pin it). */
  now?: Date;
  /** Collections of earlier audits of the same data directory, reused while their files are unchanged (the per-VU audits). */
  cache?: CollectionCache;
}

/**
 * Judge a run. Throws only when the accounts cannot be read (missing or foreign admin.db);
 * an unreadable user database becomes an `unreadable-database` observation.
 */
export function audit(input: AuditInput): Verdict {
  const index = indexDatabases(input.dataDir, input.users, input.cache);
  const parsedLog = input.serverLog ? readServerLog(input.serverLog) : null;
  const context: AuditContext = {
    index,
    history: input.history,
    log: parsedLog ? indexLog(parsedLog) : null,
    clockToleranceMs: input.clockToleranceMs ?? CLOCK_TOLERANCE_MS,
    clock: measureClockOffset(input.history, input.clockToleranceMs ?? CLOCK_TOLERANCE_MS, FLIGHT_SLACK_MS),
    sessionFiles: readSessionFiles(input.dataDir),
  };

  // Each judge runs in isolation: one that throws leaves its rules unjudged (the verdict says
  // unknown), never the others unrun and never a silent pass.
  const unjudged: string[] = [];
  const isolate = <T>(name: string, judge: (c: AuditContext) => T, nothing: T): T => {
    try {
      return judge(context);
    } catch (e) {
      unjudged.push(`the ${name} judge failed (${e instanceof Error ? e.message : String(e)}), so its rules were not judged`);
      return nothing;
    }
  };
  const cards = isolate('card', judgeCards, { violations: [], observations: [], fates: [] });
  const reviews = isolate('review', judgeReviews, { violations: [], observations: [] });
  const sessions = isolate('session', judgeSessions, { violations: [], observations: [] });
  const decks = isolate('deck', judgeDecks, { violations: [], observations: [] });
  const serverErrors = isolate('server-error', judgeServerErrors, { observations: [], causes: {} });
  const collisions = isolate('id-collision', observeCollisions, []);
  const diagnostics = isolate('diagnostics', observeDiagnostics, []);
  const violations = [...cards.violations, ...decks.violations, ...reviews.violations, ...sessions.violations];
  violations.sort((a, b) => classOrder(a.class) - classOrder(b.class) || (a.sentAt ?? 0) - (b.sentAt ?? 0));
  // Every sentence ends with its cause, so the terminal, report.html and Allure all carry it.
  for (const violation of violations) violation.message = `${violation.message} ${causeText(violation.cause)}`;

  const observations: Observation[] = [
    ...unreadableObservations(index, cards.fates),
    ...collisions,
    ...cards.observations,
    ...reviews.observations,
    ...sessions.observations,
    ...decks.observations,
    ...lateEffectObservations([...(cards.lateEffects ?? []), ...(reviews.lateEffects ?? []), ...(sessions.lateEffects ?? []), ...(decks.lateEffects ?? [])]),
    ...serverErrors.observations,
    ...diagnostics,
  ];

  const countsByClass = Object.fromEntries(VIOLATION_CLASSES.map((name) => [name, 0])) as Record<ViolationClass, number>;
  for (const violation of violations) countsByClass[violation.class]++;

  const verdict: Verdict = {
    runId: input.runId,
    judgedAt: (input.now ?? new Date()).toISOString(),
    source: input.source,
    usersJudged: index.databases.size,
    cardsRead: index.cardsRead,
    operationsRead: input.history.length,
    violations,
    countsByClass,
    observations,
    reconciliation: reconcileWriters(cards.fates),
    serverErrorCauses: serverErrors.causes,
    // Stryker disable next-line BooleanLiteral: a placeholder, set below once the violations and what was not judged are known
    valid: true,
    unjudged: [...unjudged, ...incompleteness(index, cards.fates, input.historyCoverage)],
    // Stryker disable next-line BooleanLiteral: a placeholder, set below from valid
    ok: false,
  };
  verdict.valid = violations.length > 0 ? false : verdict.unjudged.length > 0 ? 'unknown' : true;
  verdict.ok = verdict.valid === true;
  if (input.historyCoverage) verdict.history = input.historyCoverage;
  return verdict;
}

/** What the data or the history kept from being judged, one sentence each. */
function incompleteness(index: DatabaseIndex, fates: readonly MarkerFate[], coverage: HistoryCoverage | undefined): string[] {
  const out: string[] = [];
  if (index.unreadable.length > 0) {
    const files = index.unreadable.map((db) => `${db.dbFile} (${db.reason})`);
    out.push(`${index.unreadable.length} user database(s) could not be read: ${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''}`);
  }
  const open = fates.filter((fate) => fate.explainedBy === 'unjudged').length;
  if (open > 0) out.push(`${open} acknowledged add(s) could not be judged: their owner's database was not read`);
  if (coverage && coverage.malformedLines > 0) out.push(`${coverage.malformedLines} line(s) of the history could not be read, so the requests they held were not judged`);
  return out;
}

function unreadableObservations(index: DatabaseIndex, fates: readonly MarkerFate[]): Observation[] {
  return index.unreadable.map((db) => {
    const unjudged = fates.filter((fate) => fate.explainedBy === 'unjudged' && fate.owner === db.username).length;
    return {
      kind: 'unreadable-database',
      message: `${db.dbFile}${db.username ? ` (${db.username})` : ''} cannot be read (${db.reason}) — its cards and reviews were not judged (${unjudged} add${unjudged === 1 ? '' : 's'} of its user left open), and a card missing elsewhere may be inside it.`,
      evidence: { userId: db.userId, username: db.username, dbFile: db.dbFile, reason: db.reason, unjudgedAdds: unjudged },
    };
  });
}

function classOrder(name: ViolationClass): number {
  return VIOLATION_CLASSES.indexOf(name);
}
