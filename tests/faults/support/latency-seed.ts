/**
 * A fault seed under which the latency row's setup survives. Global setup registers the
 * pool with the VUs' per-request timeout, and the latency fault holds every request,
 * register included, for up to 1.5 s: with the row's short timeout most seeds would stop
 * the run in setup (exit 2) before any VU acted. The target's decisions are seeded per
 * worker, so the first requests each worker serves can be replayed here with the target's
 * own FaultInjector, and the first seed whose early delays all fit the timeout is used.
 * (With `Connection: close` every request is a new connection, spread round-robin over the
 * workers: setup's dozen requests are about four per worker.)
 */
import os from 'node:os';
import { FaultInjector } from '../../../embedded-server/faults.ts';
import { ServerLog } from '../../../embedded-server/log.ts';

/** Bounds of the target's latency delay (embedded-server/app.ts). */
const DELAY_MS = { min: 200, max: 1500 } as const;
/** Requests per worker that must not time out: half again setup's share, for an uneven spread. */
const EARLY_REQUESTS_PER_WORKER = 6;
/** Time left for the request itself on a loaded machine. */
const SERVICE_MARGIN_MS = 500;
const MAX_SEEDS = 100_000;

function earlyDelaysFit(seed: number, rate: number, workers: number, timeoutMs: number): boolean {
  // Never written to: only report() writes, and the replay does not report.
  const log = new ServerLog(os.devNull);
  for (let workerId = 1; workerId <= workers; workerId++) {
    const faults = new FaultInjector({ latency: rate }, seed, workerId, log);
    for (let i = 0; i < EARLY_REQUESTS_PER_WORKER; i++) {
      // Same draws in the same order as the target's latency middleware: fires, then the delay.
      if (faults.fires('latency') && faults.uniform('latency', DELAY_MS.min, DELAY_MS.max) > timeoutMs - SERVICE_MARGIN_MS) return false;
    }
  }
  return true;
}

/** The first seed from `from` on whose early latency decisions let setup finish. */
export function latencySafeSeed(from: number, rate: number, timeoutMs: number, workers = 3): number {
  for (let seed = from; seed < from + MAX_SEEDS; seed++) {
    if (earlyDelaysFit(seed, rate, workers, timeoutMs)) return seed;
  }
  throw new Error(`no fault seed in ${from}..${from + MAX_SEEDS} keeps setup's requests under ${timeoutMs} ms at latency rate ${rate}; raise the timeout or lower the rate`);
}
