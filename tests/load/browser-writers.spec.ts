/**
 * Scenario B in a real browser: each VU logs in through the form, creates its own deck
 * with "Criar Baralho", opens its gear → "Adicionar Cartão" and adds marked cards through
 * Frente / Verso. The page's own calls are the history, so the card audit proves every
 * card landed in the VU's database, in that deck, with the text typed. Browser writers
 * play in lanes: each VU its own BrowserContext in the worker's one browser.
 */
import { test, expect } from '../../fixtures/browser-fixture.ts';
import { VUS_ANNOTATION } from '../../helpers/vu/shard-vus.ts';
import { AddCardPage } from '../../helpers/browser/pages/add-card-page.ts';
import { DecksPage } from '../../helpers/browser/pages/decks-page.ts';
import { attachScreenshot } from '../../helpers/browser/screenshot.ts';
import { nextCard } from '../../helpers/vu/card-factory.ts';
import { config } from '../../helpers/config/config.ts';
import { ONE_ADD_PER_SECOND_MS } from '../../helpers/config/whole-second-ids.ts';
import { thinkTime } from '../../helpers/vu/pacing.ts';
import { hashSeed, seededRandom } from '../../helpers/vu/random.ts';
import { laneLabel, selectedVus, vuLanes, type VuSpec } from '../../helpers/vu/schedule.ts';

/** One add per second (helpers/config/whole-second-ids.ts), with a margin for the page's own delay between click and request. */
const MIN_ADD_GAP_MS = ONE_ADD_PER_SECOND_MS + 100;

/** Think time between adds: the profile's, but never below the gap the server needs. */
const ADD_PAUSE: readonly [number, number] = [Math.max(MIN_ADD_GAP_MS, config.profile.writers.thinkMs[0]), Math.max(MIN_ADD_GAP_MS, config.profile.writers.thinkMs[1])];

/** The client's success line after an add, in either language of the page. */
const ADD_CONFIRMED = /Cartão adicionado com sucesso!|Card added successfully!/;
const title = (spec: VuSpec): string => `browser writer ${spec.vu} adds ${spec.quota} cards through the form and every one lands in its own deck`;

for (const lane of vuLanes(selectedVus(config.profile, 'browser-writers', config.onlyVus), config.vusPerWorker)) {
  test.describe(() => {
    test.use({ laneSpecs: { vus: lane } });

    const name = lane.length === 1 ? title(lane[0]!) : `browser writers ${laneLabel(lane)}: each adds its cards through the form and every one lands in its own deck`;

    test(`${name}`, { tag: ['@browser', '@writers'], annotation: { type: VUS_ANNOTATION, description: lane.map((v) => v.vu).join(' ') } }, async ({ browserLane }, testInfo) => {
      await browserLane(async ({ spec, user, page, recorder, deadline, step, annotate }) => {
        const rand = seededRandom(hashSeed(`${user.username}:browser-cards`));
        const decks = new DecksPage(page);
        const add = new AddCardPage(page);

        const deck = await step('create own deck with "Criar Baralho"', async () => {
          const deckName = `Deck ${spec.vu} ${user.username}`;
          await expect(decks.heading).toBeVisible();
          const cursor = recorder.cursor();
          await decks.createDeck(deckName);
          const [created] = await recorder.waitFor(cursor, 'create_deck', 1, config.requestTimeoutMs);
          expect(created!.outcome, `POST /decks: ${created!.status ?? 'no answer'} ${JSON.stringify(created!.body)}`).toBe('ok');
          await expect(decks.deck(deckName)).toBeVisible();
          return { id: String((created!.body as { id: string | number }).id), name: deckName };
        });

        await step(`gear of "${deck.name}" → "Adicionar Cartão"`, async () => {
          const cursor = recorder.cursor();
          recorder.intend('set_current_deck', { deckId: deck.id, deckName: deck.name });
          await decks.gearAction(deck.name, 'Adicionar Cartão');
          const [current] = await recorder.waitFor(cursor, 'set_current_deck', 1, config.requestTimeoutMs);
          expect(current!.outcome, `PUT /decks/current: ${current!.status ?? 'no answer'} ${JSON.stringify(current!.body)}`).toBe('ok');
          await expect(add.headingFor(deck.name)).toBeVisible();
        });

        const refused: string[] = [];
        let added = 0;

        // One step per card (not one around the loop) so Allure lists each add with its screenshot.
        for (let seq = 1; seq <= spec.quota && !deadline.passed; seq++) {
          const card = nextCard(user.username, seq, rand);

          const result = await step(`add card ${card.id}`, async () => {
            const cursor = recorder.cursor();
            recorder.intend('add_card', { marker: card.id, front: card.front, back: card.back, deckId: deck.id, deckName: deck.name });
            await add.addCard(card.front, card.back);
            const [op] = await recorder.waitFor(cursor, 'add_card', 1, config.requestTimeoutMs);
            // What the user reads: the client's success line, or the server's error text.
            await expect(add.result, `result line after adding ${card.id} (${op!.status ?? 'no answer'})`).toBeVisible();
            const text = (await add.result.innerText()).trim();
            // An add the server acknowledged must be confirmed on the page; any other shows its own text.
            expect(op!.outcome !== 'ok' || ADD_CONFIRMED.test(text), `the page confirms the add the server acknowledged (${card.id}): "${text}"`).toBe(true);
            await attachScreenshot(page, testInfo, `${spec.vu} after add ${seq} (${card.id})`);
            return { op: op!, text };
          });

          if (result.op.outcome === 'ok') added++;
          else refused.push(`${card.id}: ${result.op.status ?? 'no answer'} "${result.text}"`);
          await thinkTime(rand, ADD_PAUSE, deadline);
        }

        annotate('cards added', `${added} of ${spec.quota}`);
        expect(refused, 'adds the server refused or left unanswered (text the page showed)').toEqual([]);
        expect(added, 'at least one card added').toBeGreaterThan(0);
      }, title);
    });
  });
}
