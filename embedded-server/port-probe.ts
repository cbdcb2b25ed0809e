/**
 * Checks before forking that the port can be bound, so a busy port is one clear line
 * and exit 1 instead of three workers failing.
 */
import net from 'node:net';
import { TargetUsageError } from './usage-error.ts';

export async function ensurePortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new TargetUsageError(`port ${port} on ${host} is already in use; stop what holds it or pass --port 0 to pick a free one`));
      else reject(new TargetUsageError(`cannot listen on ${host}:${port} (${err.code ?? err.message}); pass another --port or --host`));
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/**
 * A free port, chosen before forking: every worker, and every replacement of a crashed
 * one, then listens on the same concrete port. (Workers that each listened on port 0
 * would share one handle keyed by port 0, and a replacement on the concrete port would
 * collide with it.)
 */
export async function pickFreePort(host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => reject(new TargetUsageError(`cannot listen on ${host} (${err.code ?? err.message}); pass another --host`)));
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
