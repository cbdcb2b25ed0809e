/** latency: every request is held 200–1500 ms (seeded) before it is handled. */
import { faultLines, servedRequests } from '../support/server-log.ts';
import { expect, test } from '../support/target-fixture.ts';

test('requests take at least the injected delay, and each delay is logged', async ({ launch, users }) => {
  const target = await launch({ workers: 1, faults: 'latency:1', faultSeed: 7 });
  const api = await users.anonymous(target);
  const durations: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = Date.now();
    const res = await api.get('/decks');
    durations.push(Date.now() - started);
    expect(res.status()).toBe(401);
  }
  const delays = faultLines(target.logFile, 'latency').map((f) => Number(f.fields.delay_ms));
  expect(delays).toHaveLength(3);
  for (const [i, delay] of delays.entries()) {
    expect(delay).toBeGreaterThanOrEqual(200);
    expect(delay).toBeLessThanOrEqual(1500);
    expect(durations[i]).toBeGreaterThanOrEqual(delay);
  }
  const logged = servedRequests(target.logFile).filter((r) => r.path === '/decks');
  expect(logged).toHaveLength(3);
});
