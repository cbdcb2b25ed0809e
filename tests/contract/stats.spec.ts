/**
 * GET /decks/<id>/stats: counts by state of the cards in one deck.
 */
import { test, expect } from './support/contract-fixture.ts';
import { deckStats } from './support/routes.ts';
import { expectError, expectJson } from './support/responses.ts';

const ZERO = { New: 0, Learning: 0, Relearning: 0, Young: 0, Mature: 0, Suspended: 0, Buried: 0 };

test('a new user has 108 new cards in Verbal Tenses and none in MyFirstDeck', async ({ reader }) => {
  expect(await expectJson(await deckStats(reader.api, 2), 200)).toEqual({ counts: { ...ZERO, New: 108 }, total: 108 });
  expect(await expectJson(await deckStats(reader.api, 1), 200)).toEqual({ counts: ZERO, total: 0 });
});

test('answers 404 "Deck not found or access denied." for a deck the user does not have', async ({ reader }) => {
  await expectError(await deckStats(reader.api, 999), 404, 'Deck not found or access denied.');
});
