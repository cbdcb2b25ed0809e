/**
 * Per-writer bookkeeping: how many adds the server acknowledged against how many of the
 * writer's cards sit in its own database, with the difference broken down by class.
 * Signed counts: lost and misrouted cards are missing from the own database (+),
 * phantom and landed indeterminate cards are there without an acknowledgement (−).
 */
import type { WriterReconciliation } from '../verdict.ts';
import type { MarkerFate } from './card-judge.ts';

const SIGN: Record<string, number> = { lost: 1, misrouted: 1, phantom: -1, 'indeterminate-landed': -1 };

/** One row per writer (VU and username), in VU order. */
export function reconcileWriters(fates: readonly MarkerFate[]): WriterReconciliation[] {
  const rows = new Map<string, WriterReconciliation>();
  for (const fate of fates) {
    const key = `${fate.vu}\u0000${fate.owner}`;
    let row = rows.get(key);
    if (!row) {
      row = { vu: fate.vu, username: fate.owner, acknowledgedAdds: 0, failedAdds: 0, indeterminateAdds: 0, cardsInOwnDb: 0, difference: 0, explainedBy: {} };
      rows.set(key, row);
    }
    if (fate.state === 'acknowledged') row.acknowledgedAdds++;
    else if (fate.state === 'failed') row.failedAdds++;
    else row.indeterminateAdds++;
    if (fate.inOwnDb) row.cardsInOwnDb++;
    const why = fate.explainedBy;
    if (why === 'unjudged') row.unjudged = (row.unjudged ?? 0) + 1;
    else if (why === 'deleted') row.deleted = (row.deleted ?? 0) + 1;
    else if (why !== null) row.explainedBy[why] = (row.explainedBy[why] ?? 0) + SIGN[why]!;
  }
  for (const row of rows.values()) row.difference = row.acknowledgedAdds - row.cardsInOwnDb;
  return [...rows.values()].sort((a, b) => a.vu.localeCompare(b.vu) || a.username.localeCompare(b.username));
}
