/**
 * What the session roles' flows share: their lanes (every role in one, both devices of a
 * user always together) and the checks every session VU makes of itself. Whether
 * its session held (no 401 while valid, probes showing only its own user, no cookie change
 * without a login, no answer after logout) and where its cards landed are the checker's
 * judgement, made by the lane's card audit for each VU; the VU checks what only its flow
 * knows: its own deck was set up, what it expected to work was answered, and it did something.
 */
import { expect } from '@playwright/test';
import { config } from '../../../helpers/config/config.ts';
import { selectedVus, vuLanes, type VuSpec } from '../../../helpers/vu/schedule.ts';
import type { Operation } from '../../../helpers/history/operation.ts';
import type { Deck, OwnDecks } from '../../../helpers/vu/sessions/decks.ts';
import { refusalText, unexpectedRefusals } from '../../../helpers/vu/sessions/refusals.ts';

const sessionVus = selectedVus(config.profile, 'sessions', config.onlyVus);

/**
 * The lanes of the session VUs, every role together (the same split the config counts
 * workers by): one worker for all of them up to VUS_PER_WORKER, since a worker's start costs
 * more than the few session VUs it plays.
 */
export function sessionLanes(): VuSpec[][] {
  return vuLanes(sessionVus, config.vusPerWorker);
}

/** The other device of a two-device user: same user, the other role. */
export function partnerOf(spec: VuSpec): string {
  return sessionVus.find((v) => v.vu !== spec.vu && v.users[0] === spec.users[0])?.vu ?? 'its other device';
}

/**
 * The VU's own deck, current; the VU stops here when it is not, since every add would land
 * elsewhere. A deck the server did not know right after creating it, and the VU made again, is noted.
 */
export function ownDeckOrFail(spec: VuSpec, decks: Pick<OwnDecks, 'work' | 'failure' | 'remade'>, annotate: (type: string, description: string) => void): Deck {
  if (decks.remade) annotate('own deck made again', `${decks.remade} — right after its 201; the checker says why (a lost-deck violation names the request that dropped it)`);
  expect(decks.failure, `${spec.vu} could not set up its own deck`).toBeNull();
  return decks.work!;
}

/** Fails the VU on requests the server refused or left unanswered that its flow needed. */
export function expectNoRefusals(spec: VuSpec, ops: readonly Operation[]): void {
  expect(unexpectedRefusals(ops).map(refusalText), `${spec.vu}: requests the server refused or left unanswered`).toEqual([]);
}
