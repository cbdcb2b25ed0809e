/**
 * Which request wrote a card, from the diagnostic lines an operator adds to the server's
 * `add_card` (docs/diagnostics.md): the ADD_CARD_SUCCESS line naming the card and
 * the database's user gives the worker pid; that worker's ADD_CARD_START before it gives the
 * session id and the session user at the route's entry, its ADD_CARD_TARGET_DB the file, and
 * a SESSION_MISMATCH between them says the session changed during the request.
 */
import type { LogEntry } from './server-log.ts';
import { IN_FLIGHT_SLACK_MS, LOG_WINDOW_MS, type LogIndex } from './log-match.ts';
import type { WriteAttribution } from './verdict.ts';

/**
 * The write of card `cardId` found in `dbUserId`'s database: the ADD_CARD_SUCCESS naming that
 * card and that user near the request. Failing that, the one naming the card and the request's
 * own user (`requestUserId`) while the request was in flight: the server logged writing its
 * own user's file, and the card is elsewhere. A sync worker serves one request at a time, so
 * the lines of one request lie between its START and its SUCCESS.
 */
export function attributeWrite(log: LogIndex | null, cardId: number, dbUserId: number | undefined, from: number, to: number, requestUserId?: number): WriteAttribution | null {
  // A log without diagnostic lines has no ADD_CARD_SUCCESS to find below.
  if (!log) return null;
  const candidates = log.successesByCard.get(String(cardId)) ?? [];
  const userIs = (entry: LogEntry, id: number | undefined) => id === undefined || entry.diagnostic!.fields.UserID === undefined || entry.diagnostic!.fields.UserID === String(id);
  const near = candidates.filter((entry) => userIs(entry, dbUserId) && entry.at >= from - LOG_WINDOW_MS && entry.at <= to + LOG_WINDOW_MS);
  // Whole-second ids repeat across users: only the request's own user and its own flight count here.
  const ownUser =
    requestUserId === undefined || requestUserId === dbUserId
      ? []
      : candidates.filter((entry) => userIs(entry, requestUserId) && entry.at >= from - IN_FLIGHT_SLACK_MS && entry.at <= to + IN_FLIGHT_SLACK_MS);
  const success = nearest(near.length > 0 ? near : ownUser.length === 1 ? ownUser : [], from, to);
  if (!success || success.pid === null) return null;
  const own = requestLines(log.diagnostics, success);
  const start = own.find((entry) => entry.diagnostic!.event === 'ADD_CARD_START');
  const target = own.find((entry) => entry.diagnostic!.event === 'ADD_CARD_TARGET_DB');
  const mismatch = own.find((entry) => entry.diagnostic!.event === 'SESSION_MISMATCH');
  const attribution: WriteAttribution = { pid: success.pid, cardId, logLines: own.map((entry) => entry.text) };
  const set = <K extends keyof WriteAttribution>(key: K, value: WriteAttribution[K] | undefined) => {
    if (value !== undefined) attribution[key] = value;
  };
  const startFields = start?.diagnostic!.fields ?? {};
  const successFields = success.diagnostic!.fields;
  set('thread', startFields.Thread);
  // The parser has already put `#fingerprint` in place of the id (helpers/secrets/fingerprint.ts).
  set('sessionFingerprint', startFields.SessionID?.replace(/^#/, ''));
  set('sessionUser', startFields.SessionUser);
  set('sessionUserId', numberOf(startFields.SessionUserID));
  set('writeUserId', numberOf(successFields.UserID ?? target?.diagnostic!.fields.UserID));
  set('writeUsername', successFields.Username);
  set('dbPath', target?.diagnostic!.fields.DBPath);
  if (mismatch) {
    const { Expected, Got } = mismatch.diagnostic!.fields;
    if (Expected !== undefined && Got !== undefined) attribution.sessionMismatch = { expected: Expected, got: Got };
  }
  return attribution;
}

/**
 * The success line and the same worker's diagnostic lines back to its ADD_CARD_START: stop
 * at an earlier SUCCESS (another request's) or after the START; lines of other workers skipped.
 */
function requestLines(diagnostics: readonly LogEntry[], success: LogEntry): LogEntry[] {
  const lines: LogEntry[] = [success];
  for (let i = lowerIndex(diagnostics, success) - 1; i >= 0; i--) {
    const entry = diagnostics[i]!;
    if (entry.pid !== success.pid) continue;
    if (success.at - entry.at > LOG_WINDOW_MS) break;
    const event = entry.diagnostic!.event;
    if (event === 'ADD_CARD_SUCCESS') break;
    lines.unshift(entry);
    if (event === 'ADD_CARD_START') break;
  }
  return lines;
}

/** Index of `entry` in the time-ordered lines, by binary search on its time, then its line number. */
function lowerIndex(diagnostics: readonly LogEntry[], entry: LogEntry): number {
  let low = 0;
  let high = diagnostics.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const other = diagnostics[mid]!;
    if (other.at < entry.at || (other.at === entry.at && other.lineNo < entry.lineNo)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The candidate written during the request's flight, else the one nearest to it. */
function nearest(entries: LogEntry[], from: number, to: number): LogEntry | undefined {
  const distance = (entry: LogEntry) => (entry.at < from ? from - entry.at : entry.at > to ? entry.at - to : 0);
  return [...entries].sort((a, b) => distance(a) - distance(b))[0];
}

function numberOf(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}
