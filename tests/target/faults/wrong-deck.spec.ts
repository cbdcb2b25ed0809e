/** wrong-deck: the card lands in the right database but not in the current deck. */
import { addInFreshSecond, setCurrentDeck } from '../support/cards.ts';
import { faultLines } from '../support/server-log.ts';
import { expect, test } from '../support/target-fixture.ts';
import { cardsContaining } from '../../support/user-db.ts';

test('a card added to the current deck History is filed under deck 1 or 2', async ({ launch, users }) => {
  const target = await launch({ workers: 1, faults: 'wrong-deck:1' });
  const alice = await users.create(target, 'alice');
  const created = await alice.api.post('/decks', { data: { name: 'History' } });
  expect(created.status()).toBe(201);
  const { id: historyId } = (await created.json()) as { id: string };
  await setCurrentDeck(alice.api, historyId);

  const { card, res } = await addInFreshSecond(alice, 1, alice.registeredSecond);
  expect(res.status()).toBe(201);
  const [stored] = cardsContaining(target.dataDir, alice.userId, card.id);
  expect(stored?.deckId === 1 || stored?.deckId === 2, `filed under deck ${stored?.deckId}, not History ${historyId}`).toBe(true);
  const [fault] = faultLines(target.logFile, 'wrong-deck');
  expect(fault?.fields).toMatchObject({ intended_deck: historyId, actual_deck: String(stored?.deckId) });
});
