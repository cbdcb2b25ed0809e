/**
 * stall and drop: a write is held past the client's timeout (HOLD_MS), then served (stall) or
 * closed unserved (drop) — what an overloaded server does to requests waiting for a worker.
 */
import { HOLD_MS } from '../../../embedded-server/app.ts';
import { cardsContaining } from '../../support/user-db.ts';
import { markedCard } from '../support/cards.ts';
import { faultLines } from '../support/server-log.ts';
import type { RunningTarget } from '../../../embedded-server/start.ts';
import { expect, test, type LaunchOptions, type Users } from '../support/target-fixture.ts';

type Launch = (opts?: LaunchOptions) => Promise<RunningTarget>;

/** The client gives up well before the hold ends. */
const CLIENT_TIMEOUT_MS = 500;

/** A target whose every write is held with `fault`; alice's add is sent, the client gives up, and the hold is logged. */
async function expectHeldAdd(launch: Launch, users: Users, fault: 'stall' | 'drop') {
  const target = await launch({ workers: 1, faults: `${fault}:1`, faultSeed: 7 });
  const alice = await users.create(target, 'alice');
  const card = markedCard(alice.username, 1);
  const sent = Date.now();
  await expect(alice.api.post('/add_card', { data: { front: card.front, back: card.back }, timeout: CLIENT_TIMEOUT_MS }), 'the client gives up').rejects.toThrow(/timeout/i);
  await expect.poll(() => faultLines(target.logFile, fault).length, { message: `the ${fault} is logged`, timeout: HOLD_MS * 2 }).toBe(1);
  expect(faultLines(target.logFile, fault)[0]?.fields).toMatchObject({ method: 'POST', path: '/add_card', hold_ms: String(HOLD_MS) });
  const stored = () => cardsContaining(target.dataDir, alice.userId, `[MARKER:${card.id}]`).length;
  return { sent, stored };
}

test('stall: the client times out on the add, and the card is stored after the hold', async ({ launch, users }) => {
  const { sent, stored } = await expectHeldAdd(launch, users, 'stall');
  await expect.poll(stored, { message: 'the held add is served late', timeout: HOLD_MS * 4 }).toBe(1);
  expect(Date.now() - sent).toBeGreaterThanOrEqual(HOLD_MS);
});

test('drop: the client times out on the add, and the card is never stored', async ({ launch, users }) => {
  const { sent, stored } = await expectHeldAdd(launch, users, 'drop');
  // The drop is logged as the held connection is closed, after the hold: nothing was stored.
  expect(Date.now() - sent).toBeGreaterThanOrEqual(HOLD_MS);
  expect(stored()).toBe(0);
});
