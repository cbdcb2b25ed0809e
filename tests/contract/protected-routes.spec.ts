/**
 * Every route except register, login and logout answers 401 "Authentication required"
 * without a session — before it looks at the body, so no body is sent here.
 */
import { test } from './support/contract-fixture.ts';
import { expectError } from './support/responses.ts';

const PROTECTED: [method: 'get' | 'post' | 'put' | 'delete', path: string][] = [
  ['get', '/decks'],
  ['post', '/decks'],
  ['put', '/decks/current'],
  ['post', '/add_card'],
  ['get', '/review'],
  ['post', '/answer'],
  ['get', '/decks/1/stats'],
  ['get', '/decks/1/cards'],
  ['get', '/cards/1'],
  ['put', '/cards/1'],
  ['delete', '/cards/1'],
  ['delete', '/decks/1'],
  ['put', '/decks/1/rename'],
  ['get', '/export'],
];

test('every protected route answers 401 "Authentication required" without a session', async ({ sessions }) => {
  const api = await sessions.anonymous();
  for (const [method, path] of PROTECTED) {
    await test.step(`${method.toUpperCase()} ${path}`, async () => {
      await expectError(await api[method](path), 401, 'Authentication required');
    });
  }
});

test('a session ended by logout is refused on a protected route', async ({ sessions }) => {
  const { api } = await sessions.newUser('pr');
  await api.post('/logout');
  await expectError(await api.get('/review'), 401, 'Authentication required');
});
