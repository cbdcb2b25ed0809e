/** error-after-commit: the card is committed, then the client gets the 500 of a failed add. */
import { addInFreshSecond } from '../support/cards.ts';
import { faultLines } from '../support/server-log.ts';
import { expect, test } from '../support/target-fixture.ts';
import { cardsContaining } from '../../support/user-db.ts';

test('an add answered 500 "Database error occurred while adding card" is stored all the same', async ({ launch, users }) => {
  const target = await launch({ workers: 1, faults: 'error-after-commit:1' });
  const alice = await users.create(target, 'alice');
  const { card, res } = await addInFreshSecond(alice, 1, alice.registeredSecond);
  expect(res.status()).toBe(500);
  expect(await res.json()).toEqual({ error: 'Database error occurred while adding card' });

  const stored = cardsContaining(target.dataDir, alice.userId, card.id);
  expect(stored.map((c) => [c.front, c.back, c.deckId])).toEqual([[card.front, card.back, 1]]);
  expect(faultLines(target.logFile, 'error-after-commit').map((f) => f.fields.card)).toEqual([String(stored[0]?.cardId)]);
});
