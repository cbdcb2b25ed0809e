/**
 * PUT /decks/current and the implicit current deck: POST /add_card has no deck
 * parameter; it files the card under the collection's `conf.curDeck`, which every
 * session of the user shares.
 */
import { test, expect } from './support/contract-fixture.ts';
import { nextSecondStart } from './support/clock.ts';
import { addCard, createDeck, setCurrentDeck, type AddCardBody, type DeckListItem } from './support/routes.ts';
import { expectError, expectJson } from './support/responses.ts';
import { cardById, collection, readUserDb } from '../support/user-db.ts';

const UPDATED = { message: 'Current deck updated successfully' };

test('accepts the deck id as a number or a string and stores it as an integer', async ({ sessions, target }) => {
  const { user, api } = await sessions.newUser('cd');
  const curDeck = (): unknown => readUserDb(target.dataDir, user.userId, (db) => collection(db).conf.curDeck);
  expect(curDeck(), 'a new collection starts on deck 1').toBe(1);
  expect(await expectJson(await setCurrentDeck(api, '2'), 200)).toEqual(UPDATED);
  expect(curDeck()).toBe(2);
  expect(await expectJson(await setCurrentDeck(api, 1), 200)).toEqual(UPDATED);
  expect(curDeck()).toBe(1);
});

test('answers 400 "Missing deckId" and 404 "Invalid deck ID"', async ({ reader }) => {
  const { api } = reader;
  await expectError(await api.put('/decks/current', { data: {} }), 400, 'Missing deckId');
  await expectError(await api.put('/decks/current', { data: { deckId: null } }), 400, 'Missing deckId');
  await expectError(await setCurrentDeck(api, 999), 404, 'Invalid deck ID');
  await expectError(await setCurrentDeck(api, 'abc'), 404, 'Invalid deck ID');
});

test('add_card files the card under the deck another session made current', async ({ sessions, target }) => {
  const { user, api: chooser } = await sessions.newWriter('cd');
  const writer = await sessions.login(user);
  const deck = await expectJson<DeckListItem>(await createDeck(chooser, 'Chosen Elsewhere'), 201);
  await expectJson(await setCurrentDeck(chooser, deck.id), 200);
  expect(readUserDb(target.dataDir, user.userId, (db) => collection(db).conf.curDeck)).toBe(Number(deck.id));

  const first = await expectJson<AddCardBody>(await addCard(writer, 'Where am I?', 'In the chosen deck'), 201);
  await expectJson(await setCurrentDeck(chooser, 2), 200);
  // Ids are whole seconds: the second add needs a second of its own.
  await nextSecondStart();
  const second = await expectJson<AddCardBody>(await addCard(writer, 'And now?', 'In Verbal Tenses'), 201);

  readUserDb(target.dataDir, user.userId, (db) => {
    expect(cardById(db, first.card_id)?.did).toBe(Number(deck.id));
    expect(cardById(db, second.card_id)?.did).toBe(2);
  });
});
