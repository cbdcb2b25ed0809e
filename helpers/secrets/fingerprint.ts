/**
 * The one way a session cookie is named in a run's records: the first 12 hex chars of its
 * value's sha256, enough to tell sessions apart and useless to replay. The history stores it
 * per request; the checker applies it to a session id the server logged, so the id (the
 * secret part of a Flask-Session cookie) never reaches a verdict or a report.
 */
import crypto from 'node:crypto';

export function fingerprint(cookieValue: string): string {
  return crypto.createHash('sha256').update(cookieValue).digest('hex').slice(0, 12);
}

/**
 * A `SessionID:<id>` field of a server log line (the diagnostic add_card lines), not yet masked;
 * spaces around the colon allowed, as the log parser trims them and would read the id all the same.
 */
const SESSION_ID_FIELD = /\bSessionID\s*:\s*(?!#)([^\s|]+)/g;

/**
 * The line with each logged session id replaced by `#` and its fingerprint: a Flask-Session id
 * is what the session cookie carries (signed, with SESSION_USE_SIGNER), so it is a credential.
 */
export function maskSessionIds(line: string): string {
  return line.includes('SessionID') ? line.replace(SESSION_ID_FIELD, (_whole, id: string) => `SessionID:#${fingerprint(id)}`) : line;
}
