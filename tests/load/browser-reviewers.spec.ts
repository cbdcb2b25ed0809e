/**
 * Scenario C in a real browser: each VU logs in through the form, opens the gear of
 * "Verbal Tenses" → "Revisar", reads the front, clicks "Mostrar Resposta" and an ease.
 * The review page sends two concurrent GET /review on entry and shows whichever answer
 * arrived last; the VU waits for both before it reads the screen. Each answer is recorded
 * on the card the server remembered (the last GET /review to arrive) with the card the
 * screen showed beside it, and the automatic card audit requires exactly one revlog row
 * for it with the ease clicked.
 */
import { test, expect } from '../../fixtures/browser-fixture.ts';
import { VUS_ANNOTATION } from '../../helpers/vu/shard-vus.ts';
import { DecksPage } from '../../helpers/browser/pages/decks-page.ts';
import { ReviewPage } from '../../helpers/browser/pages/review-page.ts';
import { attachScreenshot } from '../../helpers/browser/screenshot.ts';
import { config } from '../../helpers/config/config.ts';
import { pickEase } from '../../helpers/vu/ease-mix.ts';
import { thinkTime } from '../../helpers/vu/pacing.ts';
import { hashSeed, seededRandom } from '../../helpers/vu/random.ts';
import { laneLabel, selectedVus, vuLanes, type VuSpec } from '../../helpers/vu/schedule.ts';

const SAMPLE_DECK = 'Verbal Tenses';

/** The review page's two GET /review on entry (see embedded-server/ui/README.md). */
const ENTRY_REVIEW_CALLS = 2;

/** How long the screen may take to show the card of the last GET /review answer once it arrived. */
const RENDER_WAIT_MS = 5_000;

const title = (spec: VuSpec): string => `browser reviewer ${spec.vu} answers up to ${spec.quota} Verbal Tenses cards on screen, each recorded once on the card answered`;

for (const lane of vuLanes(selectedVus(config.profile, 'browser-reviewers', config.onlyVus), config.vusPerWorker)) {
  test.describe(() => {
    test.use({ laneSpecs: { vus: lane } });

    const name = lane.length === 1 ? title(lane[0]!) : `browser reviewers ${laneLabel(lane)}: each answer on screen recorded once on the card answered`;

    test(`${name}`, { tag: ['@browser', '@reviewers'], annotation: { type: VUS_ANNOTATION, description: lane.map((v) => v.vu).join(' ') } }, async ({ browserLane }, testInfo) => {
      await browserLane(async ({ spec, user, page, recorder, deadline, step, annotate }) => {
        const rand = seededRandom(hashSeed(`${user.username}:browser-reviews`));
        const decks = new DecksPage(page);
        const review = new ReviewPage(page);
        recorder.intendEach('get_review', { deckName: SAMPLE_DECK });

        let round = await step(`gear of "${SAMPLE_DECK}" → "Revisar" and wait for both GET /review`, async () => {
          await expect(decks.deck(SAMPLE_DECK)).toBeVisible();
          const cursor = recorder.cursor();
          recorder.intend('set_current_deck', { deckName: SAMPLE_DECK });
          await decks.gearAction(SAMPLE_DECK, 'Revisar');
          const [current] = await recorder.waitFor(cursor, 'set_current_deck', 1, config.requestTimeoutMs);
          expect(current!.outcome, `PUT /decks/current: ${current!.status ?? 'no answer'} ${JSON.stringify(current!.body)}`).toBe('ok');
          await recorder.waitFor(cursor, 'get_review', ENTRY_REVIEW_CALLS, config.requestTimeoutMs);
          await expect(review.heading).toBeVisible();
          return cursor;
        });

        let answered = 0;
        const refused: string[] = [];
        const raced: string[] = [];

        // Steps per card (not one around the loop) so Allure lists each review with its screenshots.
        while (answered < spec.quota && !deadline.passed) {
          const last = recorder.lastReview(round);
          if (last?.cardId === undefined) {
            annotate('nothing to review', last?.message ?? 'GET /review gave no card');
            break;
          }

          const shown = await step(`read the card on screen (server remembers ${last.cardId})`, async () => {
            // The page applies each GET /review answer as it arrives: give it a moment to show the
            // last one, then take whatever the screen shows as the card the user saw.
            await review
              .frontShowing(last.front ?? '')
              .waitFor({ timeout: RENDER_WAIT_MS })
              .catch(() => undefined);
            const front = await review.readFront();
            return { front, cardId: recorder.cardIdOfFront(front) };
          });

          if (shown.cardId !== last.cardId) raced.push(`screen shows ${shown.cardId ?? `"${shown.front}"`} while the server remembers ${last.cardId}`);
          await attachScreenshot(page, testInfo, `${spec.vu} review ${answered + 1}: front of card ${shown.cardId ?? '?'}`);

          await review.showAnswer();
          await expect(review.backHeading).toBeVisible();
          await thinkTime(rand, config.profile.reviewers.thinkMs, deadline);
          const ease = pickEase(rand, last.queue);
          const cursor = recorder.cursor();
          recorder.intend('answer', { ease, ...(shown.cardId !== undefined ? { shownCardId: shown.cardId } : {}) });
          await review.answer(ease);
          const [answer] = await recorder.waitFor(cursor, 'answer', 1, config.requestTimeoutMs);
          if (answer!.outcome !== 'ok') {
            refused.push(`answer ${ease} on card ${shown.cardId ?? '?'}: ${answer!.status ?? 'no answer'} ${answer!.error ?? JSON.stringify(answer!.body)}`);
            await attachScreenshot(page, testInfo, `${spec.vu} review ${answered + 1}: answer refused`);
            break;
          }
          answered++;
          // After an answer the page asks for the next card once.
          await recorder.waitFor(cursor, 'get_review', 1, config.requestTimeoutMs);
          round = cursor;
          await attachScreenshot(page, testInfo, `${spec.vu} review ${answered}: answered card ${answer!.intent?.cardId ?? '?'} with ease ${ease}`);
        }

        annotate('reviews answered', `${answered} of ${spec.quota}`);
        if (raced.length > 0) annotate('screen and server disagreed', raced.join('; '));
        expect(refused, 'answers the server refused or left unanswered').toEqual([]);
        expect(answered, 'at least one review answered').toBeGreaterThan(0);
      }, title);
    });
  });
}
