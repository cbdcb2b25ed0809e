/**
 * The requests a session VU reports as refused or left unanswered: what its flow expected
 * to work and did not. Session faults themselves (a 401 on a live session, a probe showing
 * another user, a cookie changed under the VU, an answer after logout) are the checker's to
 * judge (db/judges/session-judge.ts); they are not counted here a second time.
 */
import { clockText } from '../../history/clock-text.ts';
import type { Operation } from '../../history/operation.ts';
import { isRefusedAfterLogout, isRejectedSession } from '../../history/session-rules.ts';

/** Requests refused or left unanswered that are neither a rejected live session nor the 401 a logout must bring. */
export function unexpectedRefusals(ops: readonly Operation[]): Operation[] {
  return ops.filter((op) => op.outcome !== 'ok' && !isRejectedSession(op) && !isRefusedAfterLogout(op));
}

/** `p01#7 POST /add_card at 12:03:04.567: 500 {"error":…}`. */
export function refusalText(op: Operation): string {
  return `${op.id} ${op.method} ${op.path} at ${clockText(op.sentAt)}: ${op.status ?? 'no answer'} ${op.error ?? JSON.stringify(op.body)}`;
}
