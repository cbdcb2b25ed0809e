/** alter-content: the stored front differs from what was sent, but still carries the marker. */
import { parseFront } from '../../../helpers/history/markers.ts';
import { addInFreshSecond } from '../support/cards.ts';
import { faultLines } from '../support/server-log.ts';
import { expect, test } from '../support/target-fixture.ts';
import { cardsContaining } from '../../support/user-db.ts';

test('the stored front has one character changed and the same parseable marker', async ({ launch, users }) => {
  const target = await launch({ workers: 1, faults: 'alter-content:1' });
  const alice = await users.create(target, 'alice');
  const { card, res } = await addInFreshSecond(alice, 1, alice.registeredSecond);
  expect(res.status()).toBe(201);

  const [stored] = cardsContaining(target.dataDir, alice.userId, `[SEQ:1]`);
  expect(stored?.front).not.toBe(card.front);
  expect(stored?.front.length).toBe(card.front.length);
  expect(parseFront(stored?.front ?? '')).toEqual(card.marker);
  expect(stored?.back).toBe(card.back);
  expect(faultLines(target.logFile, 'alter-content')).toHaveLength(1);
});
