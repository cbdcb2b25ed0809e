/**
 * Finding the server log lines behind an operation: same user, within a window around
 * the time the request was in flight (the server and the client share a clock on the
 * embedded target; the window absorbs logging and scheduling delay).
 */
import type { LogEntry, ParsedLog } from './server-log.ts';

export const LOG_WINDOW_MS = 2_000;

export interface LogIndex {
  /** App entries by ascending time. */
  byTime: LogEntry[];
}

export interface LogEvidence {
  logLines: string[];
  workerPid?: number;
}

/** Index the entries that can be matched: the app's lines (Gunicorn's own never name a user). */
export function indexLog(log: ParsedLog): LogIndex {
  const byTime = log.entries.filter((entry) => entry.source === 'app');
  byTime.sort((a, b) => a.at - b.at || a.lineNo - b.lineNo);
  return { byTime };
}

/**
 * Entries between `from − window` and `to + window` about one of `userIds`, or that mention
 * one of `mentions` (a card id: the real server logs some card events without the user).
 */
export function entriesNear(
  index: LogIndex,
  from: number,
  to: number,
  userIds: ReadonlySet<number>,
  mentions: readonly string[] = [],
  windowMs = LOG_WINDOW_MS,
): LogEntry[] {
  const start = from - windowMs;
  const end = to + windowMs;
  const found: LogEntry[] = [];
  for (let i = lowerBound(index.byTime, start); i < index.byTime.length; i++) {
    const entry = index.byTime[i]!;
    if (entry.at > end) break;
    const aboutUser = entry.userId !== null && userIds.has(entry.userId);
    if (aboutUser || mentionsAny(entry, mentions)) found.push(entry);
  }
  return found;
}

/** Log lines and worker pid for an operation window; empty when there is no log. */
export function logEvidence(
  index: LogIndex | null,
  from: number,
  to: number,
  userIds: ReadonlySet<number>,
  mentions: readonly string[] = [],
  maxLines = 8,
): LogEvidence {
  if (!index || (userIds.size === 0 && mentions.length === 0)) return { logLines: [] };
  const entries = entriesNear(index, from, to, userIds, mentions);
  // Lines naming the card, errors and request lines say most; keep them when the window is busy.
  const score = (entry: LogEntry) => (mentionsAny(entry, mentions) ? 3 : 0) + rank(entry);
  const ranked = [...entries].sort((a, b) => score(b) - score(a) || a.at - b.at).slice(0, maxLines);
  ranked.sort((a, b) => a.at - b.at || a.lineNo - b.lineNo);
  // The pid comes from a line about one of the users: a line that only shares a card id may
  // be another user's request in another worker.
  const ofUser = ranked.filter((entry) => entry.pid !== null && entry.userId !== null && userIds.has(entry.userId));
  const pidEntry = ofUser.find((entry) => entry.request) ?? ofUser[0];
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
