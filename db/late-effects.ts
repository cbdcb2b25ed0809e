/**
 * Operations the server applied after the client had given up on them (`info`: a timeout, a
 * reset, a proxy's 502/504). Under overload this is the normal case, not an anomaly: each one
 * is an observation, counted per kind of request with the delay the database or the log shows,
 * never a violation.
 */
import type { Operation } from '../helpers/history/operation.ts';
import type { Observation } from './verdict.ts';

/** One effect that only an indeterminate operation explains. */
export interface LateEffect {
  op: Operation;
  /** When the effect happened (a revlog row's id, a log line's time); null when nothing dates it. */
  at: number | null;
  /** What the effect was, e.g. `revlog row for card 17 with ease 3`. */
  what: string;
}

const NOUN: Partial<Record<Operation['op'], [string, string]>> = {
  answer: ['answer', 'answers'],
  get_review: ['GET /review', 'GET /review requests'],
  set_current_deck: ['deck switch', 'deck switches'],
  logout: ['logout', 'logouts'],
  create_deck: ['deck creation', 'deck creations'],
  add_card: ['add', 'adds'],
  login: ['login', 'logins'],
};

/** One `applied-late` observation per kind of request, with counts and delays; none when nothing came late. */
export function lateEffectObservations(effects: readonly LateEffect[]): Observation[] {
  const byKind = new Map<Operation['op'], LateEffect[]>();
  for (const effect of effects) {
    const list = byKind.get(effect.op.op);
    if (list) list.push(effect);
    else byKind.set(effect.op.op, [effect]);
  }
  return [...byKind].map(([kind, list]) => {
    const [one, many] = NOUN[kind] ?? [kind, `${kind} requests`];
    const delays = list
      .filter((e) => e.at !== null)
      .map((e) => e.at! - e.op.returnedAt)
      .sort((a, b) => a - b);
    const delayText = delays.length > 0 ? ` (${delayPhrase(delays)} after the client gave up)` : '';
    return {
      kind: 'applied-late',
      message: `Applied after the client gave up: ${list.length} ${list.length === 1 ? one : many}${delayText} — the server served requests the client had timed out on; each explains one effect and none is a violation.`,
      evidence: {
        request: kind,
        count: list.length,
        opIds: list.map((e) => e.op.id),
        effects: list.slice(0, 20).map((e) => ({ opId: e.op.id, vu: e.op.vu, what: e.what, at: e.at })),
        ...(delays.length > 0 ? { delayMs: { median: delays[Math.floor(delays.length / 2)], max: delays.at(-1) } } : {}),
      },
    };
  });
}

function delayPhrase(sorted: readonly number[]): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return sorted.length === 1 ? s(sorted[0]!) : `median ${s(sorted[Math.floor(sorted.length / 2)]!)}, at most ${s(sorted.at(-1)!)}`;
}
