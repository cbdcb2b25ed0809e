/**
 * Why a review went wrong. The server answers `POST /answer` on the card its session
 * remembers from the last `GET /review` it served; so for an answer recorded on another
 * card, the cause is the request that made that card current: which one, of which session,
 * and whether the client had already given up on it (a timed-out GET /review is still served).
 */
import type { Operation } from '../../helpers/history/operation.ts';
import type { RevlogRow } from '../anki-collection.ts';
import type { Cause } from '../verdict.ts';
import { linesInFlight, type AuditContext } from '../audit-context.ts';
import { clockText, responseText } from '../evidence-text.ts';

/** An acknowledged answer on `answered` whose flight recorded `instead` (or nothing). */
export function missingRowCause(context: AuditContext, userId: number | undefined, op: Operation, answered: number, instead: RevlogRow | undefined): Cause {
  if (!instead) return notRecordedCause(context, userId, op, answered);
  if (instead.cardId === answered) return { kind: 'unknown', missing: `what ease the server received for ${op.id} (no request of the history sent ease ${instead.ease} for card ${answered} then)` };
  // The current card is the session's: only this session's GET /review since its previous
  // answer (which consumed the card before) can have made it current.
  const sameSession = (r: Operation) => r.vu === op.vu && r.cookieFingerprint === op.cookieFingerprint;
  const previous = context.history.filter((a) => a.op === 'answer' && a !== op && sameSession(a) && a.returnedAt <= op.sentAt).at(-1);
  const since = previous?.sentAt ?? Number.NEGATIVE_INFINITY;
  const reviews = context.history.filter((r) => r.op === 'get_review' && sameSession(r) && r.sentAt < op.sentAt && r.returnedAt >= since);
  const maker = reviews.filter((r) => reviewCardOf(r.body) === instead.cardId).at(-1);
  if (maker) {
    return {
      kind: 'card-made-current-by',
      text: `card ${instead.cardId} was made current by ${maker.id}, a GET /review of the same session answered at ${clockText(maker.returnedAt)} with that card, while ${op.vu} answered card ${answered}`,
      opIds: [maker.id],
      clientGaveUp: false,
    };
  }
  // A GET /review the client gave up on has no body; the server log may still name the card it
  // served (`Found review card N`), written between its send and the answer. A line recording an
  // answer on that card (`reviewed card N`) is not one.
  const abandoned = reviews.filter((r) => r.outcome === 'info');
  const served = new RegExp(`\\breview card ${instead.cardId}\\b`);
  for (const r of [...abandoned].reverse()) {
    // Stryker disable next-line StringLiteral: an empty mention admits more lines, but only `review card N` lines are kept and `card N` admits each of those too
    const lines = linesInFlight(context, [{ ...r, returnedAt: op.sentAt }], [userId], [`card ${instead.cardId}`]).filter((entry) => served.test(entry.message));
    if (lines.length > 0) {
      return {
        kind: 'card-made-current-by',
        text: `card ${instead.cardId} was made current by ${r.id}, a GET /review of the same session the client had given up on (${responseText(r)}) and the server still served`,
        opIds: [r.id],
        logLines: lines.map((entry) => entry.text),
        clientGaveUp: true,
      };
    }
  }
  if (abandoned.length > 0) {
    return {
      kind: 'unknown',
      missing: `which card ${abandoned.map((r) => r.id).join(', ')} made current: the client gave up on ${abandoned.length === 1 ? 'that GET /review' : 'those GET /review requests'} and no log line names card ${instead.cardId}`,
    };
  }
  const last = reviews.at(-1);
  const lastText = last ? ` (its last one, ${last.id}, showed card ${reviewCardOf(last.body) ?? 'none'})` : '';
  return {
    kind: 'answered-card-never-served',
    text: `no GET /review of this session since its previous answer${previous ? ` (${previous.id})` : ''} showed card ${instead.cardId} and none went unanswered${lastText} — the server applied the answer to a card it never served`,
    opIds: last ? [last.id] : [],
  };
}

/** A revlog row no answer claimed: refused, recorded twice, or with no request behind it. */
export function unexplainedRowCause(context: AuditContext, row: RevlogRow, related: Operation | undefined, username: string): Cause {
  if (related?.outcome === 'fail') {
    return {
      kind: 'refused-answer-recorded',
      text: `${related.id} was in flight when the row was written and was refused (${responseText(related)}) — the server recorded an answer it refused`,
      opIds: [related.id],
    };
  }
  if (related)
    return {
      kind: 'answer-recorded-twice',
      text: `${related.id} is the only answer on card ${row.cardId} in flight then, and its row is already claimed — one answer wrote two rows`,
      opIds: [related.id],
    };
  const tolerance = context.clock.toleranceMs;
  const inFlight = context.history.filter((op) => op.op === 'answer' && op.sentAt - tolerance <= row.id && op.returnedAt + tolerance >= row.id);
  const others = inFlight.filter((op) => op.username !== username).map((op) => op.id);
  return {
    kind: 'unknown',
    missing: `the request that wrote it: no answer of ${username} was in flight at ${clockText(row.id)}${others.length > 0 ? ` (answers of other users in flight: ${others.slice(0, 5).join(', ')})` : ''}`,
  };
}

function notRecordedCause(context: AuditContext, userId: number | undefined, op: Operation, answered: number): Cause {
  if (!context.log) return { kind: 'unknown', missing: 'a server log with the lines of this answer' };
  // Lines in flight of this user alone (no mentions asked for): those naming the card answered.
  const lines = linesInFlight(context, [op], [userId]).filter((entry) => entry.message.includes(`card ${answered}`));
  const recorded = lines.find((entry) => /review/i.test(entry.message) && entry.level === 'INFO');
  if (recorded) {
    return {
      kind: 'answer-not-recorded',
      text: `the server logged reviewing card ${answered} while ${op.id} was in flight and answered ${responseText(op)}, yet the revlog has no row for it — the write was not kept`,
      opIds: [op.id],
      logLines: [recorded.text],
    };
  }
  return { kind: 'unknown', missing: `a server log line of ${op.id} about card ${answered} (the log has none while it was in flight)` };
}

/** `cardId` of a `GET /review` body, when it showed a card. */
export function reviewCardOf(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null || !('cardId' in body)) return undefined;
  const id = body.cardId;
  return typeof id === 'number' ? id : undefined;
}
