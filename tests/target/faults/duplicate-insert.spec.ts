/** duplicate-insert: one acknowledged add stores the note and card twice. */
import { addInFreshSecond } from '../support/cards.ts';
import { faultLines } from '../support/server-log.ts';
import { expect, test } from '../support/target-fixture.ts';
import { cardsContaining } from '../../support/user-db.ts';

test('one add answered 201 once leaves two cards with the same marker', async ({ launch, users }) => {
  const target = await launch({ workers: 1, faults: 'duplicate-insert:1' });
  const alice = await users.create(target, 'alice');
  const { card, res } = await addInFreshSecond(alice, 1, alice.registeredSecond);
  expect(res.status()).toBe(201);
  const { card_id: cardId } = (await res.json()) as { card_id: number };

  const stored = cardsContaining(target.dataDir, alice.userId, card.id);
  expect(stored.map((c) => c.cardId)).toEqual([cardId, cardId + 500]);
  expect(new Set(stored.map((c) => c.front))).toEqual(new Set([card.front]));
  expect(faultLines(target.logFile, 'duplicate-insert').map((f) => f.fields.copy)).toEqual([String(cardId + 500)]);
});
