/**
 * The daily limit of 20 new cards: after 20 new cards were answered today, GET /review
 * serves no new card and says so, while the deck still holds new cards.
 */
import { test, expect } from './support/contract-fixture.ts';
import { answer, deckStats, nextReview, setCurrentDeck, type ReviewCard } from './support/routes.ts';
import { expectJson } from './support/responses.ts';
import { allRevlog, readUserDb } from '../support/user-db.ts';

const DAILY_NEW_LIMIT = 20;

test('after 20 new cards of Verbal Tenses the review answers the daily-limit message', async ({ sessions, target }) => {
  const { user, api } = await sessions.newUser('dl');
  await expectJson(await setCurrentDeck(api, 2), 200);
  const seen = new Set<number>();
  for (let i = 0; i < DAILY_NEW_LIMIT; i++) {
    const card = await expectJson<ReviewCard>(await nextReview(api), 200);
    expect(card.queue, `review ${i + 1} is a new card`).toBe(0);
    seen.add(card.cardId);
    // Good: due in 10 minutes, so no learning card comes back during the test.
    await expectJson(await answer(api, 3, 400), 200);
  }
  expect(seen.size).toBe(DAILY_NEW_LIMIT);

  expect(await expectJson(await nextReview(api), 200)).toEqual({ message: "Daily limit of 20 new cards reached for deck 'Verbal Tenses'." });
  expect(await expectJson(await deckStats(api, 2), 200)).toEqual({
    counts: { New: 88, Learning: 20, Relearning: 0, Young: 0, Mature: 0, Suspended: 0, Buried: 0 },
    total: 108,
  });
  const log = readUserDb(target.dataDir, user.userId, allRevlog);
  expect(log.map((r) => r.cid).sort()).toEqual([...seen].sort());
  expect(log.every((r) => r.type === 0 && r.ease === 3 && r.time === 400)).toBe(true);
});
