/**
 * Finding the server log lines behind an operation: same user, within a window around
 * the time the request was in flight (the server and the client share a clock on the
 * embedded target; the window absorbs logging and scheduling delay).
 */
import type { LogEntry, ParsedLog } from './server-log.ts';

export const LOG_WINDOW_MS = 2_000;

export interface LogIndex {
  /** Entries that name a user, by ascending time. */
  byTime: LogEntry[];
}

export interface LogEvidence {
  logLines: string[];
  workerPid?: number;
}

/** Index the entries that can be matched (app lines naming a user). */
export function indexLog(log: ParsedLog): LogIndex {
  const byTime = log.entries.filter((entry) => entry.source === 'app' && entry.userId !== null);
  byTime.sort((a, b) => a.at - b.at || a.lineNo - b.lineNo);
  return { byTime };
}

/** Entries about one of `userIds` between `from − window` and `to + window`. */
export function entriesNear(index: LogIndex, from: number, to: number, userIds: ReadonlySet<number>, windowMs = LOG_WINDOW_MS): LogEntry[] {
  const start = from - windowMs;
  const end = to + windowMs;
  const found: LogEntry[] = [];
  for (let i = lowerBound(index.byTime, start); i < index.byTime.length; i++) {
    const entry = index.byTime[i]!;
    if (entry.at > end) break;
    if (userIds.has(entry.userId!)) found.push(entry);
  }
  return found;
}

/** Log lines and worker pid for an operation window; empty when there is no log. */
export function logEvidence(index: LogIndex | null, from: number, to: number, userIds: ReadonlySet<number>, maxLines = 8): LogEvidence {
  if (!index || userIds.size === 0) return { logLines: [] };
  const entries = entriesNear(index, from, to, userIds);
  // Errors and request lines say most about a failure; keep them when the window is busy.
  const ranked = [...entries].sort((a, b) => rank(b) - rank(a) || a.at - b.at).slice(0, maxLines);
  ranked.sort((a, b) => a.at - b.at || a.lineNo - b.lineNo);
  const pidEntry = ranked.find((entry) => entry.request && entry.pid !== null) ?? ranked.find((entry) => entry.pid !== null);
  const evidence: LogEvidence = { logLines: ranked.map((entry) => entry.text) };
  if (pidEntry?.pid != null) evidence.workerPid = pidEntry.pid;
  return evidence;
}

function rank(entry: LogEntry): number {
  if (entry.level === 'ERROR' || entry.level === 'CRITICAL') return 2;
  if (entry.request && entry.request.status >= 500) return 2;
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
