/**
 * Session integrity. Probers keep one session through a rapid burst and probe their
 * identity while they add cards; a thrasher logs in and out through several users as fast
 * as it can, so sessions are made and destroyed while others work; two devices of one user
 * share the server-side current deck. Every VU judges its own history before it ends (no
 * 401 on a valid session, every probe showing only its own user, no cookie change without a
 * login, its cards where it put them), and the automatic card audit judges its cards again.
 */
import { test, expect } from '../../fixtures/index.ts';
import type { Vu } from '../../fixtures/index.ts';
import type { RunContext } from '../../fixtures/run-fixture.ts';
import { readHistory } from '../../history/reader.ts';
import { nextCard } from '../../vu/card-factory.ts';
import { config } from '../../setup/config.ts';
import { pickEase } from '../../vu/ease-mix.ts';
import { parseFront } from '../../history/markers.ts';
import type { Operation } from '../../history/operation.ts';
import { Deadline, thinkTime } from '../../vu/pacing.ts';
import { between, hashSeed, seededRandom } from '../../vu/random.ts';
import { selectedVus, waitForScheduledStart, type VuSpec } from '../../vu/schedule.ts';
import { VUS_ANNOTATION } from '../../vu/shard-vus.ts';
import { BURST_PROBES, burstFindings, rapidBurst } from '../../vu/sessions/burst.ts';
import { cardPlacementFindings } from '../../vu/sessions/card-check.ts';
import { setUpOwnDecks, type Deck } from '../../vu/sessions/decks.ts';
import { findingText, refusalText, sessionFindings, unexpectedRefusals } from '../../vu/sessions/expectations.ts';
import { untilNextSecond } from '../../vu/sessions/pacing.ts';
import { createProbeDeck, probeIdentity } from '../../vu/sessions/probe.ts';
import { configuredKnownFindings, knownFindingFor } from '../../report/known-findings.ts';
import { reloginOnRejection } from '../../vu/sessions/relogin.ts';

const SAMPLE_DECK = 'Verbal Tenses';
/** Cards the second device reviews per visit to the review page before going back to the deck list. */
const REVIEWS_PER_VISIT = [1, 3] as const;

const sessionVus = selectedVus(config.profile, 'sessions', config.onlyVus);
/** The VU a test plays, where a sharded run's global setup reads it (vu/shard-vus.ts). */
const VUS_OF = (spec: VuSpec) => ({ type: VUS_ANNOTATION, description: spec.vu });

async function startOnSchedule(spec: VuSpec, vu: Vu): Promise<Deadline> {
  const lateMs = await test.step(`wait for ${spec.stageName}`, () => waitForScheduledStart(spec, vu.epochMs));

  test.info().annotations.push({ type: 'started late (ms)', description: String(lateMs) });
  return Deadline.after(spec.budgetMs);
}

/**
 * The VU's own verdict on its history: session findings (outside `judgedElsewhere`, the
 * burst, which was judged on its own), cards not where it put them, and other refusals.
 * Soft, so one failed test lists every kind of trouble at once.
 */
async function judgeOwnHistory(spec: VuSpec, vu: Vu, run: RunContext, ops: readonly Operation[], judgedElsewhere: ReadonlySet<string> = new Set()): Promise<void> {
  await test.step('judge its own history: sessions, where its cards are, refusals', () => {
    // Judged on the whole sequence (a cookie change needs the requests around it), reported outside the burst only.
    const findings = sessionFindings(ops).filter((f) => !judgedElsewhere.has(f.opId));
    expect.soft(findings.map(findingText), `${spec.vu}: session mismatches (401 on a valid session, probe seeing another user, cookie changed without login)`).toEqual([]);
    // The run's history so far holds the other device's deck switches that explain a misfiled card.
    // With DATA_FETCH_CMD the databases are on the deployment's host: its cards are judged by the run's audit.
    const placed = config.dataFetchCmd ? [] : cardPlacementFindings({ dataDir: run.info.dataDir, users: vu.users, pool: [...run.pool.values()], ops, history: () => readHistory(run.dir).operations });
    // A finding the baseline accepts is noted, not failed on; the run's audit counts it against the entry's maxCount.
    const baseline = configuredKnownFindings();
    const isKnown = (f: (typeof placed)[number]) => f.class !== undefined && knownFindingFor(f.class, f.vu, baseline) !== null;
    for (const f of placed.filter(isKnown)) test.info().annotations.push({ type: 'known finding', description: findingText(f) });
    expect.soft(placed.filter((f) => !isKnown(f)).map(findingText), `${spec.vu}: acknowledged cards not in the database and deck it chose`).toEqual([]);
    expect.soft(unexpectedRefusals(ops).map(refusalText), `${spec.vu}: requests the server refused or left unanswered`).toEqual([]);
  });
}

