/**
 * A session VU's own deck: made once more when the server answers 404 for the deck it has just
 * created (the deck-list race the checker judges as lost-deck), and only once.
 */
import { test, expect } from '@playwright/test';
import { nodeTransport } from '../../helpers/vu/http-transport.ts';
import { ApiClient } from '../../helpers/vu/api-client.ts';
import { setUpOwnDecks } from '../../helpers/vu/sessions/decks.ts';
import type { Relogin } from '../../helpers/vu/sessions/relogin.ts';
import type { Operation } from '../../helpers/history/operation.ts';
import { jsonHandler, serveLoopback, type LoopbackServer } from './support/loopback-server.ts';

/** A deck server that forgets the first `lose` work decks it creates, as a lost update would. */
function deckServer(lose: number): Promise<LoopbackServer> {
  const known = new Set<string>();
  let next = 1000;
  let lost = 0;
  return serveLoopback(
    jsonHandler((req, body, reply) => {
      const data = JSON.parse(body || '{}') as { name?: string; deckId?: string };
      if (req.method === 'POST' && req.url === '/decks') {
        const id = String(next++);
        const isWork = data.name?.startsWith('Deck ') === true;
        if (!(isWork && lost < lose)) known.add(id);
        else lost++;
        return reply(201, { id, name: data.name });
      }
      if (req.method === 'PUT' && req.url === '/decks/current') {
        return known.has(String(data.deckId)) ? reply(200, { message: 'Current deck updated successfully' }) : reply(404, { error: 'Invalid deck ID' });
      }
      reply(404, { error: 'Not found' });
    }),
  );
}

const passThrough: Relogin = (request) => request();

async function setUpAgainst(lose: number) {
  const server = await deckServer(lose);
  const transport = nodeTransport(server.baseUrl);
  const ops: Operation[] = [];
  try {
    const client = new ApiClient(transport, { runId: 'unit', scenario: 'sessions', vu: 'd01a', username: 'anna1x0', userId: 3 }, (op) => ops.push(op), 5_000);
    const decks = await setUpOwnDecks(client, 'd01a', passThrough);
    return { decks, ops };
  } finally {
    await transport.close();
    await server.close();
  }
}

test('a work deck the server answered 201 for and then did not know is made again, and the 404 is kept', async () => {
  const { decks, ops } = await setUpAgainst(1);
  expect(decks.failure).toBeNull();
  expect(decks.work).toEqual({ id: '1002', name: 'Deck d01a anna1x0 again' });
  expect(decks.remade).toBe('d01a#3 make "Deck d01a anna1x0" current: 404 {"error":"Invalid deck ID"}');
  expect(ops.map((o) => `${o.op} ${o.status}`)).toEqual(['create_deck 201', 'create_deck 201', 'set_current_deck 404', 'create_deck 201', 'set_current_deck 200']);
});

test('a work deck lost twice is a failure, after one second try', async () => {
  const { decks, ops } = await setUpAgainst(2);
  expect(decks.failure).toBe('d01a#5 make "Deck d01a anna1x0 again" current: 404 {"error":"Invalid deck ID"}');
  expect(ops.filter((o) => o.op === 'create_deck')).toHaveLength(3);
});

test('a deck made current at once is neither remade nor failed', async () => {
  const { decks } = await setUpAgainst(0);
  expect(decks).toMatchObject({ failure: null, remade: null, work: { id: '1001', name: 'Deck d01a anna1x0' } });
});
