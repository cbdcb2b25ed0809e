/**
 * What the target's log says, read with the suite's own log parser (db/server-log.ts),
 * so these tests also prove the parser reads the target's lines.
 */
import { readServerLog, type LogEntry } from '../../../db/server-log.ts';

function entries(logFile: string): LogEntry[] {
  return readServerLog(logFile)?.entries ?? [];
}

export interface ServedRequest {
  pid: number;
  method: string;
  path: string;
  /** null for a request whose connection closed before an answer. */
  status: number | null;
  userId: number | null;
}

/** The per-request lines, in order. */
export function servedRequests(logFile: string): ServedRequest[] {
  return entries(logFile).flatMap((e) => (e.request && e.pid !== null ? [{ pid: e.pid, method: e.request.method, path: e.request.path, status: e.request.status, userId: e.userId }] : []));
}

export interface FaultLine {
  pid: number | null;
  fields: Record<string, string>;
  message: string;
}

/** The `FAULT <name> k=v ...` lines of one switch. */
export function faultLines(logFile: string, name: string): FaultLine[] {
  return entries(logFile)
    .filter((e) => e.message.startsWith(`FAULT ${name} `) || e.message === `FAULT ${name}`)
    .map((e) => ({
      pid: e.pid,
      message: e.message,
      fields: Object.fromEntries([...e.message.matchAll(/(\w+)=("[^"]*(?:\\.[^"]*)*"|\S+)/g)].map((m) => [m[1]!, m[2]!])),
    }));
}

/** Messages of the app lines (no request lines), for exact-text checks. */
export function messages(logFile: string): string[] {
  return entries(logFile)
    .filter((e) => !e.request)
    .map((e) => e.message);
}

/** Pids of every worker the primary booted, in order (replacements included). */
export function bootedWorkerPids(logFile: string): number[] {
  return messages(logFile).flatMap((m) => {
    const match = /^Booting worker with pid: (\d+)$/.exec(m);
    return match ? [Number(match[1])] : [];
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
