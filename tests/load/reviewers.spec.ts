/**
 * Scenario C: reviewers. Each VU switches to its own "Verbal Tenses" deck and loops
 * GET /review → POST /answer with a plausible ease mix. When nothing is due it waits
 * for the next due card within its budget. The card audit then requires exactly one
 * revlog row per acknowledged answer, on the card that was shown. Reviewers play in
 * lanes: many VUs in one test and worker, each with its own cookie jar and verdict.
 */
import { test, expect } from '../../fixtures/index.ts';
import { VUS_ANNOTATION } from '../../helpers/vu/shard-vus.ts';
import { config } from '../../helpers/config/config.ts';
import { pickEase } from '../../helpers/vu/ease-mix.ts';
import { Deadline, thinkTime } from '../../helpers/vu/pacing.ts';
import { hashSeed, seededRandom, between } from '../../helpers/vu/random.ts';
import { nextReviewCard } from '../../helpers/vu/reviewing.ts';
import { laneLabel, selectedVus, vuLanes, type VuSpec } from '../../helpers/vu/schedule.ts';

const SAMPLE_DECK = 'Verbal Tenses';
const title = (spec: VuSpec): string => `reviewer ${spec.vu} (${spec.stageName}) answers up to ${spec.quota} Verbal Tenses cards, each recorded once on the card shown`;

for (const lane of vuLanes(selectedVus(config.profile, 'reviewers', config.onlyVus), config.vusPerWorker)) {
  test.describe(() => {
    test.use({ laneSpecs: { vus: lane } });

    const name = lane.length === 1 ? title(lane[0]!) : `reviewers ${laneLabel(lane)}: each answer recorded once on the card shown`;

    test(`${name}`, { tag: ['@reviewers'], annotation: { type: VUS_ANNOTATION, description: lane.map((v) => v.vu).join(' ') } }, async ({ lane: play }) => {
      await play(async ({ spec, user, api, step, annotate }) => {
        const rand = seededRandom(hashSeed(`${user.username}:reviews`));
        // The lane has waited for this VU's stage and logged in at its start.
        const deadline = Deadline.after(spec.budgetMs);

        await step(`switch to ${SAMPLE_DECK}`, async () => {
          const decks = await api.listDecks();
          const sample = decks.json?.find((d) => d.name === SAMPLE_DECK);
          expect(sample, `GET /decks of ${user.username} lists ${SAMPLE_DECK}: ${JSON.stringify(decks.json)}`).toBeTruthy();
          const current = await api.setCurrentDeck(sample!.id, SAMPLE_DECK);
          expect(current.ok, `make ${SAMPLE_DECK} current: ${current.status}`).toBe(true);
        });

        let answered = 0;
        let waitedMs = 0;
        const refused: string[] = [];

        await step(`review up to ${spec.quota} cards`, async () => {
          while (answered < spec.quota && !deadline.passed) {
            const next = await nextReviewCard(api, deadline, SAMPLE_DECK);
            waitedMs += next.waitedForDueMs;
            refused.push(...next.errors.map((c) => `GET /review: ${c.status ?? 'no answer'} ${c.op.error ?? JSON.stringify(c.json)}`));
            if (!next.card) break;
            const timeTaken = between(rand, config.profile.reviewers.thinkMs);
            await thinkTime(rand, [timeTaken, timeTaken], deadline);
            const call = await api.answer(next.card.cardId, pickEase(rand, next.card.queue), timeTaken);
            if (call.ok) answered++;
            else refused.push(`answer card ${next.card.cardId}: ${call.status ?? 'no answer'} ${call.op.error ?? JSON.stringify(call.json)}`);
          }
        });

        annotate('reviews answered', `${answered} of ${spec.quota} (waited ${waitedMs} ms for due cards)`);
        expect(refused, 'requests the server refused or left unanswered').toEqual([]);
        expect(answered, 'at least one review answered').toBeGreaterThan(0);
      }, title);
    });
  });
}
