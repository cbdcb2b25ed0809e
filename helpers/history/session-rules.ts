/**
 * What the history says about a session, one definition for the checker and the VUs alike:
 * which requests work without a session, which ones start or end one, and when a 401 is a
 * rejected live session rather than bad credentials or a request after logout.
 */
import type { Operation } from './operation.ts';

/** Requests that work without a session (a 401 means bad credentials) and that start or end one (a new cookie after them is expected). */
export const SESSION_OPS: ReadonlySet<Operation['op']> = new Set(['register', 'login', 'logout']);

/** A 401 to a request sent while the session was valid: the server forgot or mixed up a live session. */
export function isRejectedSession(op: Operation): boolean {
  return op.status === 401 && op.sessionValid === true && !SESSION_OPS.has(op.op);
}

/** A 401 to a request sent after logout: the server did what it must. */
export function isRefusedAfterLogout(op: Operation): boolean {
  return op.status === 401 && op.sessionValid === false && !SESSION_OPS.has(op.op);
}

/** A request sent after logout (the session ended) that the server answered as a logged-in user. */
export function isAnsweredAfterLogout(op: Operation): boolean {
  return op.sessionValid === false && !SESSION_OPS.has(op.op) && op.outcome === 'ok';
}

/**
 * Requests whose session cookie differs from the one the VU used before, with no register,
 * login or logout of that VU answered since the previous cookie came into use: the session
 * changed under the VU. Judged per VU in send order; a browser page's requests may overlap a
 * login, so a login answered after the old cookie's first use explains the change.
 */
export function unexplainedCookieChanges(ops: readonly Operation[]): { op: Operation; from: string; to: string }[] {
  const byVu = new Map<string, Operation[]>();
  for (const op of ops) {
    const list = byVu.get(op.vu);
    if (list) list.push(op);
    else byVu.set(op.vu, [op]);
  }
  const found: { op: Operation; from: string; to: string }[] = [];
  for (const list of byVu.values()) {
    const sorted = [...list].sort((a, b) => a.sentAt - b.sentAt);
    const sessionAnswers = sorted.filter((op) => SESSION_OPS.has(op.op)).map((op) => op.returnedAt);
    let last: string | undefined;
    let lastSince = 0;
    for (const op of sorted) {
      const fp = op.cookieFingerprint;
      if (fp === undefined || fp === last) continue;
      const explained = last === undefined || sessionAnswers.some((at) => at > lastSince && at <= op.sentAt);
      if (!explained) found.push({ op, from: last!, to: fp });
      last = fp;
      lastSince = op.sentAt;
    }
  }
  return found;
}

/**
 * 401s on a valid session, one entry per outage: the first refusal of a VU's cookie and the
 * refusals of the same cookie that followed it before the server accepted that cookie again
 * (the client does not log itself out on a 401, so a dropped session is refused on every later
 * request; those follow from the first and are not judged again).
 */
export function rejectedSessionRuns(ops: readonly Operation[]): { first: Operation; followers: Operation[] }[] {
  const runs: { first: Operation; followers: Operation[] }[] = [];
  const open = new Map<string, { first: Operation; followers: Operation[] }>();
  // The session's key is spelled only when an outage is open or starts: a history of a million
  // requests has few 401s, and a key for each request would be most of this function's time.
  const keyOf = (op: Operation) => `${op.vu}/${op.cookieFingerprint ?? ''}`;
  for (const op of [...ops].sort((a, b) => a.sentAt - b.sentAt)) {
    if (isRejectedSession(op)) {
      const key = keyOf(op);
      const run = open.get(key);
      if (run) run.followers.push(op);
      else {
        const started = { first: op, followers: [] };
        open.set(key, started);
        runs.push(started);
      }
    } else if (open.size > 0 && (SESSION_OPS.has(op.op) || (op.status !== null && op.status < 400))) open.delete(keyOf(op));
  }
  return runs;
}
