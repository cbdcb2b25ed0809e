/**
 * Finding the server log lines behind an operation: same user, within a window around
 * the time the request was in flight (the server and the client share a clock on the
 * embedded target; the window absorbs logging and scheduling delay).
 */
import type { LogEntry, ParsedLog } from './server-log.ts';

export const LOG_WINDOW_MS = 2_000;

/** Logging and clock slack around a request's flight within which a line counts as its own. */
export const IN_FLIGHT_SLACK_MS = 100;

export interface LogIndex {
  /** App entries by ascending time. */
  byTime: LogEntry[];
  /** The diagnostic lines (ADD_CARD_START, …) among them, by ascending time. */
  diagnostics: LogEntry[];
  /** ADD_CARD_SUCCESS lines by their CardID (whole-second ids repeat across users). */
  successesByCard: Map<string, LogEntry[]>;
}

export interface LogEvidence {
  logLines: string[];
  workerPid?: number;
}

/** Index the entries that can be matched: the app's lines (Gunicorn's own never name a user). */
export function indexLog(log: ParsedLog): LogIndex {
  const byTime = log.entries.filter((entry) => entry.source === 'app');
  byTime.sort((a, b) => a.at - b.at || a.lineNo - b.lineNo);
  const diagnostics = byTime.filter((entry) => entry.diagnostic !== null);
  const successesByCard = new Map<string, LogEntry[]>();
  for (const entry of diagnostics) {
    const cardId = entry.diagnostic!.fields.CardID;
    if (entry.diagnostic!.event !== 'ADD_CARD_SUCCESS' || cardId === undefined) continue;
    const list = successesByCard.get(cardId) ?? [];
    list.push(entry);
    successesByCard.set(cardId, list);
  }
  return { byTime, diagnostics, successesByCard };
}

/**
 * Entries between `from − window` and `to + window` about one of `userIds`, or that mention
 * one of `mentions` (a card id: the real server logs some card events without the user).
 */
export function entriesNear(index: LogIndex, from: number, to: number, userIds: ReadonlySet<number>, mentions: readonly string[] = [], windowMs = LOG_WINDOW_MS): LogEntry[] {
  const start = from - windowMs;
  const end = to + windowMs;
  const found: LogEntry[] = [];
  for (let i = lowerBound(index.byTime, start); i < index.byTime.length; i++) {
    const entry = index.byTime[i]!;
    if (entry.at > end) break;
    const aboutUser = entry.userId !== null && userIds.has(entry.userId);
    // A card id alone is weak: with whole-second ids another user's card has the same id.
    if (aboutUser || (entry.userId === null && mentionsAny(entry, mentions))) found.push(entry);
  }
  return found;
}

/** Log lines and worker pid for an operation window; empty when there is no log. */
export function logEvidence(index: LogIndex | null, from: number, to: number, userIds: ReadonlySet<number>, mentions: readonly string[] = [], maxLines = 8): LogEvidence {
  // With nobody and no card to look for, entriesNear finds nothing.
  if (!index) return { logLines: [] };
  const entries = entriesNear(index, from, to, userIds, mentions);
  // Lines written while the request was in flight (a request line is written as it ends) are
  // the request's own; then lines naming the card, errors and request lines. Keep those when
  // the window is busy, nearest the flight first.
  const inFlight = (entry: LogEntry) => entry.at >= from - IN_FLIGHT_SLACK_MS && entry.at <= to + IN_FLIGHT_SLACK_MS;
  const distance = (entry: LogEntry) => (entry.at < from ? from - entry.at : entry.at > to ? entry.at - to : 0);
  const score = (entry: LogEntry) => (inFlight(entry) ? 4 : 0) + (mentionsAny(entry, mentions) ? 3 : 0) + rank(entry);
  const ranked = [...entries].sort((a, b) => score(b) - score(a) || distance(a) - distance(b)).slice(0, maxLines);
  // The pid comes from a line about one of the users, written during the flight when there is
  // one: a line that only shares a card id, or an earlier request, may be another worker's.
  const ofUser = ranked.filter((entry) => entry.pid !== null && entry.userId !== null && userIds.has(entry.userId));
  const pidEntry = ofUser.find((entry) => entry.request && inFlight(entry)) ?? ofUser.find(inFlight) ?? ofUser.find((entry) => entry.request) ?? ofUser[0];
  ranked.sort((a, b) => a.at - b.at || a.lineNo - b.lineNo);
  const evidence: LogEvidence = { logLines: ranked.map((entry) => entry.text) };
  if (pidEntry?.pid != null) evidence.workerPid = pidEntry.pid;
  return evidence;
}

function mentionsAny(entry: LogEntry, mentions: readonly string[]): boolean {
  return mentions.some((text) => entry.message.includes(text));
}

function rank(entry: LogEntry): number {
  if (entry.level === 'ERROR' || entry.level === 'CRITICAL') return 2;
  if (entry.request && (entry.request.status ?? 0) >= 500) return 2;
  return entry.request ? 1 : 0;
}

/** Every log entry written from `from` to `to` (epoch ms), whoever it names: by binary search on time. */
export function entriesBetween(index: LogIndex, from: number, to: number): LogEntry[] {
  const found: LogEntry[] = [];
  for (let i = lowerBound(index.byTime, from); i < index.byTime.length && index.byTime[i]!.at <= to; i++) found.push(index.byTime[i]!);
  return found;
}

function lowerBound(entries: LogEntry[], at: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (entries[mid]!.at < at) low = mid + 1;
    else high = mid;
  }
  return low;
}
