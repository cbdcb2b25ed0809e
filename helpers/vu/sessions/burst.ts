/**
 * The plan's rapid consistency check: right after login, a burst of requests on the same
 * session with no think time — deck lists as identity probes, deck stats, and one add —
 * during which the session cookie and the identity the server answers for must not change.
 * The checker judges that (a cookie changed without a login, a probe showing another user);
 * the burst only sends.
 */
import type { ApiClient, Call } from '../api-client.ts';
import type { MarkedCard } from '../../history/markers.ts';
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

/** Run the burst; returns the add, whose send time paces the next add. */
export async function rapidBurst(client: ApiClient, plan: BurstPlan, keep: Relogin): Promise<Call> {
  let add: Call | undefined;
  for (let i = 1; i <= BURST_PROBES; i++) {
    await keep(() => probeIdentity(client));
    if (i % STATS_EVERY === 0) await keep(() => client.deckStats(plan.probeDeckId));
    if (i === ADD_AFTER) {
      const { card, workDeck } = plan;
      add = await keep(() => client.addMarkedCard(card, workDeck));
    }
  }
  return add!;
}
