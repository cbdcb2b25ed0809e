/**
 * How far the server's clock is from ours, measured from the history alone and before any
 * judge runs, so that no judge tunes its windows on the rows it is judging. Each answer's
 * `Date` header (whole seconds) and its flight bound the offset: the server stamped it at
 * some instant in [serverDate, serverDate + 1 s) while our clock was in [sentAt, returnedAt],
 * so offset = server − client lies in (serverDate − returnedAt, serverDate + 1000 − sentAt).
 * The intersection over every answer is the measurement.
 */
import type { Operation } from '../helpers/history/operation.ts';

export interface ClockOffset {
  /** Bounds of server − client, ms; null when no request carried a Date header. */
  lowMs: number | null;
  highMs: number | null;
  /** Requests the bounds come from. */
  samples: number;
  /** Whether the clocks may be the same one: 0 is inside the bounds (or nothing was measured). */
  agree: boolean;
  /** How far a server timestamp may be from a request's flight on our clock. */
  toleranceMs: number;
  /** One sentence: what was measured and what the judges use. */
  note: string;
}

const HEADER_RESOLUTION_MS = 1_000;

/** `fallbackToleranceMs` is used when the clocks disagree but the bounds cannot be intersected (drift, jitter). */
export function measureClockOffset(history: readonly Operation[], fallbackToleranceMs: number, sameClockSlackMs: number): ClockOffset {
  let low = Number.NEGATIVE_INFINITY;
  let high = Number.POSITIVE_INFINITY;
  let samples = 0;
  const lows: number[] = [];
  const highs: number[] = [];
  for (const op of history) {
    if (op.serverDate === undefined || op.status === null) continue;
    samples++;
    const l = op.serverDate - op.returnedAt;
    const h = op.serverDate + HEADER_RESOLUTION_MS - op.sentAt;
    lows.push(l);
    highs.push(h);
    low = Math.max(low, l);
    high = Math.min(high, h);
  }
  if (samples === 0) {
    // Nothing measured: the suite only loads servers on this machine (loopback), one clock.
    return { lowMs: null, highMs: null, samples, agree: true, toleranceMs: sameClockSlackMs, note: 'no Date header recorded: the server is taken to share this machine’s clock' };
  }
  const crossed = low > high;
  if (crossed) {
    // The bounds do not intersect (the server's clock moved during the run): take their medians.
    lows.sort((a, b) => a - b);
    highs.sort((a, b) => a - b);
    low = lows[Math.floor(lows.length / 2)]!;
    high = highs[Math.floor(highs.length / 2)]!;
  }
  const agree = low <= 0 && high >= 0;
  const toleranceMs = agree ? sameClockSlackMs : Math.max(Math.abs(low), Math.abs(high), crossed ? fallbackToleranceMs : 0) + sameClockSlackMs;
  const note = agree
    ? `server clock within (${Math.round(low)}, ${Math.round(high)}) ms of ours over ${samples} requests: one clock, rows must fall inside their request's flight`
    : `server clock off by (${Math.round(low)}, ${Math.round(high)}) ms over ${samples} requests: rows may fall ${toleranceMs} ms outside their request's flight`;
  return { lowMs: low, highMs: high, samples, agree, toleranceMs, note };
}
