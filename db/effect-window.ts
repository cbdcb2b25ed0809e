/**
 * When an operation may have taken effect. An acknowledged or refused request acted (or not)
 * while it was in flight; one whose outcome the client never learned (`info`: a timeout, a
 * reset, a proxy's 502/504) may act at any time after it was sent, even after the run ended
 * (Jepsen's `:info`): a request stuck in the server's backlog is served when a worker frees up.
 * Every judge asks this one rule, so a late effect is honoured the same way for answers, deck
 * switches, logouts and adds.
 */
import type { Operation } from '../helpers/history/operation.ts';

/** The last moment `op` may have acted: its answer, or never-ending when the client gave up. */
export function effectEnd(op: Operation): number {
  return op.outcome === 'info' ? Number.POSITIVE_INFINITY : op.returnedAt;
}

/** Whether `op` may have acted at `at` (epoch ms), give or take `slack` ms of clock difference. */
export function mayHaveActedAt(op: Operation, at: number, slack: number): boolean {
  return at >= op.sentAt - slack && at <= effectEnd(op) + slack;
}

/** Whether `op`'s effect at `at` came after the client had given up on it. */
export function actedAfterGivingUp(op: Operation, at: number, slack: number): boolean {
  return op.outcome === 'info' && at > op.returnedAt + slack;
}
