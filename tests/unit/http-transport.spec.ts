/**
 * The lean transport's cookie jar keeps cookies as a browser does for one host, and its
 * failures read as the history expects: a timeout is a timeout, a refused or cut connection
 * names what happened, and nothing is left waiting.
 */
import { test, expect } from '@playwright/test';
import { CookieJar } from '../../helpers/vu/cookie-jar.ts';
import { nodeTransport } from '../../helpers/vu/http-transport.ts';
import { ApiClient } from '../../helpers/vu/api-client.ts';
import type { Operation } from '../../helpers/history/operation.ts';
import { isTimeout } from '../../db/decision/generator-health.ts';
import { serveLoopback } from './support/loopback-server.ts';

const NOW = Date.parse('2026-12-01T12:00:00Z');

test('a cookie is replaced by name and path, sent to its path and below, and gone when deleted or expired', () => {
  const jar = new CookieJar('127.0.0.1');
  jar.store(['session=a1.sig; HttpOnly; Path=/; SameSite=Lax'], '/login', NOW);
  expect(jar.header('/decks?x=1', NOW)).toBe('session=a1.sig');
  jar.store(['session=b2.sig; Path=/'], '/login', NOW);
  expect(jar.header('/decks', NOW)).toBe('session=b2.sig');
  // Default path is the request's directory: /decks/1 sets a cookie for /decks only.
  jar.store(['pref=1'], '/decks/1', NOW);
  expect(jar.header('/decks/1/cards', NOW)).toBe('pref=1; session=b2.sig');
  expect(jar.header('/decksx', NOW)).toBe('session=b2.sig');
  // Flask deletes a session cookie with an expiry in 1970 and Max-Age=0.
  jar.store(['session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/'], '/logout', NOW);
  expect(jar.header('/review', NOW)).toBeNull();
  jar.store(['short=1; Max-Age=10; Path=/'], '/', NOW);
  expect(jar.header('/', NOW + 9_000)).toBe('short=1');
  expect(jar.header('/', NOW + 10_000)).toBeNull();
  // Max-Age wins over Expires.
  jar.store(['both=1; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/'], '/', NOW);
  expect(jar.header('/', NOW)).toBe('both=1');
});

test("a cookie for another domain is refused; one naming the server's own host is kept", () => {
  const jar = new CookieJar('127.0.0.1');
  jar.store(['evil=1; Domain=example.com; Path=/', 'own=1; Domain=127.0.0.1; Path=/', 'broken', '=novalue'], '/', NOW);
  expect(jar.header('/', NOW)).toBe('own=1');
});

async function oneCall(baseUrl: string, timeoutMs: number): Promise<Operation> {
  const ops: Operation[] = [];
  const transport = nodeTransport(baseUrl);
  try {
    await new ApiClient(transport, { runId: 'unit', scenario: 'writers', vu: 'w01', username: 'anna1x0', userId: 3 }, (op) => ops.push(op), timeoutMs).listDecks();
  } finally {
    await transport.close();
  }
  return ops[0]!;
}

test('no answer in time is recorded as a timeout, not as a refusal', async () => {
  const server = await serveLoopback(() => {
    // Never answers.
  });
  try {
    const op = await oneCall(server.baseUrl, 300);
    expect(op).toMatchObject({ status: null, outcome: 'info' });
    expect(op.error).toBe('timeout: Timeout 300ms exceeded');
    expect(isTimeout(op)).toBe(true);
    expect(op.returnedAt - op.sentAt).toBeGreaterThanOrEqual(290);
  } finally {
    await server.close();
  }
});

test('an answer cut mid-body and a refused connection are recorded with what happened, neither as a timeout', async () => {
  const server = await serveLoopback((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    res.write('[{"id"');
    setImmediate(() => res.socket?.destroy());
  });
  const cut = await oneCall(server.baseUrl, 5_000);
  await server.close();
  expect(cut).toMatchObject({ status: null, outcome: 'info' });
  expect(cut.error).toMatch(/socket hang up|aborted|ECONNRESET/);
  expect(isTimeout(cut)).toBe(false);

  const refused = await oneCall(server.baseUrl, 5_000);
  expect(refused).toMatchObject({ status: null, outcome: 'info' });
  expect(refused.error).toMatch(/ECONNREFUSED/);
  expect(isTimeout(refused)).toBe(false);
});
