/**
 * What every judge of the audit reads: the indexed databases, the history and the log,
 * with the lookups they share (user ids by username, log evidence for a set of operations).
 */
import type { Operation } from '../helpers/history/operation.ts';
import type { Observation, SessionFileCount, Violation } from './verdict.ts';
import type { DatabaseIndex } from './database-index.ts';
import { entriesNear, IN_FLIGHT_SLACK_MS, logEvidence, type LogEvidence, type LogIndex } from './log-match.ts';
import type { LogEntry } from './server-log.ts';
import type { ClockOffset } from './clock-offset.ts';
import type { LateEffect } from './late-effects.ts';

export interface AuditContext {
  index: DatabaseIndex;
  history: readonly Operation[];
  log: LogIndex | null;
  /** Tolerance between the client's clock and the server's timestamps (revlog ids) when they cannot be measured to agree. */
  clockToleranceMs: number;
  /** The server's clock against ours, measured from the history's Date headers before any judge runs. */
  clock: ClockOffset;
  /** The data directory's session files (live folder or a snapshot's count); null when it has none. */
  sessionFiles: SessionFileCount | null;
}

export interface Findings {
  violations: Violation[];
  observations: Observation[];
  /** Effects only an operation the client gave up on explains: observations, summed by the checker. */
  lateEffects?: LateEffect[];
}

/** Server user id of a username: admin.db first, then what the history learned at login. */
export function userIdOf(context: AuditContext, username: string, op?: Operation): number | undefined {
  return context.index.userIdByUsername.get(username) ?? op?.userId ?? undefined;
}

/** Whether the owner's database could not be read, so absence proves nothing. */
export function isUnreadable(context: AuditContext, userId: number | undefined): boolean {
  return context.index.unreadable.some((db) => db.userId === userId);
}

/** Log lines around a set of operations that name any of the given users or card ids. */
// Stryker disable next-line ArrayDeclaration: the default only filters log lines; a different one differs only on a line quoting it
export function evidenceFor(context: AuditContext, ops: readonly Operation[], userIds: Iterable<number | undefined>, cardIds: Iterable<number | undefined> = []): LogEvidence {
  // Stryker disable next-line ConditionalExpression: without operations the window runs from Infinity to -Infinity and holds no line either
  if (ops.length === 0) return { logLines: [] };
  const ids = definedIds(userIds);
  // Stryker disable next-line ConditionalExpression: logEvidence matches no line by a null user id, so adding it changes nothing
  for (const op of ops) if (op.userId !== null) ids.add(op.userId);
  const from = Math.min(...ops.map((op) => op.sentAt));
  const to = Math.max(...ops.map((op) => op.returnedAt));
  return logEvidence(context.log, from, to, ids, mentionsOf(cardIds));
}

/** Log lines around a moment the history has no operation for (a stray revlog row, say). */
// Stryker disable next-line ArrayDeclaration: the default only filters log lines; a different one differs only on a line quoting it
export function evidenceAt(context: AuditContext, from: number, to: number, userIds: Iterable<number | undefined>, cardIds: Iterable<number | undefined> = []): LogEvidence {
  return logEvidence(context.log, from, to, definedIds(userIds), mentionsOf(cardIds));
}

/**
 * Log entries written while one of `ops` was in flight (with logging slack, widened by the
 * measured clock offset when the server's clock is not ours) about one of the users, or
 * mentioning one of `mentions` verbatim: the lines a cause may rest on, not merely nearby ones.
 */
// Stryker disable next-line ArrayDeclaration: the default only filters log lines; a different one differs only on a line quoting it
export function linesInFlight(context: AuditContext, ops: readonly Operation[], userIds: Iterable<number | undefined>, mentions: readonly string[] = []): LogEntry[] {
  // Stryker disable next-line ConditionalExpression: without operations the window runs from Infinity to -Infinity and holds no line either
  if (!context.log || ops.length === 0) return [];
  const ids = definedIds(userIds);
  const slack = IN_FLIGHT_SLACK_MS + (context.clock.agree ? 0 : context.clock.toleranceMs);
  const from = Math.min(...ops.map((op) => op.sentAt));
  const to = Math.max(...ops.map((op) => op.returnedAt));
  return entriesNear(context.log, from, to, ids, mentions, slack);
}

/** The ids that are known; log lines carry no undefined user id. */
function definedIds(userIds: Iterable<number | undefined>): Set<number> {
  const ids = new Set<number>();
  // Stryker disable next-line ConditionalExpression: no log line has an undefined user id, so adding one matches nothing more
  for (const id of userIds) if (id !== undefined) ids.add(id);
  return ids;
}

/** Card ids as they appear in log text (`card 1795743683001`). */
function mentionsOf(cardIds: Iterable<number | undefined>): string[] {
  const texts = new Set<string>();
  // Stryker disable next-line ConditionalExpression: the server never writes `card undefined` (Python prints None), so that mention matches no line
  for (const id of cardIds) if (id !== undefined) texts.add(`card ${id}`);
  return [...texts];
}
