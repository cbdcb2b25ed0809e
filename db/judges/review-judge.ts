/**
 * Reviews: every acknowledged answer must have exactly one revlog row for the card the VU
 * was shown, with the ease it sent, written while the request was in flight; and every
 * revlog row written during the run must come from an answer of the history. Judged only
 * for users whose reviews the history covers (the sample deck has no revlog rows at
 * registration, so a fresh user's revlog is entirely this run's doing).
 */
import type { Operation } from '../../helpers/history/operation.ts';
import type { Violation } from '../verdict.ts';
import type { RevlogRow } from '../anki-collection.ts';
import { evidenceAt, evidenceFor, userIdOf, type AuditContext, type Findings } from '../audit-context.ts';
import type { UserDatabase } from '../database-index.ts';
import { clockText, dbText, responseText } from '../evidence-text.ts';
import { missingRowCause, reviewCardOf, unexplainedRowCause } from './review-causes.ts';
import { actedAfterGivingUp, mayHaveActedAt } from '../effect-window.ts';
import type { LateEffect } from '../late-effects.ts';

interface Judged {
  op: Operation;
  cardId: number;
  ease: number;
}

/** Judge every covered user's revlog against the history's answers. */
export function judgeReviews(context: AuditContext): Findings {
  const findings: Findings = { violations: [], observations: [], lateEffects: [] };
  const answersByUser = new Map<string, Operation[]>();
  const reviewsBySession = new Map<string, Operation[]>();
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const op of context.history) {
    start = Math.min(start, op.sentAt);
    end = Math.max(end, op.returnedAt);
    if (op.op === 'get_review') {
      const key = sessionKey(op);
      const list = reviewsBySession.get(key);
      if (list) list.push(op);
      else reviewsBySession.set(key, [op]);
    }
    if (op.op !== 'answer') continue;
    const list = answersByUser.get(op.username) ?? [];
    list.push(op);
    answersByUser.set(op.username, list);
  }
  const tolerance = Math.max(context.clockToleranceMs, context.clock.toleranceMs);
  for (const [username, answers] of answersByUser) {
    const userId = userIdOf(context, username, answers[0]);
    const db = userId === undefined ? undefined : context.index.databases.get(userId);
    if (!db) continue; // unreadable or absent: reported by the database index, not judgeable here
    // Rows older than the run belong to earlier runs on a reused data directory.
    const rows = db.revlog.filter((row) => row.id >= start - tolerance && row.id <= end + tolerance);
    judgeUser(context, findings, username, db, answers, rows, reviewsBySession);
  }
  return findings;
}

function judgeUser(context: AuditContext, findings: Findings, username: string, db: UserDatabase, answers: Operation[], rows: RevlogRow[], reviewsBySession: ReadonlyMap<string, Operation[]>): void {
  const claimed = new Set<RevlogRow>();
  const judged = answers
    .filter((op) => op.intent?.cardId !== undefined && op.intent.ease !== undefined)
    // A browser VU knows which card was on screen; that is the card the user answered,
    // whatever card the session remembered (the client may fetch more than once).
    .map((op): Judged => ({ op, cardId: op.intent!.shownCardId ?? op.intent!.cardId!, ease: op.intent!.ease! }))
    .sort((a, b) => a.op.sentAt - b.op.sentAt);

  // A row written while its answer was in flight belongs to that answer; an answer the client
  // gave up on may have been served any time after it was sent (effect-window.ts). How far
  // outside the flight a row may fall comes from the clocks, measured before any judge ran
  // (clock-offset.ts), never from the rows judged here: a fault that misapplies most answers
  // must not widen the window that is to catch it.
  const slack = context.clock.toleranceMs;
  const inWindow = (op: Operation, row: RevlogRow) => mayHaveActedAt(op, row.id, slack);
  const matchFor = (answer: Judged) => rows.find((row) => !claimed.has(row) && row.cardId === answer.cardId && row.ease === answer.ease && inWindow(answer.op, row));

  const unmatched: Judged[] = [];
  // Acknowledged answers claim their rows first; indeterminate ones may then claim what is left.
  for (const answer of judged.filter((a) => a.op.outcome === 'ok')) {
    const row = matchFor(answer);
    if (row) claimed.add(row);
    else unmatched.push(answer);
  }
  const late = findings.lateEffects!;
  const claimLate = (answer: Judged, row: RevlogRow) => {
    claimed.add(row);
    if (actedAfterGivingUp(answer.op, row.id, slack)) late.push(lateAnswer(answer, row));
  };
  const pending = judged.filter((a) => a.op.outcome === 'info');
  const open: Judged[] = [];
  for (const answer of pending) {
    const row = matchFor(answer);
    if (row) claimLate(answer, row);
    else open.push(answer);
  }
  // The server answers on the card the session remembers when it serves the request: an answer
  // served late applies to whatever card a later GET /review of the same session made current.
  for (const answer of open) {
    const served = servedCardsSince(reviewsBySession, answer.op);
    const row = rows.find((r) => !claimed.has(r) && r.ease === answer.ease && r.id > answer.op.returnedAt && served.has(r.cardId) && inWindow(answer.op, r));
    if (row) claimLate(answer, row);
  }

  for (const answer of unmatched) {
    const instead = rows.find((row) => !claimed.has(row) && inWindow(answer.op, row));
    if (instead) claimed.add(instead);
    const violation = missingRow(context, username, db, answer, instead);
    // The session's card was set by a GET /review the client had given up on and the server
    // served late: the answer went to the card that request made current, as told.
    const { cause } = violation;
    const maker = cause.kind === 'card-made-current-by' && cause.clientGaveUp === true ? context.history.find((o) => o.id === cause.opIds[0]) : undefined;
    if (maker && instead) late.push({ op: maker, at: null, what: `made card ${instead.cardId} current, and ${answer.op.id}'s answer was recorded on it instead of card ${answer.cardId}` });
    else findings.violations.push(violation);
  }
  for (const row of rows) {
    if (claimed.has(row)) continue;
    const related = judged.find((answer) => answer.cardId === row.cardId && inWindow(answer.op, row));
    findings.violations.push(unexplainedRow(context, username, db, row, related));
  }
}

