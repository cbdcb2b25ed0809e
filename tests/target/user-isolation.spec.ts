/**
 * With no fault on, two users whose requests are spread over the workers never see each
 * other's data: proven from the per-request log lines (which pid served whom) and from
 * the SQLite files themselves.
 */
import { parseFront } from '../../helpers/history/markers.ts';
import { addInFreshSecond } from './support/cards.ts';
import { servedRequests } from './support/server-log.ts';
import { expect, test } from './support/target-fixture.ts';
import { userCards } from '../support/user-db.ts';

const ROUNDS = 4;

test("two users served alternately by different worker pids never see each other's cards", async ({ launch, users }) => {
  const target = await launch({ workers: 3 });
  const alice = await users.create(target, 'alice');
  const bob = await users.create(target, 'bob');

  await test.step(`both users add ${ROUNDS} cards and read their decks, interleaved`, async () => {
    let last = Math.max(alice.registeredSecond, bob.registeredSecond);
    for (let round = 1; round <= ROUNDS; round++) {
      const a = await addInFreshSecond(alice, round, last);
      const b = await bob.api.post('/add_card', { data: { front: `[USER:bob][SEQ:${round}][TIME:${Date.now()}][TOPIC:Art] Q?`, back: `A [MARKER:bob_${round}]` } });
      expect(a.res.status(), await a.res.text()).toBe(201);
      expect(b.status(), await b.text()).toBe(201);
      last = a.second;
      for (const user of [alice, bob]) {
        const listed = await user.api.get('/decks/1/cards?perPage=50');
        expect(listed.status()).toBe(200);
        const { cards } = (await listed.json()) as { cards: { front: string }[] };
        const owners = new Set(cards.map((c) => parseFront(c.front)?.username));
        expect([...owners], `${user.username} sees only own cards via the API`).toEqual([user.username]);
      }
    }
  });

  await test.step('the log shows each user served by several workers, and workers serving both users', () => {
    const served = servedRequests(target.logFile).filter((r) => r.userId === alice.userId || r.userId === bob.userId);
    const pidsOf = (userId: number): Set<number> => new Set(served.filter((r) => r.userId === userId).map((r) => r.pid));
    expect(pidsOf(alice.userId).size, 'alice was served by more than one worker').toBeGreaterThan(1);
    expect(pidsOf(bob.userId).size, 'bob was served by more than one worker').toBeGreaterThan(1);
    const shared = [...pidsOf(alice.userId)].filter((pid) => pidsOf(bob.userId).has(pid));
    expect(shared.length, 'some worker served both users').toBeGreaterThan(0);
    // Alternation: on a shared worker, a request of one user followed by one of the other.
    const switches = shared.flatMap((pid) => {
      const order = served.filter((r) => r.pid === pid).map((r) => r.userId);
      return order.slice(1).filter((u, i) => u !== order[i]);
    });
    expect(switches.length, 'a worker went from one user to the other').toBeGreaterThan(0);
  });

  await test.step("each database holds exactly its own user's cards", () => {
    for (const user of [alice, bob]) {
      const cards = userCards(target.dataDir, user.userId);
      expect(cards.map((c) => parseFront(c.front)?.username)).toEqual(Array(ROUNDS).fill(user.username));
    }
  });
});
