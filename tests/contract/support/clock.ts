/**
 * Whole-second alignment for the id checks. The server derives note and card ids from
 * the epoch second, so "two adds in the same second" is a clock condition the test must
 * arrange: wait for a fresh second to begin, act, and confirm that everything happened
 * before that second ended. Target and tests share this machine's clock (loopback only).
 */
import { SecondAlignmentError } from './second-alignment-error.ts';

/** Margin after the boundary, so the server's clock reading is in the new second too. */
const START_MARGIN_MS = 20;

/** Epoch second of an epoch-ms instant. */
export function secondOf(epochMs: number): number {
  return Math.floor(epochMs / 1000);
}

/** Resolves just after the next whole second begins; returns that second. */
export async function nextSecondStart(): Promise<number> {
  const now = Date.now();
  const waitMs = (secondOf(now) + 1) * 1000 + START_MARGIN_MS - now;
  // A wait for a wall-clock condition (the next second), not for the server.
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  return secondOf(Date.now());
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
