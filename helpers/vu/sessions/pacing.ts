/**
 * The one-add-per-second rule (helpers/config/whole-second-ids.ts) for VUs that add quickly (the
 * thrasher, the burst): wait for the next clock second first — a wait for a clock
 * condition, bounded by the VU's deadline.
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
