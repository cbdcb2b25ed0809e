/**
 * Scenario B: writers. Each VU creates its own deck, makes it current, and adds
 * marked cards with human think time. The card audit then proves each card sits in
 * the VU's own database, in that deck, with the content sent. Writers play in lanes:
 * many VUs in one test and worker, each with its own cookie jar and its own verdict.
 */
import { test, expect } from '../../fixtures/index.ts';
import { VUS_ANNOTATION } from '../../helpers/vu/shard-vus.ts';
import { config } from '../../helpers/config/config.ts';
import { nextCard } from '../../helpers/vu/card-factory.ts';
import { Deadline, thinkTime } from '../../helpers/vu/pacing.ts';
import { hashSeed, seededRandom } from '../../helpers/vu/random.ts';
import { laneLabel, selectedVus, vuLanes, type VuSpec } from '../../helpers/vu/schedule.ts';

const title = (spec: VuSpec): string => `writer ${spec.vu} (${spec.stageName}) adds ${spec.quota} cards and every one lands in its own deck`;

for (const lane of vuLanes(selectedVus(config.profile, 'writers', config.onlyVus), config.vusPerWorker)) {
  test.describe(() => {
    test.use({ laneSpecs: { vus: lane } });

    const name = lane.length === 1 ? title(lane[0]!) : `writers ${laneLabel(lane)}: each adds its cards and every one lands in its own deck`;

    test(`${name}`, { tag: ['@writers'], annotation: { type: VUS_ANNOTATION, description: lane.map((v) => v.vu).join(' ') } }, async ({ lane: play }) => {
      await play(async ({ spec, user, api, step }) => {
        const rand = seededRandom(hashSeed(`${user.username}:cards`));
        // The lane has waited for this VU's stage and logged in at its start.
        const deadline = Deadline.after(spec.budgetMs);

        const deck = await step('create own deck and make it current', async () => {
          const deckName = `Deck ${spec.vu} ${user.username}`;
          const created = await api.createDeck(deckName);
          expect(created.ok, `create deck: ${created.status} ${JSON.stringify(created.json)}`).toBe(true);
          const id = String(created.json!.id);
          const current = await api.setCurrentDeck(id, deckName);
          expect(current.ok, `make deck current: ${current.status} ${JSON.stringify(current.json)}`).toBe(true);
          return { id, name: deckName };
        });

        const refused: string[] = [];
        let added = 0;
        await step(`add ${spec.quota} marked cards`, async () => {
          for (let seq = 1; seq <= spec.quota && !deadline.passed; seq++) {
            const card = nextCard(user.username, seq, rand);
            const call = await api.addMarkedCard(card, deck);
            if (call.ok) added++;
            else refused.push(`${card.id}: ${call.status ?? 'no answer'} ${call.op.error ?? JSON.stringify(call.json)}`);
            await thinkTime(rand, config.profile.writers.thinkMs, deadline);
          }
        });

        expect(refused, 'adds the server refused or left unanswered').toEqual([]);
        // A writer cut off by its deadline before any add would otherwise pass having done nothing.
        expect(added, 'cards acknowledged').toBeGreaterThan(0);
      }, title);
    });
  });
}
