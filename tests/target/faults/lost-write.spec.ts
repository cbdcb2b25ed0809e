/** lost-write: add_card acknowledges with ids, but the transaction is rolled back. */
import { addInFreshSecond } from '../support/cards.ts';
import { faultLines } from '../support/server-log.ts';
import { expect, test } from '../support/target-fixture.ts';
import { cardsContaining } from '../../support/user-db.ts';

test('an add answered 201 with ids leaves no card anywhere', async ({ launch, users }) => {
  const target = await launch({ workers: 1, faults: 'lost-write:1' });
  const alice = await users.create(target, 'alice');
  const { card, res } = await addInFreshSecond(alice, 1, alice.registeredSecond);
  expect(res.status()).toBe(201);
  const body = (await res.json()) as { card_id: number; note_id: number; message: string };
  expect(body.message).toBe('Card added successfully');
  expect(body.card_id).toBe(body.note_id + 1);

  expect(cardsContaining(target.dataDir, alice.userId, card.id)).toEqual([]);
  const listed = (await (await alice.api.get('/decks/1/cards')).json()) as { cards: unknown[] };
  expect(listed.cards).toEqual([]);
  expect(faultLines(target.logFile, 'lost-write').map((f) => f.fields.card)).toEqual([String(body.card_id)]);
});
