/**
 * Why the server answered 5xx: each such operation of the history is matched to the
 * log lines of its user around its time and the error text is classified
 * (`id-collision`, `lock-contention`, or the quoted message).
 */
import type { Operation } from '../../helpers/history/operation.ts';
import type { Observation } from '../verdict.ts';
import { userIdOf, type AuditContext } from '../audit-context.ts';
import { entriesNear } from '../log-match.ts';
import { classifyErrorCause } from '../server-log.ts';
import { errorOf } from '../evidence-text.ts';

export interface ServerErrorFindings {
  causes: Record<string, number>;
  observations: Observation[];
}

const EXPLANATIONS: Record<string, string> = {
  'id-collision': 'two writes of one user in the same second got the same id (UNIQUE constraint failed)',
  'lock-contention': 'SQLite refused a write while another connection held the lock (database is locked)',
};

/** Count 5xx answers by cause, with one observation per cause. */
export function judgeServerErrors(context: AuditContext): ServerErrorFindings {
  const byCause = new Map<string, { ops: Operation[]; lines: string[] }>();
  for (const op of context.history) {
    if (op.status === null || op.status < 500) continue;
    const { cause, line } = causeOf(context, op);
    const entry = byCause.get(cause) ?? { ops: [], lines: [] };
    entry.ops.push(op);
    if (line !== undefined && entry.lines.length < 5) entry.lines.push(line);
    byCause.set(cause, entry);
  }
  const causes: Record<string, number> = {};
  const observations: Observation[] = [];
  for (const [cause, { ops, lines }] of byCause) {
    causes[cause] = ops.length;
    const why = EXPLANATIONS[cause] ?? `the server said ${cause}`;
    observations.push({
      kind: 'server-error-cause',
      message: `${ops.length} server error${ops.length === 1 ? '' : 's'} (5xx): ${why}.`,
      evidence: { cause, count: ops.length, opIds: ops.slice(0, 20).map((op) => op.id), logLines: lines },
    });
  }
  return { causes, observations };
}

function causeOf(context: AuditContext, op: Operation): { cause: string; line?: string } {
  const userId = op.userId ?? userIdOf(context, op.username);
  if (context.log && userId !== undefined) {
    const entries = entriesNear(context.log, op.sentAt, op.returnedAt, new Set([userId]));
    const error = entries.find((entry) => entry.level === 'ERROR' || entry.level === 'CRITICAL');
    // The message and its continuation lines (a traceback), without the header's timestamp and pid.
    if (error) return { cause: classifyErrorCause([error.message, ...error.text.split('\n').slice(1)].join('\n')), line: error.text };
  }
  return { cause: classifyErrorCause(errorOf(op.body) ?? op.error ?? `HTTP ${op.status}`) };
}
