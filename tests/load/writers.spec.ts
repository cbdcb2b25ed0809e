/**
 * Scenario B: writers. Each VU creates its own deck, makes it current, and adds
 * marked cards with human think time. The automatic card audit then proves each
 * card sits in the VU's own database, in that deck, with the content sent.
 */
import { test, expect } from '../../fixtures/index.ts';
import { config } from '../../setup/config.ts';
import { nextCard } from '../../vu/card-factory.ts';
import { Deadline, thinkTime } from '../../vu/pacing.ts';
import { hashSeed, seededRandom } from '../../vu/random.ts';
import { selectedVus } from '../../vu/schedule.ts';

for (const spec of selectedVus(config.profile, 'writers', config.onlyVus)) {
  test.describe(() => {
    test.use({ vuSpec: spec });

    test(`writer ${spec.vu} (${spec.stageName}) adds ${spec.quota} cards and every one lands in its own deck`, { tag: ['@writers'] }, async ({ vu, api }) => {
      const rand = seededRandom(hashSeed(`${vu.user.username}:cards`));
      // The api fixture has waited for this VU's stage and logged in at its start.
      const deadline = Deadline.after(spec.budgetMs);

      const deck = await test.step('create own deck and make it current', async () => {
        const name = `Deck ${spec.vu} ${vu.user.username}`;
        const created = await api.createDeck(name);
        expect(created.ok, `create deck: ${created.status} ${JSON.stringify(created.json)}`).toBe(true);
        const id = String(created.json!.id);
        const current = await api.setCurrentDeck(id, name);
        expect(current.ok, `make deck current: ${current.status} ${JSON.stringify(current.json)}`).toBe(true);
        return { id, name };
      });

      const refused: string[] = [];

      await test.step(`add ${spec.quota} marked cards`, async () => {
        for (let seq = 1; seq <= spec.quota && !deadline.passed; seq++) {
          const card = nextCard(vu.user.username, seq, rand);
          const call = await api.addCard(card.front, card.back, { marker: card.id, deckId: deck.id, deckName: deck.name });
          if (!call.ok) refused.push(`${card.id}: ${call.status ?? 'no answer'} ${call.op.error ?? JSON.stringify(call.json)}`);
          await thinkTime(rand, config.profile.writers.thinkMs, deadline);
        }
      });

      expect(refused, 'adds the server refused or left unanswered').toEqual([]);
    });
  });
}
