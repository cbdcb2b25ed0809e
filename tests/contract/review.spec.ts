/**
 * GET /review and POST /answer: the card shape, the session's remembered card, ease
 * validation, what a new card becomes after each ease, and the revlog row of an answer.
 */
import type { APIRequestContext } from '@playwright/test';
import { test, expect } from './support/contract-fixture.ts';
import { FIELD_SEPARATOR } from './support/anki-checksum.ts';
import { secondOf } from './support/clock.ts';
import { addCard, answer, nextReview, setCurrentDeck, type AddCardBody, type ReviewCard } from './support/routes.ts';
import { expectError, expectJson } from './support/responses.ts';
import { cardById, noteById, readUserDb, revlogOf } from '../support/user-db.ts';

const NO_CARD_IN_SESSION = 'Missing card information in session or invalid request. Please get a card first.';
const INVALID_EASE = 'Invalid ease rating (must be 1, 2, 3, or 4)';
const ANSWERED = { message: 'Answer processed successfully' };

async function reviewCard(api: APIRequestContext): Promise<ReviewCard> {
  return expectJson<ReviewCard>(await nextReview(api), 200);
}

test('an empty current deck answers 200 "No cards available for review in deck \'MyFirstDeck\'."', async ({ reader }) => {
  expect(await expectJson(await nextReview(reader.api), 200)).toEqual({ message: "No cards available for review in deck 'MyFirstDeck'." });
});

test('ease is checked before the session: missing → "Missing ease rating", anything but 1–4 (even "3") → invalid', async ({ reader }) => {
  const { api } = reader;
  await expectError(await api.post('/answer', { data: {} }), 400, 'Missing ease rating');
  await expectError(await api.post('/answer', { data: { timeTaken: 500 } }), 400, 'Missing ease rating');
  for (const ease of ['3', 0, 5, 2.5, -1, null]) {
    await expectError(await api.post('/answer', { data: { ease } }), 400, INVALID_EASE);
  }
  await expectError(await answer(api, 3), 400, NO_CARD_IN_SESSION);
});

test('GET /review serves a new card of the current deck and remembers it until one valid answer', async ({ sessions, target }) => {
  const { user, api } = await sessions.newUser('rv');
  await expectJson(await setCurrentDeck(api, 2), 200);
  const card = await reviewCard(api);
  expect(Object.keys(card).sort()).toEqual(['back', 'cardId', 'front', 'queue']);
  expect(card.queue).toBe(0);
  readUserDb(target.dataDir, user.userId, (db) => {
    const row = cardById(db, card.cardId)!;
    expect(row.did).toBe(2);
    expect(noteById(db, row.nid)?.flds).toBe(`${card.front}${FIELD_SEPARATOR}${card.back}`);
  });

  await expectError(await answer(api, '3'), 400, INVALID_EASE);
  expect(await expectJson(await answer(api, 3), 200), 'a refused ease does not forget the card').toEqual(ANSWERED);
  await expectError(await answer(api, 3), 400, NO_CARD_IN_SESSION);
  expect(readUserDb(target.dataDir, user.userId, (db) => revlogOf(db, card.cardId))).toHaveLength(1);
});

test('a new card goes to learning: ease 1–2 due in 1 min (left 1), ease 3–4 due in 10 min (left 10), each with a revlog row', async ({ sessions, target }) => {
  const { user, api } = await sessions.newUser('rn');
  await expectJson(await setCurrentDeck(api, 2), 200);
  for (const [ease, step] of [
    [1, 1],
    [2, 1],
    [3, 10],
    [4, 10],
  ] as const) {
    await test.step(`ease ${ease}`, async () => {
      const card = await reviewCard(api);
      expect(card.queue, 'learning cards are not due yet, so a new card comes').toBe(0);
      const sentMs = Date.now();
      expect(await expectJson(await answer(api, ease, 1000 + ease), 200)).toEqual(ANSWERED);
      const returnedMs = Date.now();
      readUserDb(target.dataDir, user.userId, (db) => {
        const row = cardById(db, card.cardId)!;
        expect(row).toMatchObject({ type: 1, queue: 1, ivl: 0, factor: 2500, reps: 1, lapses: 0, left: step });
        expect(row.due - step * 60).toBeGreaterThanOrEqual(secondOf(sentMs));
        expect(row.due - step * 60).toBeLessThanOrEqual(secondOf(returnedMs));
        expect(row.mod).toBe(row.due - step * 60);
        const log = revlogOf(db, card.cardId);
        expect(log).toEqual([{ id: expect.any(Number), cid: card.cardId, usn: -1, ease, ivl: 0, lastIvl: 0, factor: 2500, time: 1000 + ease, type: 0 }]);
        expect(log[0]!.id).toBeGreaterThanOrEqual(sentMs - 1);
        expect(log[0]!.id).toBeLessThanOrEqual(returnedMs + 1);
      });
    });
  }
});

test('timeTaken is optional: revlog time is 0 without it', async ({ sessions, target }) => {
  const { user, api } = await sessions.newUser('rt');
  await expectJson(await setCurrentDeck(api, 2), 200);
  const card = await reviewCard(api);
  expect(await expectJson(await answer(api, 4), 200)).toEqual(ANSWERED);
  expect(readUserDb(target.dataDir, user.userId, (db) => revlogOf(db, card.cardId).map((r) => r.time))).toEqual([0]);
});

test('answering a card deleted after GET /review answers 404 "Card not found"', async ({ sessions, target }) => {
  const { user, api } = await sessions.newWriter('rx');
  const added = await expectJson<AddCardBody>(await addCard(api, 'Soon gone', 'deleted before the answer'), 201);
  expect((await reviewCard(api)).cardId).toBe(added.card_id);
  await expectJson(await api.delete(`/cards/${added.card_id}`), 200);
  await expectError(await answer(api, 3), 404, 'Card not found');
  expect(readUserDb(target.dataDir, user.userId, (db) => revlogOf(db, added.card_id))).toHaveLength(0);
});
