/**
 * One add of a session VU: in the clock second after its last add (card ids come from the
 * clock in whole seconds), a marked card to its own deck, then an identity probe, both kept
 * through a lost session by `keep`.
 */
import type { ApiClient, Call } from '../api-client.ts';
import type { MarkedCard } from '../../history/markers.ts';
import type { Deadline } from '../pacing.ts';
import type { Deck } from './decks.ts';
import { untilNextSecond } from './pacing.ts';
import { probeIdentity } from './probe.ts';
import type { Relogin } from './relogin.ts';

export async function addThenProbe(
  api: ApiClient,
  keep: Relogin,
  add: { card: () => MarkedCard; deck: Deck; lastAddAt: number | undefined },
  deadline: Deadline,
): Promise<Call<{ note_id: number; card_id: number }>> {
  await untilNextSecond(add.lastAddAt, deadline);
  const card = add.card();
  const call = await keep(() => api.addMarkedCard(card, add.deck));
  await keep(() => probeIdentity(api));
  return call;
}
