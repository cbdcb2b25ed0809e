/**
 * What a session VU expects of its own history, judged from the operations its test
 * recorded: no 401 while its session was valid, every identity probe showing its own probe
 * deck and nobody else's, a session cookie that never changes without a login, and no
 * answer as a logged-in user after a logout. Each finding names the VU, the request id,
 * the time and the cookie fingerprint, so a failed test says where to look in the history.
 */
import type { Operation } from '../../history/operation.ts';
import type { ViolationClass } from '../../checker/verdict.ts';
import { isProbeDeckName, probeOwnerOf } from './probe.ts';

export interface SessionFinding {
  vu: string;
  username: string;
  opId: string;
  sentAt: number;
  /** `GET /decks`. */
  request: string;
  cookieFingerprint?: string;
  problem: string;
  /** The checker's class for the same fault, when there is one (a card in another deck is `wrong-deck`). */
  class?: ViolationClass;
}

/** Requests that work without a session: their 401 means bad credentials, not a lost session. */
const NO_SESSION_OPS = new Set<Operation['op']>(['register', 'login', 'logout']);
/** Requests that start or end a session: a new cookie after one of them is expected. */
const SESSION_OPS = new Set<Operation['op']>(['register', 'login', 'logout']);

/** A finding about one operation. */
export function finding(op: Operation, problem: string, cls?: ViolationClass): SessionFinding {
  return {
    vu: op.vu,
    username: op.username,
    opId: op.id,
    sentAt: op.sentAt,
    request: `${op.method} ${op.path}`,
    ...(op.cookieFingerprint === undefined ? {} : { cookieFingerprint: op.cookieFingerprint }),
    problem,
    ...(cls === undefined ? {} : { class: cls }),
  };
}

/** `12:03:04.567` UTC, the precision of the history and the server log. */
export function clockOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(11, 23);
}

/** One line: `p01 (anna7k2) p01#12 GET /decks at 12:03:04.567, cookie 3fa2…: <problem>`. */
export function findingText(f: SessionFinding): string {
  return `${f.vu} (${f.username}) ${f.opId} ${f.request} at ${clockOf(f.sentAt)}, cookie ${f.cookieFingerprint ?? '(none)'}: ${f.problem}`;
}

/** A 401 to a request sent while the session was valid: the server forgot or mixed up the session. */
export function isRejectedSession(op: Operation): boolean {
  return op.status === 401 && op.sessionValid === true && !NO_SESSION_OPS.has(op.op);
}

export function rejectedValidSessions(ops: readonly Operation[]): SessionFinding[] {
  return ops.filter(isRejectedSession).map((op) => finding(op, 'answered 401 though the session was valid (logged in, not logged out)'));
}

/** When each probe deck was certainly there: its create answered 201, or 409 (it already existed). */
function probeDecksExistSince(ops: readonly Operation[]): Map<string, number> {
  const since = new Map<string, number>();
  for (const op of ops) {
    const name = op.intent?.deckName;
    if (op.op !== 'create_deck' || name === undefined || !isProbeDeckName(name)) continue;
    if (op.status !== 201 && op.status !== 409) continue;
    since.set(name, Math.min(since.get(name) ?? Number.POSITIVE_INFINITY, op.returnedAt));
  }
  return since;
}

function deckNames(body: unknown): string[] | null {
  if (!Array.isArray(body)) return null;
  return (body as unknown[]).flatMap((d) => (typeof d === 'object' && d !== null && typeof (d as { name?: unknown }).name === 'string' ? [(d as { name: string }).name] : []));
}

/**
 * Every probe must answer a deck list holding its own probe deck (once its create was
 * answered) and no probe deck of another user. A 401 probe is left to `rejectedValidSessions`.
 */
export function probeMismatches(ops: readonly Operation[]): SessionFinding[] {
  const since = probeDecksExistSince(ops);
  const found: SessionFinding[] = [];
  for (const op of ops) {
    const own = op.intent?.probeDeckName;
    if (own === undefined || op.status === 401) continue;
    if (op.outcome !== 'ok') {
      found.push(finding(op, `identity probe answered ${op.status ?? 'nothing'}${op.error ? ` (${op.error})` : ''}: whose data the session serves is unknown`));
      continue;
    }
    const names = deckNames(op.body);
    if (names === null) {
      found.push(finding(op, 'identity probe answer is not a deck list'));
      continue;
    }
    const strangers = names.filter((n) => isProbeDeckName(n) && probeOwnerOf(n) !== op.username);
    const created = since.get(own);
    const ownMissing = (created === undefined || created <= op.sentAt) && !names.includes(own);
    const parts = [...(strangers.length > 0 ? [`saw another user's probe deck ${strangers.map((s) => `"${s}"`).join(', ')}`] : []), ...(ownMissing ? [`did not see its own probe deck "${own}"`] : [])];
    if (parts.length > 0) found.push(finding(op, `${parts.join(' and ')} — the session served another user's data`));
  }
  return found;
}

/**
 * The cookie a request carried differs from the one before it with no login, logout or
 * register in between: the session changed under the VU.
 */
export function unexplainedCookieChanges(ops: readonly Operation[]): SessionFinding[] {
  const found: SessionFinding[] = [];
  let last: string | undefined;
  let explained = true;
  for (const op of ops) {
    const fp = op.cookieFingerprint;
    if (fp !== undefined) {
      if (last !== undefined && fp !== last && !explained) found.push(finding(op, `session cookie changed from ${last} to ${fp} without a login or logout`));
      last = fp;
      explained = false;
    }
    // The login itself still carries the old cookie; the new one shows on the next request.
    if (SESSION_OPS.has(op.op)) explained = true;
  }
  return found;
}

/** A request sent after logout (session not valid) that was answered as a logged-in user. */
export function answeredAfterLogout(ops: readonly Operation[]): SessionFinding[] {
  return ops.filter((op) => op.sessionValid === false && !NO_SESSION_OPS.has(op.op) && op.outcome === 'ok').map((op) => finding(op, `answered ${op.status} after logout — the session was not ended`));
}

/** Every session finding of a test's operations, in history order. */
export function sessionFindings(ops: readonly Operation[]): SessionFinding[] {
  return [...rejectedValidSessions(ops), ...probeMismatches(ops), ...unexplainedCookieChanges(ops), ...answeredAfterLogout(ops)].sort(
    (a, b) => a.sentAt - b.sentAt || a.opId.localeCompare(b.opId, undefined, { numeric: true }),
  );
}

/** Requests refused or left unanswered that are not session findings and not expected (a 401 after logout is). */
export function unexpectedRefusals(ops: readonly Operation[]): Operation[] {
  return ops.filter((op) => {
    if (op.outcome === 'ok' || isRejectedSession(op)) return false;
    // After logout the server must refuse; a refused login is still a refusal.
    if (op.status === 401 && op.sessionValid === false && !NO_SESSION_OPS.has(op.op)) return false;
    // A failed probe is already a session finding.
    return op.intent?.probeDeckName === undefined;
  });
}

/** `p01#7 POST /add_card at 12:03:04.567: 500 {"error":…}`. */
export function refusalText(op: Operation): string {
  return `${op.id} ${op.method} ${op.path} at ${clockOf(op.sentAt)}: ${op.status ?? 'no answer'} ${op.error ?? JSON.stringify(op.body)}`;
}
