/**
 * Session integrity, a prober: keeps one session through a rapid burst and probes its
 * identity after every add. The checker judges every probe and cookie of the history (a
 * session serving another user, a 401 on a live session, a cookie replaced without a login)
 * and where every card landed.
 */
import { expect } from '@playwright/test';
import type { LaneVu } from '../../../fixtures/vu-lane.ts';
import { config } from '../../../helpers/config/config.ts';
import { nextCard } from '../../../helpers/vu/card-factory.ts';
import { Deadline, thinkTime } from '../../../helpers/vu/pacing.ts';
import { hashSeed, seededRandom } from '../../../helpers/vu/random.ts';
import type { VuSpec } from '../../../helpers/vu/schedule.ts';
import { BURST_PROBES, rapidBurst } from '../../../helpers/vu/sessions/burst.ts';
import { setUpOwnDecks } from '../../../helpers/vu/sessions/decks.ts';
import { addThenProbe } from '../../../helpers/vu/sessions/add-and-probe.ts';
import { reloginOnRejection } from '../../../helpers/vu/sessions/relogin.ts';
import { expectNoRefusals, ownDeckOrFail } from './session-lanes.ts';

export const proberTitle = (spec: VuSpec): string =>
  `prober ${spec.vu} keeps one session through a ${BURST_PROBES}-probe burst, adds ${spec.quota} cards, and every identity probe shows only its own user`;

export async function proberFlow({ spec, user, api, step, annotate, password, ops }: LaneVu): Promise<void> {
  const rand = seededRandom(hashSeed(`${user.username}:sessions`));
  const keep = reloginOnRejection(api, password);
  const deadline = Deadline.after(spec.budgetMs);

  const decks = await step('create its probe deck and its own deck, make that current', () => setUpOwnDecks(api, spec.vu, keep));
  const work = ownDeckOrFail(spec, decks, annotate);
  expect(decks.probe.ok, `${spec.vu}: create ${decks.probe.op.intent?.deckName}: ${decks.probe.status} ${JSON.stringify(decks.probe.json)}`).toBe(true);

  const burstAdd = await step(`rapid consistency: ${BURST_PROBES} probes, stats and one add on one session`, () =>
    rapidBurst(api, { probeDeckId: String(decks.probe.json!.id), workDeck: work, card: nextCard(user.username, 1, rand) }, keep),
  );
  let added = burstAdd.ok ? 1 : 0;
  let lastAdd = burstAdd.op.sentAt;

  await step(`add ${spec.quota - 1} more cards, probing its identity after each`, async () => {
    for (let seq = 2; seq <= spec.quota && !deadline.passed; seq++) {
      await thinkTime(rand, config.profile.writers.thinkMs, deadline);
      const call = await addThenProbe(api, keep, { card: () => nextCard(user.username, seq, rand), deck: work, lastAddAt: lastAdd }, deadline);
      lastAdd = call.op.sentAt;
      if (call.ok) added++;
    }
  });

  expectNoRefusals(spec, ops);
  expect(added, `${spec.vu}: cards acknowledged`).toBeGreaterThan(0);
}
