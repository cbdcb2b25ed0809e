/**
 * Fault injection inside a worker. Each switch has its own seeded stream (seed, worker
 * id, fault name), so turning one switch on does not shift the decisions of another,
 * and every injected fault is logged as `FAULT <name> key=value ...` with the pid so a
 * test can prove it happened.
 */
import { FAULT_NAMES, type FaultName, type FaultRates } from './fault-spec.ts';
import type { ServerLog } from './log.ts';
import { faultStream } from './fault-stream.ts';

export type FaultDetails = Record<string, string | number | undefined>;

export class FaultInjector {
  private readonly streams = new Map<FaultName, () => number>();

  constructor(
    private readonly rates: FaultRates,
    seed: number,
    workerId: number,
    private readonly log: ServerLog,
  ) {
    for (const name of FAULT_NAMES) {
      this.streams.set(name, faultStream(`${seed}/${workerId}/${name}`));
    }
  }

  enabled(name: FaultName): boolean {
    return (this.rates[name] ?? 0) > 0;
  }

  /** Rolls the switch for one eligible request; draws nothing when the switch is off. */
  fires(name: FaultName): boolean {
    const rate = this.rates[name] ?? 0;
    if (rate <= 0) return false;
    return this.draw(name) < rate;
  }

  /** A seeded number in [min, max). */
  uniform(name: FaultName, min: number, max: number): number {
    return min + this.draw(name) * (max - min);
  }

  /** A seeded choice; undefined for an empty list. */
  pick<T>(name: FaultName, items: readonly T[]): T | undefined {
    if (items.length === 0) return undefined;
    return items[Math.floor(this.draw(name) * items.length)];
  }

  /** Writes the `FAULT <name> ...` line; synchronous, so it survives a crash that follows. */
  report(name: FaultName, details: FaultDetails): void {
    const fields = Object.entries(details)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${String(v)}`);
    this.log.warning(`FAULT ${name} ${fields.join(' ')}`.trimEnd());
  }

  private draw(name: FaultName): number {
    const stream = this.streams.get(name);
    return stream ? stream() : 1;
  }
}
