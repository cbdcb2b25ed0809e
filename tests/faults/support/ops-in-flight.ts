/**
 * Tying a FAULT line to the request it happened in: the operation of the history from the
 * same server user, of the route the line names, that was in flight when the line was written.
 */
import type { Violation } from '../../../db/verdict.ts';
import type { Operation, OpKind } from '../../../helpers/history/operation.ts';

/**
 * Slack around a request's flight: the line is written while the request is being served,
 * but the client stamps sentAt before connecting and returnedAt after reading the body.
 */
export const FLIGHT_SLACK_MS = 1_000;

export interface FlightQuery {
  userId: number;
  at: number;
  kinds: readonly OpKind[];
  method?: string;
  /** Route path without the query string. */
  path?: string;
}

export function pathOnly(path: string): string {
  const cut = path.indexOf('?');
  return cut < 0 ? path : path.slice(0, cut);
}

/** The operation in flight at `at` that matches the query, nearest in time first; null if none. */
export function opInFlight(ops: readonly Operation[], query: FlightQuery): Operation | null {
  let best: Operation | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const op of ops) {
    if (op.userId !== query.userId || !query.kinds.includes(op.op)) continue;
    if (query.method !== undefined && op.method !== query.method) continue;
    if (query.path !== undefined && pathOnly(op.path) !== query.path) continue;
    if (query.at < op.sentAt - FLIGHT_SLACK_MS || query.at > op.returnedAt + FLIGHT_SLACK_MS) continue;
    const distance = query.at < op.sentAt ? op.sentAt - query.at : query.at > op.returnedAt ? query.at - op.returnedAt : 0;
    if (distance < bestDistance) {
      best = op;
      bestDistance = distance;
    }
  }
  return best;
}

/** Whether the violation's request was in flight at `at`. */
export function violationInFlight(violation: Violation, at: number): boolean {
  if (violation.sentAt === undefined || violation.returnedAt === undefined) return false;
  return at >= violation.sentAt - FLIGHT_SLACK_MS && at <= violation.returnedAt + FLIGHT_SLACK_MS;
}

/** The route kinds a FAULT line's `path=` names. */
export function kindsOfPath(path: string | undefined): OpKind[] {
  if (path === '/add_card') return ['add_card'];
  if (path === '/answer') return ['answer'];
  return [];
}
