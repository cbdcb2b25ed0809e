/**
 * A reviewer's way to its next card: GET /review, and when the server says nothing
 * is due (daily new-card limit, learning cards not due yet), ask again at a bounded
 * interval until a card comes due or the VU's budget ends.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { ApiClient, Call } from './api-client.ts';
import type { Deadline } from './pacing.ts';

export interface ShownCard {
  cardId: number;
  front: string;
  back: string;
  queue: number | undefined;
}

export type ReviewBody = { cardId?: number; front?: string; back?: string; queue?: number; message?: string };

/** Pause between "nothing due" answers: learning steps are 1 and 10 minutes, so seconds are enough. */
const NOTHING_DUE_RETRY_MS = 3_000;

export interface NextCardResult {
  card: ShownCard | null;
  /** Non-ok GET /review answers met on the way (status, error). */
  errors: Call<ReviewBody>[];
  waitedForDueMs: number;
}

export async function nextReviewCard(api: ApiClient, deadline: Deadline, deckName: string): Promise<NextCardResult> {
  const errors: Call<ReviewBody>[] = [];
  let waitedForDueMs = 0;
  while (!deadline.passed) {
    const call = await api.getReview({ deckName });
    const body = call.json;
    if (call.ok && body && typeof body.cardId === 'number') {
      return { card: { cardId: body.cardId, front: body.front ?? '', back: body.back ?? '', queue: body.queue }, errors, waitedForDueMs };
    }
    if (!call.ok) errors.push(call);
    if (errors.length >= 5) break;
    const pause = Math.min(NOTHING_DUE_RETRY_MS, deadline.remainingMs);
    waitedForDueMs += pause;
    if (pause > 0) await delay(pause);
  }
  return { card: null, errors, waitedForDueMs };
}
