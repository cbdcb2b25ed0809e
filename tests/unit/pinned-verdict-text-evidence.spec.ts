/**
 * The phrases every violation sentence is built from (db/evidence-text.ts), each pinned: how a
 * deck, a database and a card's place are named, what a response is called (including no
 * response and a server's JSON error), which bodies count as a server error, and how long a
 * quoted value may get, and the sentence a cause ends a violation with.
 */
import { test, expect } from '@playwright/test';
import { causeText, deckText, errorOf, locationsText, quoted, responseText } from '../../db/evidence-text.ts';
import type { CardLocation } from '../../db/verdict.ts';
import { aliceAdd } from './support/alice-add.ts';

const place = (over: Partial<CardLocation>): CardLocation => ({
  userId: 5,
  username: 'bob02',
  dbFile: 'user_5.db',
  cardId: 1795743683001,
  noteId: 1795743683000,
  deckId: '1',
  deckName: 'MyFirstDeck',
  front: 'front',
  back: 'back',
  ...over,
});

test('a deck whose id is unknown is "its current deck", whatever name came with it', () => {
  expect(deckText(undefined, 'History')).toBe('its current deck');
  expect(deckText(undefined, null)).toBe('its current deck');
  expect(deckText('1795743680526', 'History')).toBe('deck 1795743680526 (History)');
  expect(deckText('1795743680526', null)).toBe('deck 1795743680526');
});

test('several places of one card are named in order in one sentence, separated by semicolons', () => {
  const places = [place({}), place({ userId: 7, username: null, dbFile: 'user_7.db', cardId: 42, deckId: '9', deckName: null })];
  expect(locationsText(places)).toBe('user_5.db (bob02) as id 1795743683001 in deck 1 (MyFirstDeck); user_7.db as id 42 in deck 9');
  expect(locationsText([])).toBe('');
});

test('a request that got no response says so, with the client error when there was one', () => {
  expect(responseText(aliceAdd(0, 1, {}, { status: null, body: null, outcome: 'info', error: 'timeout' }))).toBe('no response (timeout)');
  expect(responseText(aliceAdd(0, 1, {}, { status: null, body: null, outcome: 'info' }))).toBe('no response');
});

test("a response is its status, with the server's JSON error, else the client's error, quoted after it", () => {
  expect(responseText(aliceAdd(0, 1, {}))).toBe('201');
  const refused = aliceAdd(0, 1, {}, { status: 500, body: { error: 'Database error occurred while adding card' }, outcome: 'fail', error: 'HTML 500 page' });
  expect(responseText(refused)).toBe('500 "Database error occurred while adding card"');
  expect(responseText(aliceAdd(0, 1, {}, { status: 502, body: '<html>Bad Gateway</html>', outcome: 'info', error: 'HTML 502 page' }))).toBe('502 "HTML 502 page"');
  // An `error` field that is not text is no error message: the client's error stands.
  expect(responseText(aliceAdd(0, 1, {}, { status: 500, body: { error: { code: 7 } }, outcome: 'fail', error: 'no JSON error text' }))).toBe('500 "no JSON error text"');
});

test('only a JSON object with a text `error` field is a server error; text, null and other objects are not', () => {
  expect(errorOf({ error: 'Card not found' })).toBe('Card not found');
  expect(errorOf({ error: 42 })).toBeUndefined();
  expect(errorOf({ card_id: 17 })).toBeUndefined();
  expect(errorOf(null)).toBeUndefined();
  expect(errorOf('{"error": "not parsed"}')).toBeUndefined();
  expect(errorOf(500)).toBeUndefined();
});

test('a quoted value keeps up to its limit of characters; a longer one is cut to the limit, ending in an ellipsis', () => {
  const sixty = 'a'.repeat(60);
  expect(quoted(sixty)).toBe(`"${sixty}"`);
  expect(quoted(`${sixty}b`)).toBe(`"${'a'.repeat(59)}…"`);
  expect(quoted('abcdef', 4)).toBe('"abc…"');
  expect(quoted('abcd', 4)).toBe('"abcd"');
  expect(quoted('say "hi"')).toBe('"say \\"hi\\""');
});

test('a violation ends with its decided cause and kind, or says what evidence was missing — never a guess', () => {
  expect(causeText({ kind: 'write-not-kept', text: 'the server answered 201 but no database holds the row', opIds: [] })).toBe(
    'Cause (write-not-kept): the server answered 201 but no database holds the row.',
  );
  expect(causeText({ kind: 'unknown', missing: 'a server log with the request' })).toBe('Cause unknown — missing: a server log with the request.');
});
