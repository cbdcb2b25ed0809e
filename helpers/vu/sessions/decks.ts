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
  /** The first work deck's 404 right after its 201, when the deck was made again; null otherwise. */
  remade: string | null;
}

/** `Deck p01 anna7k2`: unique per VU and user, so the decks of two VUs never share a name. */
export function workDeckName(vu: string, username: string): string {
  return `Deck ${vu} ${username}`;
}

/**
 * Create the probe deck and a work deck, and make the work deck current. A work deck the
 * server answered 201 for and then does not know (404 on making it current: another device's
 * write of the deck list dropped it) is made once more, under a new name, as its user would:
 * the loss itself is the checker's to judge (lost-deck, with its cause), not this VU's to fail on.
 */
export async function setUpOwnDecks(client: ApiClient, vu: string, keep: Relogin): Promise<OwnDecks> {
  const probe = await keep(() => createProbeDeck(client));
  const name = workDeckName(vu, client.identity.username);
  let attempt = await makeCurrentDeck(client, keep, name);
  let remade: string | null = null;
  if (attempt.lostAfterCreate) {
    remade = attempt.failure;
    attempt = await makeCurrentDeck(client, keep, `${name} again`);
  }
  return { probe, work: attempt.work, failure: attempt.failure, remade };
}

async function makeCurrentDeck(client: ApiClient, keep: Relogin, name: string): Promise<{ work: Deck | null; failure: string | null; lostAfterCreate: boolean }> {
  const created = await keep(() => client.createDeck(name));
  if (!created.ok || !created.json) {
    return { work: null, failure: `${created.op.id} create deck "${name}": ${created.status ?? 'no answer'} ${created.op.error ?? JSON.stringify(created.json)}`, lostAfterCreate: false };
  }
  const work = { id: String(created.json.id), name };
  const current = await keep(() => client.setCurrentDeck(work.id, name));
  if (current.ok) return { work, failure: null, lostAfterCreate: false };
  const failure = `${current.op.id} make "${name}" current: ${current.status ?? 'no answer'} ${current.op.error ?? JSON.stringify(current.json)}`;
  return { work, failure, lostAfterCreate: current.status === 404 };
}
