/** answer-other-card: POST /answer reschedules and logs a card other than the one shown. */
import { setCurrentDeck } from '../support/cards.ts';
import { faultLines } from '../support/server-log.ts';
import { expect, test } from '../support/target-fixture.ts';
import { cardReps, revlog } from '../../support/user-db.ts';

test('the revlog row and the new schedule go to another card of the same user', async ({ launch, users }) => {
  const target = await launch({ workers: 1, faults: 'answer-other-card:1' });
  const carol = await users.create(target, 'carol');
  await setCurrentDeck(carol.api, 2);
  const shown = (await (await carol.api.get('/review')).json()) as { cardId: number };
  const answered = await carol.api.post('/answer', { data: { ease: 3, timeTaken: 1500 } });
  expect(answered.status()).toBe(200);
  expect(await answered.json()).toEqual({ message: 'Answer processed successfully' });

  const rows = revlog(target.dataDir, carol.userId);
  expect(rows).toHaveLength(1);
  expect(rows[0]?.cid).not.toBe(shown.cardId);
  expect(cardReps(target.dataDir, carol.userId, shown.cardId), 'the shown card was never answered').toBe(0);
  expect(cardReps(target.dataDir, carol.userId, rows[0]?.cid ?? 0)).toBe(1);
  expect(faultLines(target.logFile, 'answer-other-card')[0]?.fields).toMatchObject({ shown_card: String(shown.cardId), answered_card: String(rows[0]?.cid) });
});