/** Cards a GET /review of `op`'s session showed after `op` was sent: what a late answer may have applied to. */
function servedCardsSince(reviewsBySession: ReadonlyMap<string, Operation[]>, op: Operation): Set<number> {
  const cards = new Set<number>();
  for (const review of reviewsBySession.get(sessionKey(op)) ?? []) {
    const card = review.sentAt >= op.sentAt ? reviewCardOf(review.body) : undefined;
    if (card !== undefined) cards.add(card);
  }
  return cards;
}

/** One VU's session: its id and the cookie it carried. */
function sessionKey(op: Operation): string {
  return `${op.vu}/${op.cookieFingerprint ?? ''}`;
}

function lateAnswer(answer: Judged, row: RevlogRow): LateEffect {
  const other = row.cardId === answer.cardId ? '' : ` (the card a later GET /review of the session made current, not card ${answer.cardId})`;
  return { op: answer.op, at: row.id, what: `revlog row for card ${row.cardId}${other} with ease ${row.ease}` };
}

function missingRow(context: AuditContext, username: string, db: UserDatabase, answer: Judged, instead: RevlogRow | undefined): Violation {
  const { op } = answer;
  const what = instead
    ? `; while it was in flight the revlog recorded card ${instead.cardId} with ease ${instead.ease} instead — the answer was applied ${instead.cardId === answer.cardId ? 'with another ease' : 'to another card'}.`
    : ' — the server acknowledged an answer it did not record.';
  return {
    class: 'review-mismatch',
    message: `${op.vu} (${username}) answered card ${answer.cardId}${op.intent?.shownCardId !== undefined ? ' (the card on screen)' : ''} with ease ${answer.ease} at ${clockText(op.sentAt)} (${responseText(op)}) but ${dbText(db)} has no revlog row for it${what}`,
    vu: op.vu,
    cardId: answer.cardId,
    expectedUser: username,
    expectedUserId: db.userId,
    opIds: [op.id],
    sentAt: op.sentAt,
    returnedAt: op.returnedAt,
    ...evidenceFor(context, [op], [db.userId], [answer.cardId, instead?.cardId]),
    cause: missingRowCause(context, db.userId, op, answer.cardId, instead),
  };
}

function unexplainedRow(context: AuditContext, username: string, db: UserDatabase, row: RevlogRow, related: Judged | undefined): Violation {
  const head = `${dbText(db)} has a revlog row for card ${row.cardId} with ease ${row.ease} at ${clockText(row.id)}`;
  let tail: string;
  if (!related) tail = 'that no answer in the history accounts for — a review was recorded that this user never made.';
  else if (related.op.outcome === 'fail') tail = `although ${related.op.vu}'s answer at ${clockText(related.op.sentAt)} was refused (${responseText(related.op)}) — a refused answer was recorded.`;
  else tail = `beyond the one row ${related.op.vu}'s answer at ${clockText(related.op.sentAt)} accounts for — one answer was recorded more than once.`;
  const violation: Violation = {
    class: 'review-mismatch',
    message: `${head} ${tail}`,
    cardId: row.cardId,
    expectedUser: username,
    expectedUserId: db.userId,
    opIds: related ? [related.op.id] : [],
    ...evidenceFor(context, related ? [related.op] : [], [db.userId], [row.cardId]),
    cause: unexplainedRowCause(context, row, related?.op, username),
  };
  if (related) {
    violation.vu = related.op.vu;
    violation.sentAt = related.op.sentAt;
    violation.returnedAt = related.op.returnedAt;
  } else {
    Object.assign(violation, evidenceAt(context, row.id, row.id, [db.userId], [row.cardId]));
  }
  return violation;
}
