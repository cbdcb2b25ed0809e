/** forget-session: a valid session is destroyed server-side and the request answered 401. */
import fs from 'node:fs';
import path from 'node:path';
import { faultLines } from '../support/server-log.ts';
import { expect, test } from '../support/target-fixture.ts';

test('a logged-in user gets 401 "Authentication required" and the session file is gone', async ({ launch, users }) => {
  const target = await launch({ workers: 1, faults: 'forget-session:1' });
  const alice = await users.create(target, 'alice');
  const sessionDir = path.join(target.dataDir, 'flask_session');
  expect(fs.readdirSync(sessionDir), 'login wrote a session file').toHaveLength(1);

  const res = await alice.api.get('/decks');
  expect(res.status()).toBe(401);
  expect(await res.json()).toEqual({ error: 'Authentication required' });
  expect(fs.readdirSync(sessionDir)).toEqual([]);
  expect(faultLines(target.logFile, 'forget-session').map((f) => f.fields.user)).toEqual([String(alice.userId)]);
});
