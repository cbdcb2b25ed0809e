/**
 * Human pacing for virtual users: think time between actions, bounded by the VU's
 * deadline so no loop outlives its budget.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { between } from './random.ts';

export class Deadline {
  constructor(readonly atMs: number) {}

  static after(ms: number, now = Date.now()): Deadline {
    return new Deadline(now + ms);
  }

  get remainingMs(): number {
    return Math.max(0, this.atMs - Date.now());
  }

  get passed(): boolean {
    return Date.now() >= this.atMs;
  }
}

/** A user reading and typing: a random pause in `range`, never past the deadline. */
export async function thinkTime(rand: () => number, range: readonly [number, number], deadline: Deadline): Promise<void> {
  const ms = Math.min(between(rand, range), deadline.remainingMs);
  if (ms > 0) await delay(ms);
}
