/**
 * The process model: stop() leaves no process behind, and workers never outlive their
 * primary, even when it is killed without a chance to clean up.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bootedWorkerPids, isAlive } from './support/server-log.ts';
import { expect, test } from './support/target-fixture.ts';

const MAIN = fileURLToPath(new URL('../../embedded-server/main.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('stop() ends the primary and all of its workers', async ({ launch }) => {
  const target = await launch({ workers: 2 });
  const workers = bootedWorkerPids(target.logFile);
  expect(workers).toHaveLength(2);
  expect([target.pid, ...workers].every(isAlive)).toBe(true);
  await target.stop();
  expect(isAlive(target.pid)).toBe(false);
  await expect.poll(() => workers.filter(isAlive), { message: 'workers exited with the primary' }).toEqual([]);
});

test('workers exit on their own when the primary is killed with SIGKILL', async ({ launch }) => {
  const target = await launch({ workers: 2 });
  const workers = bootedWorkerPids(target.logFile);
  process.kill(target.pid, 'SIGKILL');
  await expect.poll(() => isAlive(target.pid)).toBe(false);
  await expect.poll(() => workers.filter(isAlive), { message: 'orphaned workers', timeout: 10_000 }).toEqual([]);
});

test('a worker killed from outside is replaced and the server keeps answering', async ({ launch, users }) => {
  const target = await launch({ workers: 2 });
  const [victim] = bootedWorkerPids(target.logFile);
  process.kill(victim ?? -1, 'SIGKILL');
  await expect.poll(() => bootedWorkerPids(target.logFile).length, { message: 'a replacement was booted' }).toBe(3);
  const api = await users.anonymous(target);
  await expect(async () => expect((await api.get('/decks')).status()).toBe(401)).toPass({ intervals: [100, 250, 500], timeout: 20_000 });
});

test('with --stop-on-stdin-close (how startTarget runs it) the target stops when its parent goes away', async ({}, testInfo) => {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--port', '0', '--workers', '1', '--data-dir', testInfo.outputPath('d'), '--stop-on-stdin-close'], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  await expect.poll(() => stdout, { timeout: 30_000 }).toContain('SERVER_LOG=');
  const workers = bootedWorkerPids(/SERVER_LOG=(.*)/.exec(stdout)?.[1] ?? '');
  expect(workers).toHaveLength(1);
  child.stdin.end();
  expect(await exited).toBe(0);
  await expect.poll(() => workers.filter(isAlive)).toEqual([]);
});
