/**
 * Why a session went wrong: for a probe that saw another user's data, the user the server
 * logged serving the request as; for a 401 on a valid session, the same cookie accepted again
 * without a login (refused once), else what the data directory's session folder holds (the
 * session's file gone, pruned from a full store, or still there). The VU's own abandoned logout
 * that may have ended the session is found here too (`lateLogout`), for the judge to count it.
 */
import type { Operation } from '../../helpers/history/operation.ts';
import type { Cause } from '../verdict.ts';
import { linesInFlight, userIdOf, type AuditContext } from '../audit-context.ts';
import { entriesNear, IN_FLIGHT_SLACK_MS } from '../log-match.ts';
import type { LogEntry } from '../server-log.ts';
import { clockText } from '../evidence-text.ts';
import { SESSION_OPS } from '../../helpers/history/session-rules.ts';

/** A probe that listed another user's decks: the request line the server wrote for it names whom it served. */
export function probeCause(context: AuditContext, op: Operation, strangerIds: Array<number | undefined>): Cause {
  if (!context.log) return { kind: 'unknown', missing: 'a server log with the request line of this list' };
  const served = linesInFlight(context, [op], strangerIds).find((entry) => entry.request !== null && entry.request.path.split('?')[0] === op.path.split('?')[0]);
  if (served) {
    return {
      kind: 'served-as-other-user',
      text: `the server logged serving ${op.method} ${op.path} as user ${served.userId} while ${op.id} was in flight with ${op.username}'s cookie — the request's session resolved to another user`,
      opIds: [op.id],
      logLines: [served.text],
    };
  }
  return { kind: 'unknown', missing: `a log line of ${op.id} naming the user the server served it as` };
}

/**
 * Flask-Session's file store (cachelib's FileSystemCache) keeps at most this many session files:
 * past it, it prunes the least recently written sessions, logged in or not.
 */
export const SESSION_STORE_THRESHOLD = 500;

/**
 * A 401 on a request sent with a valid session. The same cookie accepted before the refusal and
 * again after it, with no login in between, says the server refused a live session once and did
 * not lose it; otherwise what the session folder holds decides whether the session is gone.
 */
export function rejectedSessionCause(context: AuditContext, op: Operation): Cause {
  const refusedOnce = acceptedAround(context.history, op);
  if (refusedOnce) {
    const [before, after] = refusedOnce;
    return {
      kind: 'live-session-refused',
      text: `the same cookie (${op.cookieFingerprint}) was accepted by ${before.id} (${before.method} ${before.path}, ${before.status} at ${clockText(before.returnedAt)}) and again by ${after.id} (${after.method} ${after.path}, ${after.status} at ${clockText(after.returnedAt)}) with no login in between — the server refused a live session once; it did not lose it`,
      opIds: [before.id, after.id],
    };
  }
  return sessionFileCause(context, op);
}

/** Whether `o` is a request of `op`'s VU with `op`'s cookie that the server answered as logged in. */
function acceptedWithCookieOf(op: Operation): (o: Operation) => boolean {
  return (o) => op.cookieFingerprint !== undefined && o.vu === op.vu && o.cookieFingerprint === op.cookieFingerprint && o.outcome === 'ok' && o.sessionValid === true && !SESSION_OPS.has(o.op);
}

/** The VU's last request with `op`'s cookie answered as logged in before `op` was sent: when the session was last used. */
function lastAcceptedBefore(history: readonly Operation[], op: Operation): Operation | undefined {
  const accepted = acceptedWithCookieOf(op);
  return history.filter((o) => accepted(o) && o.returnedAt <= op.sentAt).at(-1);
}

/** The VU's last request with `op`'s cookie answered as logged in before it, and the first after it with no register or login of the VU between. */
function acceptedAround(history: readonly Operation[], op: Operation): [Operation, Operation] | null {
  const before = lastAcceptedBefore(history, op);
  if (!before) return null;
  const accepted = acceptedWithCookieOf(op);
  const later = history.filter((o) => o.vu === op.vu && o.sentAt >= op.returnedAt).sort((a, b) => a.sentAt - b.sentAt);
  for (const o of later) {
    if (o.op === 'register' || o.op === 'login') return null;
    if (accepted(o)) return [before, o];
  }
  return null;
}

/**
 * The VU's own logout, given up on (no answer) before the session's last login returned, that
 * may have ended the session later: the server log shows it served after that login (`line`), or
 * holds no line of it at all (it may have been served any time, `line` null). A log that shows
 * it served before the login returned says it ended the old session, not this one: null.
 */
