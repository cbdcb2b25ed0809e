/**
 * Pacing a session VU must respect on the real server: note ids come from the clock in
 * whole seconds, so a user's second add within one second is refused with a 500. A VU
 * that adds quickly (the thrasher, the burst) waits for the next second first — a wait
 * for a clock condition, bounded by the VU's deadline.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Deadline } from '../pacing.ts';

/** Wait until the clock second differs from that of `lastAddAt` (no wait when there was none). */
export async function untilNextSecond(lastAddAt: number | undefined, deadline: Deadline, now: () => number = Date.now, sleep: (ms: number) => Promise<unknown> = delay): Promise<void> {
  if (lastAddAt === undefined) return;
  const nextSecond = (Math.floor(lastAddAt / 1000) + 1) * 1000;
  const wait = Math.min(nextSecond - now(), deadline.remainingMs);
  if (wait > 0) await sleep(wait);
}
