/**
 * A small world for the checker's tests: three users, their decks, a history builder, and
 * the conversion from a recorded add to the card row the database should (or should not) hold.
 */
import type { MarkedCard } from '../../../helpers/history/markers.ts';
import type { Operation } from '../../../helpers/history/operation.ts';
import { audit, type AuditInput } from '../../../db/checker.ts';
import type { Verdict } from '../../../db/verdict.ts';
import type { FixtureCard, FixtureUser } from './anki-fixture.ts';
import type { VuIdentity } from './history-builder.ts';

export const T0 = 1_795_743_681_000;
export const HISTORY_DECK = '1795743680526';

export const ALICE: VuIdentity = { vu: 'w01', username: 'alice01', userId: 1 };
export const BOB: VuIdentity = { vu: 'w02', username: 'bob02', userId: 2 };
export const CAROL: VuIdentity = { vu: 'r01', username: 'carol03', userId: 3 };

/** The three users as registered: alice01 has a History deck and made it current. */
export function baseUsers(): FixtureUser[] {
  return [
    { userId: 1, username: 'alice01', decks: { [HISTORY_DECK]: 'History' }, currentDeck: HISTORY_DECK, cards: [], revlog: [] },
    { userId: 2, username: 'bob02', cards: [], revlog: [] },
    { userId: 3, username: 'carol03', currentDeck: 2, sampleDeckSecond: 1_795_743_678, sampleCards: 10, cards: [], revlog: [] },
  ];
}

/** The row an add should have produced: same front/back, in the deck the VU meant. */
export function rowFor(card: MarkedCard, cardId: number, deckId: string | number): FixtureCard {
  return { cardId, deckId, front: card.front, back: card.back };
}

/** The user entry of `users` with this id (throws on a typo in the test). */
export function userOf(users: FixtureUser[], userId: number): FixtureUser & { cards: FixtureCard[] } {
  const user = users.find((u) => u.userId === userId);
  if (!user) throw new Error(`no fixture user ${userId}`);
  user.cards ??= [];
  return user as FixtureUser & { cards: FixtureCard[] };
}

/** Audit with a pinned clock. */
export function auditOf(dataDir: string, history: readonly Operation[], extra: Partial<AuditInput> = {}): Verdict {
  return audit({ runId: 'unit', history, dataDir, source: 'live', now: new Date(T0), ...extra });
}
