/**
 * Deck routes: list, create, rename, delete, and their error answers.
 */
import { test, expect } from './support/contract-fixture.ts';
import { createDeck, type DeckListItem } from './support/routes.ts';
import { expectError, expectJson } from './support/responses.ts';
import { cardsInDeck, collection, countRows, readUserDb } from '../support/user-db.ts';

const FRESH_DECKS = [
  { id: '1', name: 'MyFirstDeck' },
  { id: '2', name: 'Verbal Tenses' },
];

test.describe('GET /decks', () => {
  test('lists the two decks of a new user with string ids', async ({ reader }) => {
    expect(await expectJson(await reader.api.get('/decks'), 200)).toEqual(FRESH_DECKS);
  });

  test('sorts by name the way Python sorts strings: by code point, so uppercase before lowercase', async ({ sessions }) => {
    const { api } = await sessions.newUser('ds');
    // U+FF21 (fullwidth A) sorts before U+1F600 by code point, after it by UTF-16 unit.
    for (const name of ['Zebra', '\u{1F600} smile', 'apple', '\uFF21lpha', 'Alpha']) await expectJson(await createDeck(api, name), 201);
    const names = (await expectJson<DeckListItem[]>(await api.get('/decks'), 200)).map((d) => d.name);
    expect(names).toEqual(['Alpha', 'MyFirstDeck', 'Verbal Tenses', 'Zebra', 'apple', '\uFF21lpha', '\u{1F600} smile']);
  });
});

test.describe('POST /decks', () => {
  test('answers 201 with an epoch-ms string id and the trimmed name, and stores the deck', async ({ sessions, target }) => {
    const { user, api } = await sessions.newUser('dc');
    const before = Date.now();
    const body = await expectJson<DeckListItem>(await createDeck(api, '  Spaced Out  '), 201);
    const after = Date.now();
    expect(body.name).toBe('Spaced Out');
    expect(body.id).toMatch(/^\d{13}$/);
    expect(Number(body.id)).toBeGreaterThanOrEqual(before - 1);
    expect(Number(body.id)).toBeLessThanOrEqual(after + 1);
    expect(await expectJson(await api.get('/decks'), 200)).toContainEqual({ id: body.id, name: 'Spaced Out' });
    const decks = readUserDb(target.dataDir, user.userId, (db) => collection(db).decks);
    expect(decks[body.id]?.name).toBe('Spaced Out');
  });

  test('answers 400 "Deck name cannot be empty" for a missing, empty or blank name', async ({ reader }) => {
    await expectError(await reader.api.post('/decks', { data: {} }), 400, 'Deck name cannot be empty');
    await expectError(await createDeck(reader.api, ''), 400, 'Deck name cannot be empty');
    await expectError(await createDeck(reader.api, '   '), 400, 'Deck name cannot be empty');
  });

  test('answers 409 "A deck with this name already exists" regardless of case or surrounding spaces', async ({ reader }) => {
    await expectError(await createDeck(reader.api, 'verbal tenses'), 409, 'A deck with this name already exists');
    await expectError(await createDeck(reader.api, ' MYFIRSTDECK '), 409, 'A deck with this name already exists');
  });
});

test.describe('PUT /decks/<id>/rename', () => {
  test('answers 200 with the message, the numeric id and the trimmed new name', async ({ sessions, target }) => {
    const { user, api } = await sessions.newUser('dr');
    const res = await api.put('/decks/2/rename', { data: { name: '  Tenses  ' } });
    expect(await expectJson(res, 200)).toEqual({ message: "Deck renamed from 'Verbal Tenses' to 'Tenses' successfully", id: 2, name: 'Tenses' });
    expect(await expectJson(await api.get('/decks'), 200)).toEqual([FRESH_DECKS[0], { id: '2', name: 'Tenses' }]);
    expect(readUserDb(target.dataDir, user.userId, (db) => collection(db).decks['2']?.name)).toBe('Tenses');
  });

  test('may change only the case of its own name', async ({ sessions }) => {
    const { api } = await sessions.newUser('dr');
    const res = await api.put('/decks/1/rename', { data: { name: 'MYFIRSTDECK' } });
    expect(await expectJson(res, 200)).toEqual({ message: "Deck renamed from 'MyFirstDeck' to 'MYFIRSTDECK' successfully", id: 1, name: 'MYFIRSTDECK' });
  });

  test('answers 400, 404 and 409 with their messages', async ({ reader }) => {
    const { api } = reader;
    await expectError(await api.put('/decks/1/rename', { data: {} }), 400, 'New deck name cannot be empty');
    await expectError(await api.put('/decks/1/rename', { data: { name: '  ' } }), 400, 'New deck name cannot be empty');
    await expectError(await api.put('/decks/999/rename', { data: { name: 'Other' } }), 404, 'Deck not found');
    await expectError(await api.put('/decks/1/rename', { data: { name: 'verbal TENSES' } }), 409, 'A deck with this name already exists');
  });
});

test.describe('DELETE /decks/<id>', () => {
  test('deletes the sample deck with its 108 cards and their notes', async ({ sessions, target }) => {
    const { user, api } = await sessions.newUser('dd');
    expect(await expectJson(await api.delete('/decks/2'), 200)).toEqual({ message: "Deck 'Verbal Tenses' and 108 cards deleted successfully" });
    expect(await expectJson(await api.get('/decks'), 200)).toEqual([FRESH_DECKS[0]]);
    readUserDb(target.dataDir, user.userId, (db) => {
      expect(cardsInDeck(db, 2)).toHaveLength(0);
      expect(countRows(db, 'notes')).toBe(0);
      expect(Object.keys(collection(db).decks)).toEqual(['1']);
    });
  });

  test('deletes an empty deck ("0 cards") and then answers 404 "Deck not found" for it', async ({ sessions }) => {
    const { api } = await sessions.newUser('dd');
    const deck = await expectJson<DeckListItem>(await createDeck(api, 'Short Lived'), 201);
    expect(await expectJson(await api.delete(`/decks/${deck.id}`), 200)).toEqual({ message: "Deck 'Short Lived' and 0 cards deleted successfully" });
    await expectError(await api.delete(`/decks/${deck.id}`), 404, 'Deck not found');
  });

  test('answers 404 "Deck not found" for an id the user does not have', async ({ reader }) => {
    await expectError(await reader.api.delete('/decks/999'), 404, 'Deck not found');
  });
});
