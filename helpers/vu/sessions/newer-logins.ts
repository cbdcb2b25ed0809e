/**
 * What a returning user waits for while idle: how many other users logged in after it did,
 * counted from the run's history as the other VUs append to it. Every login is one more session
 * file in Flask-Session's store, which prunes sessions past 500 files; the idle user's own is
 * one of them. The history folder is read incrementally (each file from where the last count
 * stopped), so polling it for minutes costs what the new lines cost.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Operation } from '../../history/operation.ts';

/** The distinct users, other than `self`, whose login the server acknowledged and that were sent at or after `sinceMs`. */
export class NewerLogins {
  private readonly offsets = new Map<string, number>();
  private readonly users = new Set<string>();

  constructor(
    private readonly historyDir: string,
    private readonly sinceMs: number,
    private readonly self: string,
  ) {}

  /** Reads what the history files gained since the last call; returns the count so far. */
  count(): number {
    const files = fs.existsSync(this.historyDir) ? fs.readdirSync(this.historyDir).filter((f) => f.endsWith('.jsonl')) : [];
    for (const name of files) this.readNew(path.join(this.historyDir, name));
    return this.users.size;
  }

  private readNew(file: string): void {
    const from = this.offsets.get(file) ?? 0;
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      return;
    }
    if (size <= from) return;
    const fd = fs.openSync(file, 'r');
    let text: string;
    try {
      const buffer = Buffer.alloc(size - from);
      const read = fs.readSync(fd, buffer, 0, buffer.length, from);
      text = buffer.subarray(0, read).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
    // A line still being appended has no newline yet: it is read whole next time.
    const end = text.lastIndexOf('\n');
    if (end < 0) return;
    this.offsets.set(file, from + Buffer.byteLength(text.slice(0, end + 1)));
    for (const line of text.slice(0, end).split('\n')) {
      // Most lines are reviews and adds: parse only the logins.
      if (!line.includes('"op":"login"')) continue;
      let op: Operation;
      try {
        op = JSON.parse(line) as Operation;
      } catch {
        continue;
      }
      if (op.op === 'login' && op.outcome === 'ok' && op.sentAt >= this.sinceMs && op.username !== this.self) this.users.add(op.username);
    }
  }
}

export interface IdleOutcome {
  /** Newer logins counted when the wait ended. */
  logins: number;
  /** True when `target` was reached; false when the bound ran out first. */
  reached: boolean;
  waitedMs: number;
}

/** How often the history is read again while idle: a login arrives every half second or so at scale. */
export const IDLE_POLL_MS = 2_000;

/** Stays idle until `count()` reaches `target` or `maxMs` passed, reading it every `pollMs`. */
export async function idleUntilNewerLogins(
  count: () => number,
  target: number,
  maxMs: number,
  pollMs = IDLE_POLL_MS,
  now: () => number = Date.now,
  sleep: (ms: number) => Promise<unknown> = delay,
): Promise<IdleOutcome> {
  const start = now();
  for (;;) {
    const logins = count();
    const waitedMs = now() - start;
    if (logins >= target) return { logins, reached: true, waitedMs };
    const left = maxMs - waitedMs;
    if (left <= 0) return { logins, reached: false, waitedMs };
    await sleep(Math.min(pollMs, left));
  }
}
