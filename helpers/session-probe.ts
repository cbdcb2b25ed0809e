/**
 * Identity probes. Every session VU's user owns a deck named after it (`Probe <username>`);
 * a deck list that shows that deck and no other user's probe deck proves the session is
 * serving that user. Probes are recorded with `intent.probeDeckName`, so the checker and
 * session_analysis.json judge them from the history as well.
 */
import type { ApiClient, Call } from './api-client.ts';

export const PROBE_PREFIX = 'Probe ';

export type DeckList = { id: string; name: string }[];

/** The probe deck of a user: the name carries the username, so whose data a list shows is plain. */
export function probeDeckName(username: string): string {
  return `${PROBE_PREFIX}${username}`;
}

/** True for any user's probe deck name. */
export function isProbeDeckName(name: string): boolean {
  return name.startsWith(PROBE_PREFIX);
}

/** Create the probe deck of the user the client acts as (once per user: two devices share it). */
export function createProbeDeck(client: ApiClient): Promise<Call<{ id: string; name: string }>> {
  return client.createDeck(probeDeckName(client.identity.username));
}

/** GET /decks as an identity probe of the user the client acts as. */
export function probeIdentity(client: ApiClient): Promise<Call<DeckList>> {
  return client.listDecks({ probeDeckName: probeDeckName(client.identity.username) });
}