export function lateLogout(context: AuditContext, op: Operation): { logout: Operation; line: LogEntry | null } | null {
  const own = context.history.filter((o) => o.vu === op.vu && o.sentAt < op.sentAt);
  const login = own.filter((o) => o.op === 'login' && o.outcome === 'ok').at(-1);
  const logout = own.filter((o) => o.op === 'logout' && o.outcome === 'info' && (login === undefined || o.sentAt < login.returnedAt)).at(-1);
  if (!logout) return null;
  const userId = userIdOf(context, op.username, op);
  if (!context.log || userId === undefined) return { logout, line: null };
  const otherLogouts = context.history.filter((o) => o.op === 'logout' && o.username === op.username && o.vu !== op.vu);
  const lines = entriesNear(context.log, logout.sentAt, op.returnedAt, new Set([userId]), [], IN_FLIGHT_SLACK_MS).filter(
    (entry) =>
      entry.request?.path === '/logout' &&
      entry.request.status !== null &&
      entry.request.status < 400 &&
      entry.at >= logout.sentAt &&
      // Another device of the same user logging out then would explain the line as well.
      !otherLogouts.some((o) => o.sentAt - IN_FLIGHT_SLACK_MS <= entry.at && o.returnedAt + IN_FLIGHT_SLACK_MS >= entry.at),
  );
  const from = login?.returnedAt ?? logout.sentAt;
  const after = lines.find((entry) => entry.at >= from);
  if (after) return { logout, line: after };
  return lines.length > 0 ? null : { logout, line: null };
}

/**
 * What the session folder says: the user's files against the user's sessions the history
 * never logged out. Every other such session keeps a file; one more file than those is this
 * session's, still there; no more is this session's, gone.
 */
function sessionFileCause(context: AuditContext, op: Operation): Cause {
  const count = context.sessionFiles;
  if (!count) return { kind: 'unknown', missing: "the server's session folder (flask_session/) or a snapshot's count of it" };
  const have = count.byUser[op.username] ?? 0;
  const folder = `${have} of the ${count.files} session files hold ${op.username}`;
  if (count.unreadable > 0) return { kind: 'unknown', missing: `whose ${count.unreadable} of the ${count.files} session files are (${folder} that could be read)`, sessionFiles: count };
  const sessions = liveSessions(context.history, op.username);
  const others = [...sessions].filter((fingerprint) => fingerprint !== op.cookieFingerprint).length;
  const ownAlive = op.cookieFingerprint !== undefined && sessions.has(op.cookieFingerprint);
  if (!ownAlive)
    return { kind: 'unknown', missing: `this session's file at the time of the 401: the history logged the session out later, so the folder now cannot say (${folder})`, sessionFiles: count };
  // Flask-Session keeps a cookie's session id when its file is gone, so a login after the 401 on
  // the same cookie may write a file of that name again: when the requests after that login still
  // carry the same cookie, the file there now is the login's. (A server that gave the login a new
  // cookie left the old session's file to the count below.)
  const relogin = context.history.find((o) => o.vu === op.vu && o.op === 'login' && o.outcome === 'ok' && o.sentAt >= op.returnedAt && o.cookieFingerprint === op.cookieFingerprint);
  const afterRelogin = relogin && context.history.find((o) => o.vu === op.vu && o.sentAt >= relogin.returnedAt && o.cookieFingerprint !== undefined);
  if (relogin && afterRelogin?.cookieFingerprint === op.cookieFingerprint) {
    const idleSince = lastAcceptedBefore(context.history, op);
    if (count.files < SESSION_STORE_THRESHOLD || !idleSince)
      return {
        kind: 'unknown',
        missing: `this session's file at the time of the 401: ${relogin.id} logged in again on the same cookie after it, so the file there now is that login's (${folder})`,
        sessionFiles: count,
      };
    return {
      kind: 'session-file-gone',
      text: `the session was refused, and accepted again only after ${relogin.id} logged in on the same cookie; the store holds ${count.files} files, at Flask-Session's threshold of ${SESSION_STORE_THRESHOLD}, past which it prunes the least recently written sessions, and this one had been idle since ${idleSince.id} at ${clockText(idleSince.returnedAt)} (${Math.round((op.sentAt - idleSince.returnedAt) / 1000)} s before the 401) — the store pruned the idle session`,
      opIds: [relogin.id, idleSince.id],
      sessionFiles: count,
    };
  }
  if (have <= others) {
    const full =
      count.files >= SESSION_STORE_THRESHOLD
        ? `; the store held ${count.files} files, at Flask-Session's threshold of ${SESSION_STORE_THRESHOLD}, past which it prunes the least recently written sessions`
        : '';
    return {
      kind: 'session-file-gone',
      text: `${folder}, and the history has ${others} other session${others === 1 ? '' : 's'} of that user never logged out — this session's file is gone though nobody logged it out: the server dropped the session${full}`,
      opIds: [],
      sessionFiles: count,
    };
  }
  if (have === others + 1) {
    return {
      kind: 'session-file-present',
      text: `${folder}: one for each of its ${others + 1} sessions never logged out, this one included — the session's file is still there, and the server refused it`,
      opIds: [],
      sessionFiles: count,
    };
  }
  return { kind: 'unknown', missing: `which file is this session's: ${folder}, more than its ${others + 1} sessions never logged out`, sessionFiles: count };
}

/** Cookie fingerprints of a user's sessions that saw a valid request and were never sent a logout. */
function liveSessions(history: readonly Operation[], username: string): Set<string> {
  const seen = new Set<string>();
  const loggedOut = new Set<string>();
  for (const o of history) {
    if (o.username !== username || o.cookieFingerprint === undefined) continue;
    if (o.op === 'logout' && o.outcome !== 'fail') loggedOut.add(o.cookieFingerprint);
    else if (o.sessionValid === true) seen.add(o.cookieFingerprint);
  }
  for (const fingerprint of loggedOut) seen.delete(fingerprint);
  return seen;
}