/** The other device of a two-device user: same user, the other role. */
function partnerOf(spec: VuSpec): string {
  return sessionVus.find((v) => v.vu !== spec.vu && v.users[0] === spec.users[0])?.vu ?? 'its other device';
}

/** The VU's own deck, current; the test stops here when it is not, since every add would land elsewhere. */
function ownDecksOrFail(spec: VuSpec, decks: { work: Deck | null; failure: string | null }): Deck {
  expect(decks.failure, `${spec.vu} could not set up its own deck`).toBeNull();
  return decks.work!;
}

for (const spec of sessionVus) {
  test.describe(() => {
    test.use({ vuSpec: spec });

    if (spec.role === 'prober') {
      test(
        `prober ${spec.vu} keeps one session through a ${BURST_PROBES}-probe burst, adds ${spec.quota} cards, and every identity probe shows only its own user`,
        { tag: ['@sessions', '@prober'], annotation: VUS_OF(spec) },
        async ({ vu, api, ops, run }) => {
          const rand = seededRandom(hashSeed(`${vu.user.username}:sessions`));
          const keep = reloginOnRejection(api, (u) => vu.password(u));
          const deadline = await startOnSchedule(spec, vu);

          const decks = await test.step('create its probe deck and its own deck, make that current', () => setUpOwnDecks(api, spec.vu, keep));

          const work = ownDecksOrFail(spec, decks);
          expect(decks.probe.ok, `${spec.vu}: create ${decks.probe.op.intent?.deckName}: ${decks.probe.status} ${JSON.stringify(decks.probe.json)}`).toBe(true);

          const burst = await test.step(`rapid consistency: ${BURST_PROBES} probes, stats and one add on one session`, async () => {
            const card = nextCard(vu.user.username, 1, rand);
            const from = ops.length;
            const add = await rapidBurst(api, { probeDeckId: String(decks.probe.json!.id), workDeck: work, card }, keep);
            const burstOps = ops.slice(from);
            expect.soft(burstFindings(burstOps).map(findingText), `${spec.vu}: one session cookie and one identity throughout the burst`).toEqual([]);
            return { ops: burstOps, add };
          });

          let lastAdd: number | undefined = burst.add.op.sentAt;

          await test.step(`add ${spec.quota - 1} more cards, probing its identity after each`, async () => {
            for (let seq = 2; seq <= spec.quota && !deadline.passed; seq++) {
              await thinkTime(rand, config.profile.writers.thinkMs, deadline);
              await untilNextSecond(lastAdd, deadline);
              const card = nextCard(vu.user.username, seq, rand);
              lastAdd = (await keep(() => api.addCard(card.front, card.back, { marker: card.id, deckId: work.id, deckName: work.name }))).op.sentAt;
              await keep(() => probeIdentity(api));
            }
          });

          await judgeOwnHistory(spec, vu, run, ops, new Set(burst.ops.map((op) => op.id)));
        },
      );
    }

    if (spec.role === 'thrasher') {
      test(
        `thrasher ${spec.vu} cycles login → add → probe → logout ${spec.quota} times through ${spec.users.length} users, and every card lands with its cycle's user`,
        { tag: ['@sessions', '@thrasher'], annotation: VUS_OF(spec) },
        async ({ vu, newClient, ops, run }) => {
          const rand = seededRandom(hashSeed(`${spec.vu}:thrash`));
          const client = await newClient(vu.user.username);
          const keep = reloginOnRejection(client, (u) => vu.password(u));
          const deadline = await startOnSchedule(spec, vu);
          const decks = new Map<string, Deck>();
          const adds = new Map<string, { seq: number; lastAt?: number }>();

          for (let cycle = 1; cycle <= spec.quota && !deadline.passed; cycle++) {
            const user = vu.users[(cycle - 1) % vu.users.length]!;

            await test.step(`cycle ${cycle}: ${user.username} logs in, adds a card, probes, logs out`, async () => {
              // History records of this cycle carry this cycle's user.
              client.actAs(user.username, user.userId);
              const login = await client.login(user.username, vu.password(user.username));
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
              const mine = adds.get(user.username) ?? { seq: 0 };
              await untilNextSecond(mine.lastAt, deadline);
              const card = nextCard(user.username, ++mine.seq, rand);
              mine.lastAt = (await keep(() => client.addCard(card.front, card.back, { marker: card.id, deckId: deck.id, deckName: deck.name }))).op.sentAt;
              adds.set(user.username, mine);
              await keep(() => probeIdentity(client));
              await client.logout();
            });
          }
          test.info().annotations.push({ type: 'cards per user', description: [...adds].map(([u, a]) => `${u}: ${a.seq}`).join(', ') });
          await judgeOwnHistory(spec, vu, run, ops);
        },
      );
    }

    if (spec.role === 'device-writer') {
      test(
        `device ${spec.vu} adds ${spec.quota} cards to its own deck while ${partnerOf(spec)} reviews as the same user, and every card lands in the deck it chose`,
        { tag: ['@sessions', '@two-devices'], annotation: VUS_OF(spec) },
        async ({ vu, api, ops, run }) => {
          const rand = seededRandom(hashSeed(`${spec.vu}:${vu.user.username}:device`));
          const keep = reloginOnRejection(api, (u) => vu.password(u));
          const deadline = await startOnSchedule(spec, vu);
          const work = ownDecksOrFail(spec, await test.step('create its own deck and make it current (once, like a user opening the add page)', () => setUpOwnDecks(api, spec.vu, keep)));

          let lastAdd: number | undefined;

          await test.step(`add ${spec.quota} cards without choosing the deck again, probing its identity after each`, async () => {
            for (let seq = 1; seq <= spec.quota && !deadline.passed; seq++) {
              await untilNextSecond(lastAdd, deadline);
              const card = nextCard(vu.user.username, seq, rand);
              lastAdd = (await keep(() => api.addCard(card.front, card.back, { marker: card.id, deckId: work.id, deckName: work.name }))).op.sentAt;
              await keep(() => probeIdentity(api));
              await thinkTime(rand, config.profile.writers.thinkMs, deadline);
            }
          });

          await judgeOwnHistory(spec, vu, run, ops);
        },
      );
    }

    if (spec.role === 'device-reviewer') {
      test(
        `device ${spec.vu} reviews up to ${spec.quota} ${SAMPLE_DECK} cards as the same user as ${partnerOf(spec)}, choosing the deck again on every visit to the review page`,
        { tag: ['@sessions', '@two-devices'], annotation: VUS_OF(spec) },
        async ({ vu, api, ops, run }) => {
          const rand = seededRandom(hashSeed(`${spec.vu}:${vu.user.username}:device`));
          const keep = reloginOnRejection(api, (u) => vu.password(u));
          const deadline = await startOnSchedule(spec, vu);
          await keep(() => createProbeDeck(api));

          const sample = await test.step(`find ${SAMPLE_DECK}`, async () => {
            const decks = await keep(() => probeIdentity(api));
            const found = decks.json?.find((d) => d.name === SAMPLE_DECK);
            expect(found, `${spec.vu}: GET /decks of ${vu.user.username} lists ${SAMPLE_DECK}: ${decks.status} ${JSON.stringify(decks.json)}`).toBeTruthy();
            return found!;
          });

          let answered = 0;
          let visits = 0;
          let fromOtherDecks = 0;

          await test.step(`review up to ${spec.quota} cards, choosing ${SAMPLE_DECK} again on each visit`, async () => {
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

          test.info().annotations.push({ type: 'reviews answered', description: `${answered} of ${spec.quota} in ${visits} visits; ${fromOtherDecks} shown from the other device's deck` });
          await judgeOwnHistory(spec, vu, run, ops);
          expect(answered, `${spec.vu}: at least one review answered`).toBeGreaterThan(0);
        },
      );
    }
  });
}
