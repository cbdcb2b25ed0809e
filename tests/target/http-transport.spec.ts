/**
 * The two transports a VU can send through (Node's http with a cookie jar, Playwright's
 * APIRequestContext) record the same history against the embedded target: the same
 * statuses, outcomes, bodies and session cookies, a user's session kept across requests
 * and gone after logout, each user only ever seeing its own deck.
 */
import type { APIRequest } from '@playwright/test';
import { ApiClient } from '../../helpers/vu/api-client.ts';
import { openTransport, type HttpTransport, type TransportKind } from '../../helpers/vu/http-transport.ts';
import type { Operation } from '../../helpers/history/operation.ts';
import type { RunningTarget } from '../../embedded-server/start.ts';
import { expect, test } from './support/target-fixture.ts';

const PASSWORD = 'password123';

/** What of an operation must not depend on the transport (ids, times, names and card ids do). */
function shape(op: Operation): Record<string, unknown> {
  const body = op.body;
  const bodyShape = Array.isArray(body) ? `array of ${body.length}` : body !== null && typeof body === 'object' ? Object.keys(body).sort().join(',') : typeof body;
  return { op: op.op, method: op.method, status: op.status, outcome: op.outcome, error: op.error ?? null, body: bodyShape, cookie: op.cookieFingerprint !== undefined, sessionValid: op.sessionValid };
}

/** One user's life through one transport: register, log in, use the session, log out, be refused. */
async function playOneUser(kind: TransportKind, request: APIRequest, target: RunningTarget, username: string): Promise<{ ops: Operation[]; cookies: Set<string> }> {
  const ops: Operation[] = [];
  const transport: HttpTransport = await openTransport(kind, request, target.baseUrl);
  try {
    const api = new ApiClient(transport, { runId: 'transport', scenario: 'writers', vu: kind, username, userId: null }, (op) => ops.push(op), 5_000);
    expect((await api.register(username, `Name of ${username}`, PASSWORD)).status).toBe(201);
    expect((await api.listDecks()).status, 'no session before login').toBe(401);
    expect((await api.login(username, 'wrong-password')).status).toBe(401);
    expect((await api.login(username, PASSWORD)).status).toBe(200);
    const decks = await api.listDecks();
    expect(decks.status).toBe(200);
    const deck = decks.json!.find((d) => d.name === 'Verbal Tenses')!;
    expect((await api.setCurrentDeck(deck.id, deck.name)).status).toBe(200);
    expect((await api.getReview({ deckName: deck.name })).status).toBe(200);
    const cards = await api.deckCards(deck.id, 1, 5);
    expect(cards.status).toBe(200);
    expect((await api.send('add_card', 'POST', '/add_card', { front: '' }, { marker: 'none' })).status, 'a malformed add is refused').toBe(400);
    expect((await api.logout()).status).toBe(200);
    expect((await api.listDecks()).status, 'no session after logout').toBe(401);
    return { ops, cookies: new Set(ops.map((op) => op.cookieFingerprint).filter((c): c is string => c !== undefined)) };
  } finally {
    await transport.close();
  }
}

test('Node http and Playwright APIRequestContext record the same history for the same calls', async ({ launch, playwright }) => {
  const target = await launch({ workers: 3 });
  const viaNode = await playOneUser('node', playwright.request, target, 'tnode');
  const viaPlaywright = await playOneUser('playwright', playwright.request, target, 'tplay');
  expect(viaNode.ops.map(shape)).toEqual(viaPlaywright.ops.map(shape));
  expect(viaNode.ops).toHaveLength(11);
  // Each user got its own session cookie; neither ever sent the other's.
  expect(viaNode.cookies.size).toBeGreaterThan(0);
  for (const c of viaNode.cookies) expect(viaPlaywright.cookies.has(c)).toBe(false);
});
