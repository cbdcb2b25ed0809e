/**
 * crash-worker: the worker dies mid-request (no response), before or after the commit,
 * and the primary boots a replacement.
 */
import type { APIRequestContext } from '@playwright/test';
import { addInFreshSecond, setCurrentDeck } from '../support/cards.ts';
import { bootedWorkerPids, faultLines, isAlive } from '../support/server-log.ts';
import { expect, test } from '../support/target-fixture.ts';
import { cardsContaining } from '../../support/user-db.ts';

/**
 * With one worker the crashes happen in worker 1, then in its replacement (worker 2);
 * fault seed 4 makes the first of them crash before the commit and the second after it.
 */
const BOTH_PHASES_SEED = 4;

test('add_card gets no response, the card exists exactly when the crash came after the commit, and the worker is replaced', async ({ launch, users }) => {
  const target = await launch({ workers: 1, faults: 'crash-worker:1', faultSeed: BOTH_PHASES_SEED });
  const alice = await users.create(target, 'alice');
  expect(bootedWorkerPids(target.logFile)).toHaveLength(1);

  let last = alice.registeredSecond;
  for (let seq = 1; seq <= 2; seq++) {
    await test.step(`add ${seq} kills its worker`, async () => {
      await waitForAnswer(alice.api);
      const attempt = addInFreshSecond(alice, seq, last);
      await expect(attempt, 'the socket is cut without a response').rejects.toThrow(/socket hang up|ECONNRESET|other side closed/i);
      last = Math.floor(Date.now() / 1000);
      const crash = faultLines(target.logFile, 'crash-worker')[seq - 1];
      expect(crash?.fields).toMatchObject({ path: '/add_card', user: String(alice.userId) });
      const deadPid = crash?.pid ?? -1;
      await expect.poll(() => isAlive(deadPid), { message: `worker ${deadPid} is gone` }).toBe(false);
      await expect.poll(() => bootedWorkerPids(target.logFile).length, { message: 'a replacement was booted' }).toBe(1 + seq);
      const stored = cardsContaining(target.dataDir, alice.userId, `[MARKER:alice_${seq}]`);
      expect(stored, `phase ${crash?.fields.phase}`).toHaveLength(crash?.fields.phase === 'after-commit' ? 1 : 0);
    });
  }
  expect(faultLines(target.logFile, 'crash-worker').map((f) => f.fields.phase)).toEqual(['before-commit', 'after-commit']);
});

test('POST /answer kills its worker too, and the server keeps answering', async ({ launch, users }) => {
  const target = await launch({ workers: 2, faults: 'crash-worker:1' });
  const carol = await users.create(target, 'carol');
  await setCurrentDeck(carol.api, 2);
  expect((await carol.api.get('/review')).status()).toBe(200);
  await expect(carol.api.post('/answer', { data: { ease: 3 } })).rejects.toThrow(/socket hang up|ECONNRESET|other side closed/i);
  const [crash] = faultLines(target.logFile, 'crash-worker');
  expect(crash?.fields).toMatchObject({ path: '/answer', user: String(carol.userId) });
  await expect.poll(() => bootedWorkerPids(target.logFile).length).toBe(3);
  await waitForAnswer(carol.api);
});

/** The server answers a harmless request (the replacement may still be booting). */
async function waitForAnswer(api: APIRequestContext): Promise<void> {
  await expect(async () => {
    expect((await api.get('/decks')).status()).toBe(200);
  }).toPass({ intervals: [100, 250, 500], timeout: 20_000 });
}
