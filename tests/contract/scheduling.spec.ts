/**
 * Scheduling of learning, review and relearning cards. A learning card is only served
 * again when it comes due (1 or 10 minutes later), too long for a contract run; but
 * POST /answer applies the ease to the card the session remembered, in the state the
 * card is in *now*. So several sessions of one user each fetch the same (only) card
 * while it is new, then answer one after another: each answer meets the state the
 * previous one left, walking the card through every queue.
 */
import type { APIRequestContext } from '@playwright/test';
import { test, expect } from './support/contract-fixture.ts';
import { secondOf } from './support/clock.ts';
import { addCard, answer, deckStats, nextReview, type AddCardBody, type ReviewCard } from './support/routes.ts';
import { expectJson } from './support/responses.ts';
import { cardById, collection, readUserDb, revlogOf, type CardRow, type RevlogRow } from '../support/user-db.ts';

interface Step {
  ease: 1 | 2 | 3 | 4;
  why: string;
  /** Expected card fields after the answer. */
  card: Partial<CardRow>;
  /** Learning: due this many seconds after the answer; review: due this many days after today. */
  due: { inSeconds: number } | { inDays: number };
  /** Expected revlog fields of the answer. */
  log: Pick<RevlogRow, 'ivl' | 'lastIvl' | 'factor' | 'type'>;
  /** Deck counts after the answer (only the non-zero ones). */
  counts: Record<string, number>;
}

/**
 * The due values the server may have written while the answer was in flight: a learning step is
 * an epoch second, `inSeconds` after the answer's own second; a review due date is a day number
 * counted from the collection's creation (crt).
 */
function dueRange(due: Step['due'], sentMs: number, returnedMs: number, crt: number): { min: number; max: number } {
  if ('inSeconds' in due) return { min: secondOf(sentMs) + due.inSeconds, max: secondOf(returnedMs) + due.inSeconds };
  const day = Math.floor((secondOf(returnedMs) - crt) / 86400) + due.inDays;
  return { min: day, max: day };
}

const WALK: Step[] = [
  {
    ease: 3,
    why: 'new → learning, 10 min step',
    card: { type: 1, queue: 1, ivl: 0, factor: 2500, left: 10, lapses: 0 },
    due: { inSeconds: 600 },
    log: { ivl: 0, lastIvl: 0, factor: 2500, type: 0 },
    counts: { Learning: 1 },
  },
  {
    ease: 2,
    why: 'learning, hard: same step again',
    card: { type: 1, queue: 1, ivl: 0, left: 10 },
    due: { inSeconds: 600 },
    log: { ivl: 0, lastIvl: 0, factor: 2500, type: 1 },
    counts: { Learning: 1 },
  },
  {
    ease: 1,
    why: 'learning, again: the lapse step (10 min)',
    card: { type: 1, queue: 1, ivl: 0, left: 10 },
    due: { inSeconds: 600 },
    log: { ivl: 0, lastIvl: 0, factor: 2500, type: 1 },
    counts: { Learning: 1 },
  },
  {
    ease: 3,
    why: 'learning, good: graduates to review, 1 day',
    card: { type: 2, queue: 2, ivl: 1, factor: 2500, left: 0 },
    due: { inDays: 1 },
    log: { ivl: 1, lastIvl: 0, factor: 2500, type: 1 },
    counts: { Young: 1 },
  },
  {
    ease: 3,
    why: 'review, good: ivl at least +1 day, factor kept',
    card: { type: 2, queue: 2, ivl: 2, factor: 2500 },
    due: { inDays: 2 },
    log: { ivl: 2, lastIvl: 1, factor: 2500, type: 1 },
    counts: { Young: 1 },
  },
  {
    ease: 2,
    why: 'review, hard: ivl +1 day, factor −150',
    card: { type: 2, queue: 2, ivl: 3, factor: 2350 },
    due: { inDays: 3 },
    log: { ivl: 3, lastIvl: 2, factor: 2350, type: 1 },
    counts: { Young: 1 },
  },
  {
    ease: 4,
    why: 'review, easy: ivl +1 day, factor +150',
    card: { type: 2, queue: 2, ivl: 4, factor: 2500 },
    due: { inDays: 4 },
    log: { ivl: 4, lastIvl: 3, factor: 2500, type: 1 },
    counts: { Young: 1 },
  },
  {
    ease: 1,
    why: 'review, again: a lapse into relearning (type 3, queue 1)',
    card: { type: 3, queue: 1, ivl: 0, factor: 2500, left: 10, lapses: 1 },
    due: { inSeconds: 600 },
    log: { ivl: 0, lastIvl: 4, factor: 2500, type: 2 },
    counts: { Learning: 1 },
  },
  {
    ease: 2,
    why: 'relearning, hard: same step again',
    card: { type: 3, queue: 1, ivl: 0, left: 10, lapses: 1 },
    due: { inSeconds: 600 },
    log: { ivl: 0, lastIvl: 0, factor: 2500, type: 3 },
    counts: { Learning: 1 },
  },
  {
    ease: 4,
    why: 'relearning, easy: back to review, 1 day',
    card: { type: 2, queue: 2, ivl: 1, factor: 2500, left: 0, lapses: 1 },
    due: { inDays: 1 },
    log: { ivl: 1, lastIvl: 0, factor: 2500, type: 3 },
    counts: { Young: 1 },
  },
];

const ZERO_COUNTS = { New: 0, Learning: 0, Relearning: 0, Young: 0, Mature: 0, Suspended: 0, Buried: 0 };

test('one card walks new → learning → review → relearning → review, one ease per session', async ({ sessions, target }) => {
  const { user, api } = await sessions.newWriter('sw');
  const added = await expectJson<AddCardBody>(await addCard(api, 'Walker', 'through every queue'), 201);
  const crt = readUserDb(target.dataDir, user.userId, (db) => collection(db).crt);

  const clients: APIRequestContext[] = await Promise.all(WALK.map(() => sessions.login(user)));
  for (const client of clients) {
    const served = await expectJson<ReviewCard>(await nextReview(client), 200);
    expect(served).toMatchObject({ cardId: added.card_id, queue: 0 });
  }

  for (const [i, step] of WALK.entries()) {
    await test.step(`ease ${step.ease}: ${step.why}`, async () => {
      const sentMs = Date.now();
      await expectJson(await answer(clients[i]!, step.ease, 700 + i), 200);
      const returnedMs = Date.now();
      const { row, log } = readUserDb(target.dataDir, user.userId, (db) => ({ row: cardById(db, added.card_id)!, log: revlogOf(db, added.card_id) }));
      expect(row).toMatchObject({ ...step.card, reps: i + 1, mod: expect.any(Number) });
      const due = dueRange(step.due, sentMs, returnedMs, crt);
      expect(row.due).toBeGreaterThanOrEqual(due.min);
      expect(row.due).toBeLessThanOrEqual(due.max);
      expect(log).toHaveLength(i + 1);
      expect(log[i]).toEqual({ id: log[i]!.id, cid: added.card_id, usn: -1, ease: step.ease, time: 700 + i, ...step.log });
      const stats = await expectJson(await deckStats(api, 1), 200);
      expect(stats).toEqual({ counts: { ...ZERO_COUNTS, ...step.counts }, total: 1 });
    });
  }

  await test.step('nothing is due now in the deck', async () => {
    expect(await expectJson(await nextReview(api), 200)).toEqual({ message: "No cards due for deck 'MyFirstDeck' right now." });
  });
});
