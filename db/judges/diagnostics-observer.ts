/**
 * What the server's diagnostic lines (docs/diagnostics.md) say about the whole run:
 * how many of the history's stored cards they tie to the worker, session and session user that
 * wrote them, and the lines where the server flagged a problem itself (SESSION_MISMATCH,
 * CARD_WRITE_VERIFICATION_FAILED, INTEGRITY_VIOLATION). Nothing when the log has none.
 */
import type { Observation } from '../verdict.ts';
import type { AuditContext } from '../audit-context.ts';
import type { DiagnosticEvent } from '../server-log.ts';
import { collectAdds } from './add-groups.ts';
import { writerOf } from './card-causes.ts';

/** Events where the server itself says something went wrong. */
const FLAGS: readonly DiagnosticEvent[] = ['SESSION_MISMATCH', 'CARD_WRITE_VERIFICATION_FAILED', 'INTEGRITY_VIOLATION'];
/** Flagged lines quoted in the observation; the rest are counted. */
const MAX_QUOTED = 10;

export function observeDiagnostics(context: AuditContext): Observation[] {
  if (!context.log || context.log.diagnostics.length === 0) return [];
  let stored = 0;
  let tied = 0;
  for (const group of collectAdds(context.history).values()) {
    for (const location of context.index.byMarker.get(group.marker) ?? []) {
      stored++;
      if (writerOf(context, group, location)) tied++;
    }
  }
  const flagged = context.log.diagnostics.filter((entry) => FLAGS.includes(entry.diagnostic!.event));
  const counts = Object.fromEntries(FLAGS.map((event) => [event, flagged.filter((entry) => entry.diagnostic!.event === event).length]));
  const said = FLAGS.filter((event) => counts[event]! > 0).map((event) => `${counts[event]} ${event}`);
  return [
    {
      kind: 'server-diagnostics',
      message: `The server's diagnostic lines tie ${tied} of the ${stored} cards this run added and found to the worker, session and session user that wrote them; the server flagged ${said.length > 0 ? said.join(', ') : 'nothing'}.`,
      evidence: { tiedCards: tied, storedCards: stored, flagged: counts, lines: flagged.slice(0, MAX_QUOTED).map((entry) => entry.text) },
    },
  ];
}
