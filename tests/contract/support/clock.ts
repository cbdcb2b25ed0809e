/**
 * Whole-second alignment for the id checks. The server derives note and card ids from
 * the epoch second, so "two adds in the same second" is a clock condition the test must
 * arrange: wait for a fresh second to begin, act, and confirm that everything happened
 * before that second ended. Target and tests share this machine's clock (loopback only).
 */
import { SecondAlignmentError } from './second-alignment-error.ts';

/** Margin after the boundary, so the server's clock reading is in the new second too. */
const START_MARGIN_MS = 20;
/** Margin after the boundary for the end of an action timed to end there. */
const END_MARGIN_MS = 100;

/** Epoch second of an epoch-ms instant. */
export function secondOf(epochMs: number): number {
  return Math.floor(epochMs / 1000);
}

/** Resolves at the wall-clock instant `epochMs` (at once if it has passed). */
async function clockReaches(epochMs: number): Promise<void> {
  const waitMs = epochMs - Date.now();
  // A wait for a wall-clock condition, not for the server.
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
}

/** Resolves just after the next whole second begins; returns that second. */
export async function nextSecondStart(): Promise<number> {
  await clockReaches((secondOf(Date.now()) + 1) * 1000 + START_MARGIN_MS);
  return secondOf(Date.now());
}

/**
 * Waits so that an action expected to take `durationMs` ends just after a whole second
 * begins (the next one that leaves enough time), leaving most of that second for what
 * follows it.
 */
export async function endJustAfterNextSecond(durationMs: number): Promise<void> {
  const now = Date.now();
  let boundary = (secondOf(now) + 1) * 1000;
  while (boundary + END_MARGIN_MS - durationMs < now) boundary += 1000;
  await clockReaches(boundary + END_MARGIN_MS - durationMs);
}

/**
 * Resolves once the wall clock is in a later second than `epochMs`. A user's first card
 * must wait for this after registration: in the registration second its note id would
 * be the first sample note's id (a 500).
 */
export async function secondAfter(epochMs: number): Promise<void> {
  if (secondOf(Date.now()) > secondOf(epochMs)) return;
  await nextSecondStart();
}

/**
 * Runs `attempt` from the start of a fresh second until one run both starts and ends
 * within that second (at most `tries` runs), so a slow machine retries rather than flakes.
 * Each attempt must set up its own state (new cards, new users): earlier runs may have
 * left some behind.
 */
export async function withinOneSecond<T>(attempt: (second: number) => Promise<T>, tries = 4): Promise<{ second: number; result: T }> {
  const spans: number[] = [];
  for (let i = 0; i < tries; i++) {
    const second = await nextSecondStart();
    const result = await attempt(second);
    const ended = Date.now();
    if (secondOf(ended) === second) return { second, result };
    spans.push(ended - second * 1000);
  }
  throw new SecondAlignmentError(
    `the requests did not fit in one wall-clock second in ${tries} tries (they took ${spans.join(', ')} ms from the second's start) — the target or machine is too slow for this same-second check`,
  );
}
