/**
 * Session integrity, two devices of one user: one adds cards to its own deck without
 * choosing it again, the other reviews the sample deck and chooses it on every visit to the
 * review page. The current deck is one value per user, shared by its sessions, so a card may
 * land in the deck the other device chose: the checker judges that wrong-deck and names the
 * other device's switch. Both devices play in one lane.
 */
import { expect } from '@playwright/test';
import type { LaneVu } from '../../../fixtures/vu-lane.ts';
import { config } from '../../../helpers/config/config.ts';
import { nextCard } from '../../../helpers/vu/card-factory.ts';
import { pickEase } from '../../../helpers/vu/ease-mix.ts';
import { parseFront } from '../../../helpers/history/markers.ts';
import { Deadline, thinkTime } from '../../../helpers/vu/pacing.ts';
import { between, hashSeed, seededRandom } from '../../../helpers/vu/random.ts';
import type { VuSpec } from '../../../helpers/vu/schedule.ts';
import { setUpOwnDecks } from '../../../helpers/vu/sessions/decks.ts';
import { addThenProbe } from '../../../helpers/vu/sessions/add-and-probe.ts';
import { createProbeDeck, probeIdentity } from '../../../helpers/vu/sessions/probe.ts';
import { reloginOnRejection } from '../../../helpers/vu/sessions/relogin.ts';
import { expectNoRefusals, ownDeckOrFail, partnerOf } from './session-lanes.ts';

const SAMPLE_DECK = 'Verbal Tenses';
/** Cards the second device reviews per visit to the review page before going back to the deck list. */
const REVIEWS_PER_VISIT = [1, 3] as const;

export const twoDeviceTitle = (spec: VuSpec): string =>
  spec.role === 'device-writer'
    ? `device ${spec.vu} adds ${spec.quota} cards to its own deck while ${partnerOf(spec)} reviews as the same user, and every card lands in the deck it chose`
    : `device ${spec.vu} reviews up to ${spec.quota} ${SAMPLE_DECK} cards as the same user as ${partnerOf(spec)}, choosing the deck again on every visit to the review page`;

export async function deviceWriter({ spec, user, api, step, annotate, password, ops }: LaneVu): Promise<void> {
  const rand = seededRandom(hashSeed(`${spec.vu}:${user.username}:device`));
  const keep = reloginOnRejection(api, password);
  const deadline = Deadline.after(spec.budgetMs);
  const decks = await step('create its own deck and make it current (once, like a user opening the add page)', () => setUpOwnDecks(api, spec.vu, keep));
  const work = ownDeckOrFail(spec, decks, annotate);

  let lastAdd: number | undefined;
  let added = 0;
  await step(`add ${spec.quota} cards without choosing the deck again, probing its identity after each`, async () => {
    for (let seq = 1; seq <= spec.quota && !deadline.passed; seq++) {
      const call = await addThenProbe(api, keep, { card: () => nextCard(user.username, seq, rand), deck: work, lastAddAt: lastAdd }, deadline);
      lastAdd = call.op.sentAt;
      if (call.ok) added++;
      await thinkTime(rand, config.profile.writers.thinkMs, deadline);
    }
  });
  expectNoRefusals(spec, ops);
  expect(added, `${spec.vu}: cards acknowledged`).toBeGreaterThan(0);
}

export async function deviceReviewer({ spec, user, api, step, annotate, password, ops }: LaneVu): Promise<void> {
  const rand = seededRandom(hashSeed(`${spec.vu}:${user.username}:device`));
  const keep = reloginOnRejection(api, password);
  const deadline = Deadline.after(spec.budgetMs);
  await keep(() => createProbeDeck(api));

  const sample = await step(`find ${SAMPLE_DECK}`, async () => {
    const decks = await keep(() => probeIdentity(api));
    const found = decks.json?.find((d) => d.name === SAMPLE_DECK);
    expect(found, `${spec.vu}: GET /decks of ${user.username} lists ${SAMPLE_DECK}: ${decks.status} ${JSON.stringify(decks.json)}`).toBeTruthy();
    return found!;
  });

  let answered = 0;
  let visits = 0;
  let fromOtherDecks = 0;
  await step(`review up to ${spec.quota} cards, choosing ${SAMPLE_DECK} again on each visit`, async () => {
    while (answered < spec.quota && !deadline.passed) {
      visits++;
      await keep(() => api.setCurrentDeck(sample.id, SAMPLE_DECK));
      const sitting = between(rand, REVIEWS_PER_VISIT);
      for (let k = 0; k < sitting && answered < spec.quota && !deadline.passed; k++) {
        const shown = await keep(() => api.getReview({ deckName: SAMPLE_DECK }));
        const card = shown.json;
        // Nothing due (or no answer): the user goes back to the deck list and comes back later.
        if (!shown.ok || typeof card?.cardId !== 'number') break;
        const cardId = card.cardId;
        // A marked card means the other device's deck was current when the review was asked for.
        if (parseFront(card.front ?? '')) fromOtherDecks++;
        const timeTaken = between(rand, config.profile.reviewers.thinkMs);
        await thinkTime(rand, [timeTaken, timeTaken], deadline);
        // No retry after a lost session: the answer needs the card that session showed.
        if ((await keep(() => api.answer(cardId, pickEase(rand, card.queue), timeTaken), false)).ok) answered++;
      }
      // Back to the deck list, then a pause before opening the review page again.
      await keep(() => probeIdentity(api));
      await thinkTime(rand, config.profile.reviewers.thinkMs, deadline);
    }
  });

  annotate('reviews answered', `${answered} of ${spec.quota} in ${visits} visits; ${fromOtherDecks} shown from the other device's deck`);
  expectNoRefusals(spec, ops);
  expect(answered, `${spec.vu}: at least one review answered`).toBeGreaterThan(0);
}
