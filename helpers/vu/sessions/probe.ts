/**
 * Identity probes. Every session VU owns a deck named after its user and itself
 * (`Probe <username> <vu>`); a deck list that shows that deck and no probe deck of another
 * user proves the session is serving that user. Two devices of one user each own a probe
 * deck, and each sees the other's: same user, so no mismatch. Probes are recorded with
 * `intent.probeDeckName`, so the checker and session_analysis.json judge them too.
 */
import type { ApiClient, Call } from '../api-client.ts';

export const PROBE_PREFIX = 'Probe ';

export type DeckList = { id: string; name: string }[];

/** The probe deck of a VU as a user: the name carries the username, so whose data a list shows is plain. */
export function probeDeckName(username: string, vu: string): string {
  return `${PROBE_PREFIX}${username} ${vu}`;
}

/** True for any probe deck name. */
export function isProbeDeckName(name: string): boolean {
  return name.startsWith(PROBE_PREFIX);
}

/** The username a probe deck name carries (usernames hold no spaces), or null for other decks. */
export function probeOwnerOf(name: string): string | null {
  if (!isProbeDeckName(name)) return null;
  return name.slice(PROBE_PREFIX.length).split(' ')[0] ?? null;
}

/** Create the probe deck of the user the client acts as. */
export function createProbeDeck(client: ApiClient): Promise<Call<{ id: string; name: string }>> {
  return client.createDeck(probeDeckName(client.identity.username, client.identity.vu));
}

/** GET /decks as an identity probe of the user the client acts as. */
export function probeIdentity(client: ApiClient): Promise<Call<DeckList>> {
  return client.listDecks({ probeDeckName: probeDeckName(client.identity.username, client.identity.vu) });
}
