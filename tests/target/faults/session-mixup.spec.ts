/** session-mixup: a worker writes one user's card into the database of the user it served before. */
import { addInFreshSecond } from '../support/cards.ts';
import { faultLines, messages } from '../support/server-log.ts';
import { expect, test } from '../support/target-fixture.ts';
import { cardsContaining } from '../../support/user-db.ts';

test('an add answered 201 lands in the database of the other user the worker served', async ({ launch, users }) => {
  // One worker, so it has certainly served both users.
  const target = await launch({ workers: 1, faults: 'session-mixup:1' });
  const alice = await users.create(target, 'alice');
  const bob = await users.create(target, 'bob');
  expect((await bob.api.get('/decks')).status()).toBe(200);

  const { card, res } = await addInFreshSecond(alice, 1, Math.max(alice.registeredSecond, bob.registeredSecond));
  expect(res.status()).toBe(201);
  const { card_id: cardId } = (await res.json()) as { card_id: number };

  expect(cardsContaining(target.dataDir, alice.userId, card.id), "not in alice's own database").toEqual([]);
  expect(
    cardsContaining(target.dataDir, bob.userId, card.id).map((c) => c.cardId),
    "in bob's database",
  ).toEqual([cardId]);
  const [fault] = faultLines(target.logFile, 'session-mixup');
  expect(fault?.fields).toMatchObject({ user: String(alice.userId), wrote_to: String(bob.userId) });
  // The app log names the user whose database was used, as the real server would.
  expect(messages(target.logFile)).toContain(`User ${bob.userId} (bob) created card ${cardId} in deck 1 (MyFirstDeck): "${card.front.slice(0, 15)}..."`);
});
