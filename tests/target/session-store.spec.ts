/**
 * The sessions' folder the workers share: what one worker's store writes, another's reads;
 * a session ended is gone for all; a file that is not a session, or a name that is not a
 * session id, is no session; a write leaves no temporary file behind.
 */
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import type { SessionData } from 'express-session';
import { SessionFolderStore } from '../../embedded-server/session-store.ts';

const SID = '06f5fcd1-c37c-4aa0-afea-3f5681702dce';
const session = { cookie: { originalMaxAge: null, path: '/' }, userId: 7, username: 'anna1x0' } as unknown as SessionData;

function read(store: SessionFolderStore, sid: string): Promise<SessionData | null | undefined> {
  return new Promise((resolve, reject) => store.get(sid, (err, s) => (err ? reject(new Error(`store failed: ${JSON.stringify(err)}`)) : resolve(s))));
}

function write(store: SessionFolderStore, sid: string, data: SessionData): Promise<void> {
  return new Promise((resolve, reject) => store.set(sid, data, (err) => (err ? reject(new Error(`store failed: ${JSON.stringify(err)}`)) : resolve())));
}

test('two workers share sessions through the folder; logout ends it for both; junk is no session', async () => {
  const dir = test.info().outputPath('flask_session');
  const one = new SessionFolderStore(dir);
  const two = new SessionFolderStore(dir);
  expect(await read(two, SID)).toBeNull();

  await write(one, SID, session);
  expect(await read(two, SID)).toMatchObject({ userId: 7, username: 'anna1x0' });
  expect(fs.readdirSync(dir)).toEqual([`${SID}.json`]);

  await new Promise<void>((resolve) => two.destroy(SID, () => resolve()));
  expect(await read(one, SID)).toBeNull();

  fs.writeFileSync(`${dir}/${SID}.json`, '{"cut sh');
  expect(await read(one, SID)).toBeNull();
  expect(await read(one, '../../admin')).toBeNull();
});
