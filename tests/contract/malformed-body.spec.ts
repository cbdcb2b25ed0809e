/**
 * A missing or non-JSON body on a route that reads JSON gets Flask's HTML 400 page,
 * not a JSON error. The client sends JSON; these are what a broken client would see.
 */
import { test } from './support/contract-fixture.ts';
import { expectBadRequestPage } from './support/responses.ts';

const JSON_ROUTES: [method: 'post' | 'put', path: string][] = [
  ['post', '/decks'],
  ['put', '/decks/current'],
  ['post', '/add_card'],
  ['post', '/answer'],
  ['put', '/cards/1'],
  ['put', '/decks/1/rename'],
];

// A Buffer is sent as is; a string would be JSON-encoded by Playwright into a valid JSON string.
const NOT_JSON = { headers: { 'content-type': 'application/json' }, data: Buffer.from('front=a&back=b') };

test('register and login answer the HTML 400 page to a missing or unparsable body', async ({ sessions }) => {
  const api = await sessions.anonymous();
  for (const path of ['/register', '/login']) {
    await test.step(`POST ${path}`, async () => {
      await expectBadRequestPage(await api.post(path));
      await expectBadRequestPage(await api.post(path, NOT_JSON));
    });
  }
});

test('every logged-in route that reads JSON answers the HTML 400 page to a missing or unparsable body', async ({ reader }) => {
  for (const [method, path] of JSON_ROUTES) {
    await test.step(`${method.toUpperCase()} ${path}`, async () => {
      await expectBadRequestPage(await reader.api[method](path));
      await expectBadRequestPage(await reader.api[method](path, NOT_JSON));
    });
  }
});
