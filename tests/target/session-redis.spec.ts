/**
 * `--session-store redis`: the target starts its own redis-server and keeps every session
 * there (the plan's §8.3 experiment), none in flask_session/. A session made by one worker
 * is served by the others; logout ends it for all; the Redis stops with the target.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createClient } from 'redis';
import { expect, test } from './support/target-fixture.ts';

/** The URL of the redis-server the target started, from its first log line. */
function redisUrlOf(logFile: string): string {
  const url = /sessions in (redis:\/\/127\.0\.0\.1:\d+)/.exec(fs.readFileSync(logFile, 'utf8'))?.[1];
  if (!url) throw new Error(`no "sessions in redis://…" in ${logFile}`);
  return url;
}

test('sessions live in the target’s own Redis, shared by its workers, and go with logout and with the target', async ({ launch, users }) => {
  const target = await launch({ workers: 2, sessionStore: 'redis' });
  const redis = createClient({ url: redisUrlOf(target.logFile) });
  await redis.connect();
  try {
    const anna = await users.create(target, 'anna01');
    // Six requests over two workers: each must find the session the login made.
    for (let i = 0; i < 6; i++) expect((await anna.api.get('/decks')).status(), `GET /decks #${i + 1} with anna's cookie`).toBe(200);
    const keys = await redis.keys('session:*');
    expect(keys, 'one session in Redis').toHaveLength(1);
    expect(JSON.parse(String(await redis.get(keys[0]!))) as unknown).toMatchObject({ userId: anna.userId, username: 'anna01' });
    expect(fs.readdirSync(path.join(target.dataDir, 'flask_session')), 'no session file').toEqual([]);

    expect((await anna.api.post('/logout')).status()).toBe(200);
    expect(await redis.keys('session:*'), 'logout ends the session').toEqual([]);
    expect((await anna.api.get('/decks')).status()).toBe(401);
  } finally {
    await redis.quit();
  }
  const url = redisUrlOf(target.logFile);
  await target.stop();
  const after = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 2_000 } });
  after.on('error', () => undefined);
  await expect(after.connect(), 'the Redis stopped with the target').rejects.toThrow();
});
