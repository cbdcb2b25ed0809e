/** session-mixup: a worker writes one user's card into the database of the user it served before. */
import { addInFreshSecond } from '../support/cards.ts';
import { faultLines, messages } from '../support/server-log.ts';
import { expect, test } from '../support/target-fixture.ts';
import { cardsContaining } from '../../support/user-db.ts';
import { readServerLog } from '../../../db/server-log.ts';

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

test('with --enhanced-log the diagnostic lines name the worker, the cookie’s session and user at entry, and the user written', async ({ launch, users }) => {
  const target = await launch({ workers: 1, faults: 'session-mixup:1', enhancedLog: true });
  const alice = await users.create(target, 'alice');
  const bob = await users.create(target, 'bob');
  expect((await bob.api.get('/decks')).status()).toBe(200);
  const { res } = await addInFreshSecond(alice, 1, Math.max(alice.registeredSecond, bob.registeredSecond));
  expect(res.status()).toBe(201);
  const { card_id: cardId } = (await res.json()) as { card_id: number };

  const lines = (readServerLog(target.logFile)?.entries ?? []).filter((e) => e.diagnostic !== null);
  expect(lines.map((e) => e.diagnostic!.event)).toEqual(['ADD_CARD_START', 'SESSION_MISMATCH', 'ADD_CARD_TARGET_DB', 'ADD_CARD_SUCCESS']);
  const [start, mismatch, targetDb, success] = lines.map((e) => e.diagnostic!.fields);
  const pid = String(lines[0]!.pid);
  expect(new Set(lines.map((e) => e.pid))).toEqual(new Set([lines[0]!.pid]));
  expect(start).toMatchObject({ PID: pid, SessionUser: 'alice', SessionUserID: String(alice.userId) });
  expect(start!.SessionID).toMatch(/^#[0-9a-f]{12}$/);
  expect(mismatch).toEqual({ Expected: String(alice.userId), Got: String(bob.userId) });
  expect(targetDb).toMatchObject({ PID: pid, UserID: String(bob.userId), DBPath: expect.stringMatching(new RegExp(`user_dbs/user_${bob.userId}\\.db$`)) });
  expect(success).toEqual({ PID: pid, CardID: String(cardId), UserID: String(bob.userId), Username: 'bob' });
});

test('without --enhanced-log the target writes no diagnostic line', async ({ launch, users }) => {
  const target = await launch({ workers: 1 });
  const alice = await users.create(target, 'alice');
  expect((await addInFreshSecond(alice, 1, alice.registeredSecond)).res.status()).toBe(201);
  expect((readServerLog(target.logFile)?.entries ?? []).filter((e) => e.diagnostic !== null)).toEqual([]);
});
