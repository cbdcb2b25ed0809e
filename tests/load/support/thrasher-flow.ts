/**
 * Session integrity, a thrasher: logs in and out through several users as fast as it can,
 * so sessions are made and destroyed while others work. Every card must land with its
 * cycle's user (the checker judges placement and every probe of the history). Its lane does
 * not log it in: every cycle logs in itself, as the user of that cycle.
 */
import { expect } from '@playwright/test';
import type { LaneVu } from '../../../fixtures/vu-lane.ts';
import { nextCard } from '../../../helpers/vu/card-factory.ts';
import { Deadline } from '../../../helpers/vu/pacing.ts';
import { hashSeed, seededRandom } from '../../../helpers/vu/random.ts';
import type { VuSpec } from '../../../helpers/vu/schedule.ts';
import { setUpOwnDecks, type Deck } from '../../../helpers/vu/sessions/decks.ts';
import { addThenProbe } from '../../../helpers/vu/sessions/add-and-probe.ts';
import { reloginOnRejection } from '../../../helpers/vu/sessions/relogin.ts';
import { expectNoRefusals } from './session-lanes.ts';

export const thrasherTitle = (spec: VuSpec): string =>
  `thrasher ${spec.vu} cycles login → add → probe → logout ${spec.quota} times through ${spec.users.length} users, and every card lands with its cycle's user`;

export async function thrasherFlow({ spec, users, api: client, step, annotate, password, ops }: LaneVu): Promise<void> {
  const rand = seededRandom(hashSeed(`${spec.vu}:thrash`));
  const keep = reloginOnRejection(client, password);
  const deadline = Deadline.after(spec.budgetMs);
  const decks = new Map<string, Deck>();
  const adds = new Map<string, { seq: number; acknowledged: number; lastAt?: number }>();

  for (let cycle = 1; cycle <= spec.quota && !deadline.passed; cycle++) {
    const user = users[(cycle - 1) % users.length]!;

    await step(`cycle ${cycle}: ${user.username} logs in, adds a card, probes, logs out`, async () => {
      // History records of this cycle carry this cycle's user.
      client.actAs(user.username, user.userId);
      const login = await client.login(user.username, password(user.username));
      if (!login.ok) return;
      const known = decks.get(user.username);
      // Each later cycle is a new visit: the client makes the deck current before adding, as the gear menu does.
      const setUp = known ? null : await setUpOwnDecks(client, spec.vu, keep);
      const deck = known ?? setUp?.work;
      if (deck) decks.set(user.username, deck);
      const current = known ? (await keep(() => client.setCurrentDeck(known.id, known.name))).ok : setUp?.failure === null;
      // Without its deck current the card would land elsewhere: the refusal is reported, the cycle ends.
      if (!deck || !current) {
        await client.logout();
        return;
      }
      const mine = adds.get(user.username) ?? { seq: 0, acknowledged: 0 };
      const seq = ++mine.seq;
      const call = await addThenProbe(client, keep, { card: () => nextCard(user.username, seq, rand), deck, lastAddAt: mine.lastAt }, deadline);
      mine.lastAt = call.op.sentAt;
      if (call.ok) mine.acknowledged++;
      adds.set(user.username, mine);
      await client.logout();
    });
  }
  annotate('cards per user', [...adds].map(([u, a]) => `${u}: ${a.acknowledged} of ${a.seq}`).join(', '));
  expectNoRefusals(spec, ops);
  expect(
    [...adds.values()].reduce((n, a) => n + a.acknowledged, 0),
    `${spec.vu}: cards acknowledged`,
  ).toBeGreaterThan(0);
}
