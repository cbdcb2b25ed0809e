/**
 * Session integrity, a returning user: logs in first, sees its decks, then leaves its tab
 * open — no request at all — while hundreds of newer users log in, and comes back to work.
 * Flask-Session's file store prunes sessions past 500 files, so the server may have logged it
 * out meanwhile. A 401 it meets on coming back stays in the history for the checker to judge
 * (db/judges/session-judge.ts: the session refused once, or its file gone, with what the store
 * held); the user then logs in again, as a person shown the login page would, and its cards
 * must still land in its own deck.
 */
import { expect } from '@playwright/test';
import type { LaneVu } from '../../../fixtures/vu-lane.ts';
import { config } from '../../../helpers/config/config.ts';
import { DEFAULT_AFTER_LOGINS } from '../../../helpers/config/profiles.ts';
import { currentRun } from '../../../helpers/run/current-run.ts';
import { runPaths } from '../../../helpers/run/run-dir.ts';
import { isRejectedSession } from '../../../helpers/history/session-rules.ts';
import { nextCard } from '../../../helpers/vu/card-factory.ts';
import { Deadline, thinkTime } from '../../../helpers/vu/pacing.ts';
import { hashSeed, seededRandom } from '../../../helpers/vu/random.ts';
import type { VuSpec } from '../../../helpers/vu/schedule.ts';
import { workDeckName, type Deck } from '../../../helpers/vu/sessions/decks.ts';
import type { ApiClient } from '../../../helpers/vu/api-client.ts';
import { refusalText, unexpectedRefusals } from '../../../helpers/vu/sessions/refusals.ts';
import { idleUntilNewerLogins, NewerLogins } from '../../../helpers/vu/sessions/newer-logins.ts';
import { untilNextSecond } from '../../../helpers/vu/sessions/pacing.ts';
import { reloginOnRejection, type Relogin } from '../../../helpers/vu/sessions/relogin.ts';

/** The profile's returning plan; a PROFILE_FILE may give returning users without the number to wait for. */
function returningPlan(): { afterLogins: number; maxIdleMs: number } {
  const plan = config.profile.sessions.returning;
  return { afterLogins: plan?.afterLogins ?? DEFAULT_AFTER_LOGINS, maxIdleMs: plan?.maxIdleMs ?? 0 };
}

export const returningTitle = (spec: VuSpec): string =>
  `returning user ${spec.vu} stays idle while ${returningPlan().afterLogins} newer users log in, comes back, adds ${spec.quota} cards and finds them in its own deck`;

/** Tries a request the user cannot go on without, as a person would press again: at most this many times. */
const ATTEMPTS = 3;

/**
 * Its own deck, made current. A creation left unanswered may still have made the deck (the
 * deck list says), so that deck is used; else it tries again under a new name, since the old one
 * may yet appear.
 */
async function ownDeck(api: ApiClient, keep: Relogin, vu: string): Promise<Deck | null> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const name = attempt === 1 ? workDeckName(vu, api.identity.username) : `${workDeckName(vu, api.identity.username)} ${attempt}`;
    const created = await keep(() => api.createDeck(name));
    let deck = created.ok && created.json ? { id: String(created.json.id), name } : null;
    if (!deck && created.op.outcome === 'info') {
      const listed = await keep(() => api.listDecks());
      const found = listed.json?.find((d) => d.name === name);
      deck = found ? { id: String(found.id), name } : null;
    }
    if (!deck) continue;
    for (let tries = 1; tries <= ATTEMPTS; tries++) {
      const current = await keep(() => api.setCurrentDeck(deck.id, deck.name));
      if (current.ok) return deck;
      if (current.op.outcome !== 'info') break;
    }
  }
  return null;
}

export async function returningFlow({ spec, user, api, step, annotate, password, ops }: LaneVu): Promise<void> {
  const plan = returningPlan();
  const rand = seededRandom(hashSeed(`${user.username}:returning`));
  const keep = reloginOnRejection(api, password);
  const deadline = Deadline.after(spec.budgetMs);
  const login = ops.filter((o) => o.op === 'login' && o.outcome === 'ok').at(-1);
  expect(login, `${spec.vu}: its login`).toBeDefined();

  // One request the server accepts on the new session, so a later 401 has its before.
  await step('see its decks once', async () => {
    for (let tries = 1; tries <= ATTEMPTS && !(await keep(() => api.listDecks())).ok; tries++);
  });

  const idle = await step(`stay idle until ${plan.afterLogins} newer users logged in (at most ${Math.round(plan.maxIdleMs / 1000)} s)`, () => {
    const newer = new NewerLogins(runPaths(currentRun().dir).historyDir, login!.returnedAt, user.username);
    return idleUntilNewerLogins(() => newer.count(), plan.afterLogins, Math.min(plan.maxIdleMs, deadline.remainingMs));
  });
  annotate('came back', `after ${Math.round(idle.waitedMs / 1000)} s idle, ${idle.logins} newer users had logged in${idle.reached ? '' : ` (fewer than ${plan.afterLogins}: its idle bound ran out)`}`);

  const backAt = Date.now();
  await step('come back: list its decks', () => keep(() => api.listDecks()));
  const refused = ops.find((o) => o.sentAt >= backAt && isRejectedSession(o));
  if (refused) annotate('logged out while idle', `${refused.id} ${refused.method} ${refused.path}: 401 after ${idle.logins} newer logins; it logged in again (the checker judges the 401)`);
  const work = await step('create its own deck and make it current', () => ownDeck(api, keep, spec.vu));
  expect(work, `${spec.vu}: could not set up its own deck`).not.toBeNull();

  const acknowledged: string[] = [];
  await step(`add ${spec.quota} cards to "${work!.name}"`, async () => {
    let lastAdd: number | undefined;
    for (let seq = 1; seq <= spec.quota && !deadline.passed; seq++) {
      if (seq > 1) await thinkTime(rand, config.profile.writers.thinkMs, deadline);
      await untilNextSecond(lastAdd, deadline);
      const card = nextCard(user.username, seq, rand);
      const call = await keep(() => api.addMarkedCard(card, work!));
      lastAdd = call.op.sentAt;
      if (call.ok) acknowledged.push(card.id);
    }
  });

  const listed = await step(`check its cards are in "${work!.name}"`, () => keep(() => api.deckCards(work!.id, 1, Math.max(10, spec.quota))));
  // Timeouts and refusals are the run's capacity figures and the checker's to judge: noted here, not failed on.
  const unanswered = unexpectedRefusals(ops);
  if (unanswered.length > 0) annotate('requests refused or unanswered', unanswered.map(refusalText).join('\n'));
  expect(acknowledged.length, `${spec.vu}: cards acknowledged`).toBeGreaterThan(0);
  expect(listed.ok, `${spec.vu}: list its deck's cards: ${listed.status ?? 'no answer'} ${listed.op.error ?? ''}`).toBe(true);
  const seen = (listed.json?.cards ?? []).map((c) => c.back);
  expect(
    acknowledged.filter((id) => !seen.some((back) => back.includes(`[MARKER:${id}]`))),
    `${spec.vu}: acknowledged cards missing from its deck's card list`,
  ).toEqual([]);
}
