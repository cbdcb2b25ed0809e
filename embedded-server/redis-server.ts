/**
 * A Redis server of the target's own, for `--session-store redis`: Debian's `redis-server`
 * on a free loopback port, nothing persisted, stopped with the target. (Give
 * `--session-store redis://127.0.0.1:<port>` to use one already running instead.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { pickFreePort } from './port-probe.ts';
import { TargetUsageError } from './usage-error.ts';

/** redis-server answers within a second when it starts at all. */
const READY_TIMEOUT_MS = 10_000;
const POLL_MS = 50;
/** A Redis that saves nothing stops at once on SIGTERM; SIGKILL after this. */
const STOP_TIMEOUT_MS = 5_000;

export interface OwnRedis {
  url: string;
  process: ChildProcess;
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startOwnRedis(host: string): Promise<OwnRedis> {
  const port = await pickFreePort(host);
  const child = spawn('redis-server', ['--bind', host, '--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const failed = new Promise<string>((resolve) => {
    child.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ENOENT' ? 'redis-server is not installed (apt-get install redis-server)' : err.message));
    child.once('exit', (code) => resolve(`redis-server exited with code ${code}`));
  });
  const seen: { problem: string | null } = { problem: null };
  void failed.then((p) => (seen.problem = p));
  for (let waited = 0; waited < READY_TIMEOUT_MS; waited += POLL_MS) {
    if (seen.problem !== null) throw new TargetUsageError(`--session-store redis: ${seen.problem}; or give redis://127.0.0.1:<port> of a running one`);
    if (await accepts(host, port)) return { url: `redis://${host}:${port}`, process: child };
    await delay(POLL_MS);
  }
  child.kill('SIGKILL');
  throw new TargetUsageError(`--session-store redis: redis-server did not accept connections on ${host}:${port} within ${READY_TIMEOUT_MS / 1000} s`);
}

/** SIGTERM, then SIGKILL after STOP_TIMEOUT_MS; resolves once the server has exited. */
export function stopOwnRedis(redis: OwnRedis): Promise<void> {
  const child = redis.process;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
