/**
 * The crash-worker fault: the process dies on the spot (SIGKILL to itself), so the
 * client's socket is cut with no response and an open transaction is left behind,
 * exactly like a Gunicorn worker killed mid-request. The FAULT line is written first
 * (synchronously) so tests can tie the dead pid to the request.
 */
import type { FaultDetails, FaultInjector } from './faults.ts';

export type CrashPhase = 'before-commit' | 'after-commit';

export function crashPhase(faults: FaultInjector): CrashPhase {
  return faults.uniform('crash-worker', 0, 1) < 0.5 ? 'before-commit' : 'after-commit';
}

export function crashWorker(faults: FaultInjector, details: FaultDetails): never {
  faults.report('crash-worker', details);
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL to oneself is delivered before kill() returns; this line is a safety net.
  process.exit(137);
}
