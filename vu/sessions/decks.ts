/**
 * The decks a session VU sets up for its user: the probe deck that proves identity and,
 * for VUs that add cards, a work deck of its own made current.
 */
import type { ApiClient, Call } from '../api-client.ts';
import { createProbeDeck } from './probe.ts';
import type { Relogin } from './relogin.ts';

export interface Deck {
  id: string;
  name: string;
}

export interface OwnDecks {
  probe: Call<Deck>;
  /** Null when the work deck could not be created. */
  work: Deck | null;
  /** Why the work deck is not there or not current (adds would land elsewhere); null when all went well. */
  failure: string | null;
}

/** `Deck p01 anna7k2`: unique per VU and user, so the decks of two VUs never share a name. */
export function workDeckName(vu: string, username: string): string {
  return `Deck ${vu} ${username}`;
}

/** Create the probe deck and a work deck, and make the work deck current. */
export async function setUpOwnDecks(client: ApiClient, vu: string, keep: Relogin): Promise<OwnDecks> {
  const probe = await keep(() => createProbeDeck(client));
  const name = workDeckName(vu, client.identity.username);
  const created = await keep(() => client.createDeck(name));
  if (!created.ok || !created.json) {
    return { probe, work: null, failure: `${created.op.id} create deck "${name}": ${created.status ?? 'no answer'} ${created.op.error ?? JSON.stringify(created.json)}` };
  }
  const work = { id: String(created.json.id), name };
  const current = await keep(() => client.setCurrentDeck(work.id, name));
  const failure = current.ok ? null : `${current.op.id} make "${name}" current: ${current.status ?? 'no answer'} ${current.op.error ?? JSON.stringify(current.json)}`;
  return { probe, work, failure };
}
