/**
 * The numbers of the live progress line, updated from history records as they arrive:
 * `Time: 120s | Writers: 6/6 | Reviewers: 24/24 | Cards Created: 180 | Errors: 0 | Integrity: ✅`.
 */
import type { Operation } from '../helpers/history/operation.ts';

/** Browser variants count with their API counterparts: a writer is a writer. */
export const WRITER_SCENARIOS: ReadonlySet<string> = new Set(['writers', 'browser-writers']);
export const REVIEWER_SCENARIOS: ReadonlySet<string> = new Set(['reviewers', 'browser-reviewers']);

/** A VU counts as active when one of its requests returned this recently (VUs think between requests). */
export const ACTIVE_WINDOW_MS = 10_000;

export interface VuCount {
  active: number;
  /** VUs planned for the group (its Playwright tests), or seen so far when more. */
  total: number;
}

export interface ProgressSnapshot {
  elapsedSec: number;
  writers: VuCount;
  reviewers: VuCount;
  cardsCreated: number;
  errors: number;
  integrityOk: boolean;
}

export class LiveCounters {
  private readonly lastSeen = new Map<string, { scenario: string; at: number }>();
  private cards = 0;
  private errors = 0;

  /** `also` sees each record in the same pass (the live dashboard's timeline), so nothing reads the batch twice. */
  ingest(ops: readonly Operation[], also?: (op: Operation) => void): void {
    for (const op of ops) {
      also?.(op);
      const at = Math.max(op.sentAt, op.returnedAt);
      const prev = this.lastSeen.get(op.vu);
      if (!prev || prev.at < at) this.lastSeen.set(op.vu, { scenario: op.scenario, at });
      if (op.op === 'add_card' && op.outcome === 'ok') this.cards += 1;
      if (op.outcome !== 'ok') this.errors += 1;
    }
  }

  private count(group: ReadonlySet<string>, planned: number, nowMs: number): VuCount {
    let active = 0;
    let seen = 0;
    for (const { scenario, at } of this.lastSeen.values()) {
      if (!group.has(scenario)) continue;
      seen += 1;
      if (nowMs - at <= ACTIVE_WINDOW_MS) active += 1;
    }
    return { active, total: Math.max(planned, seen) };
  }

  /** VUs per scenario with a request returned within ACTIVE_WINDOW_MS: the dashboard's ramp. */
  activeByScenario(nowMs: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const { scenario, at } of this.lastSeen.values()) if (nowMs - at <= ACTIVE_WINDOW_MS) out[scenario] = (out[scenario] ?? 0) + 1;
    return out;
  }

  snapshot(nowMs: number, startMs: number, planned: { writers: number; reviewers: number }, integrityOk: boolean): ProgressSnapshot {
    return {
      elapsedSec: Math.max(0, Math.floor((nowMs - startMs) / 1000)),
      writers: this.count(WRITER_SCENARIOS, planned.writers, nowMs),
      reviewers: this.count(REVIEWER_SCENARIOS, planned.reviewers, nowMs),
      cardsCreated: this.cards,
      errors: this.errors,
      integrityOk,
    };
  }
}

export function formatProgressLine(s: ProgressSnapshot): string {
  return (
    `Time: ${s.elapsedSec}s | Writers: ${s.writers.active}/${s.writers.total} | Reviewers: ${s.reviewers.active}/${s.reviewers.total}` +
    ` | Cards Created: ${s.cardsCreated} | Errors: ${s.errors} | Integrity: ${s.integrityOk ? '✅' : '❌'}`
  );
}
