/**
 * The plan's rapid consistency check: right after login, a burst of requests on the same
 * session with no think time — deck lists as identity probes, deck stats, and one add —
 * during which the session cookie and the identity the server answers for must not change.
 */
import type { ApiClient, Call } from '../api-client.ts';
import type { MarkedCard } from '../../history/markers.ts';
import type { Operation } from '../../history/operation.ts';
import { finding, probeMismatches, rejectedValidSessions, type SessionFinding } from './expectations.ts';
import type { Deck } from './decks.ts';
import { probeIdentity } from './probe.ts';
import type { Relogin } from './relogin.ts';

/** Deck lists in a burst: the plan's "20 quick requests". */
export const BURST_PROBES = 20;
/** A stats request after every this many probes. */
const STATS_EVERY = 5;
/** The add goes in the middle, so probes before and after it see the same session. */
const ADD_AFTER = BURST_PROBES / 2;

export interface BurstPlan {
  probeDeckId: string;
  workDeck: Deck;
  card: MarkedCard;
}

/**
 * Run the burst. The caller judges it on every operation recorded meanwhile (re-logins and
 * the 401s before them included); returns the add, whose send time paces the next add.
 */
export async function rapidBurst(client: ApiClient, plan: BurstPlan, keep: Relogin): Promise<Call> {
  let add: Call | undefined;
  for (let i = 1; i <= BURST_PROBES; i++) {
    await keep(() => probeIdentity(client));
    if (i % STATS_EVERY === 0) await keep(() => client.deckStats(plan.probeDeckId));
    if (i === ADD_AFTER) {
      const { card, workDeck } = plan;
      add = await keep(() => client.addCard(card.front, card.back, { marker: card.id, deckId: workDeck.id, deckName: workDeck.name }));
    }
  }
  return add!;
}

/**
 * What the burst must show: one session cookie from the first request to the last (the
 * cookie a request carries is the one the previous answer set, so a change anywhere shows),
 * every probe seeing its own user, every stats request answered, and no 401.
 */
export function burstFindings(ops: readonly Operation[]): SessionFinding[] {
  const first = ops.find((op) => op.cookieFingerprint !== undefined)?.cookieFingerprint;
  const drift: SessionFinding[] = [];
  let last = first;
  for (const op of ops) {
    if (op.cookieFingerprint === last) continue;
    drift.push(finding(op, `session cookie changed from ${last ?? '(none)'} to ${op.cookieFingerprint ?? '(none)'} during the burst`));
    last = op.cookieFingerprint;
  }
  const stats = ops
    .filter((op) => op.op === 'deck_stats' && op.outcome !== 'ok' && op.status !== 401)
    .map((op) => finding(op, `stats of its own probe deck answered ${op.status ?? 'nothing'} — the session no longer sees its own deck`));
  // Without a cookie there is no session to keep: the server set none at login.
  const cookieless = ops.length > 0 && first === undefined ? [finding(ops[0]!, 'no session cookie was set at login')] : [];
  return [...rejectedValidSessions(ops), ...probeMismatches(ops), ...cookieless, ...drift, ...stats].sort((a, b) => a.sentAt - b.sentAt);
}
