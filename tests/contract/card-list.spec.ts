/**
 * GET /decks/<id>/cards: one page of a deck's cards, newest (highest card id) first.
 */
import { test, expect } from './support/contract-fixture.ts';
import { FIELD_SEPARATOR } from './support/anki-checksum.ts';
import { expectError, expectJson } from './support/responses.ts';
import { cardsInDeck, noteById, readUserDb } from '../support/user-db.ts';

interface CardPage {
  deckId: string;
  deckName: string;
  cards: { cardId: number; noteId: number; front: string; back: string; modified: number }[];
  pagination: { total: number; page: number; perPage: number; totalPages: number };
}

test('pages through the 108 sample cards newest first, 10 per page by default', async ({ reader, target }) => {
  const expected = readUserDb(target.dataDir, reader.user.userId, (db) =>
    cardsInDeck(db, 2)
      .reverse()
      .map((c) => {
        const [front, back] = noteById(db, c.nid)!.flds.split(FIELD_SEPARATOR);
        return { cardId: c.id, noteId: c.nid, front, back, modified: c.mod };
      }),
  );
  expect(expected).toHaveLength(108);

  const first = await expectJson<CardPage>(await reader.api.get('/decks/2/cards'), 200);
  expect(first).toEqual({ deckId: '2', deckName: 'Verbal Tenses', cards: expected.slice(0, 10), pagination: { total: 108, page: 1, perPage: 10, totalPages: 11 } });

  const last = await expectJson<CardPage>(await reader.api.get('/decks/2/cards?page=11&perPage=10'), 200);
  expect(last.cards).toEqual(expected.slice(100));
  expect(last.pagination).toEqual({ total: 108, page: 11, perPage: 10, totalPages: 11 });

  const wide = await expectJson<CardPage>(await reader.api.get('/decks/2/cards?page=3&perPage=50'), 200);
  expect(wide.cards).toEqual(expected.slice(100));
  expect(wide.pagination).toEqual({ total: 108, page: 3, perPage: 50, totalPages: 3 });

  const beyond = await expectJson<CardPage>(await reader.api.get('/decks/2/cards?page=12'), 200);
  expect(beyond.cards).toEqual([]);
});

test('an empty deck has no cards and zero pages', async ({ reader }) => {
  expect(await expectJson(await reader.api.get('/decks/1/cards'), 200)).toEqual({
    deckId: '1',
    deckName: 'MyFirstDeck',
    cards: [],
    pagination: { total: 0, page: 1, perPage: 10, totalPages: 0 },
  });
});

test('answers 404 "Deck not found" for a deck the user does not have', async ({ reader }) => {
  await expectError(await reader.api.get('/decks/999/cards'), 404, 'Deck not found');
  await expectError(await reader.api.get('/decks/abc/cards'), 404, 'Deck not found');
});
