/**
 * The session VUs' own judges catch what they exist for: a 401 on a valid session, a probe
 * seeing another user or missing its own deck, a cookie changing without login, an answer
 * after logout, a burst whose session drifted, and a card filed under another deck — with
 * the other device's deck switch named when the history has one — and a VU whose session
 * was forgotten logs in again without echoing the fault into later requests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, type APIRequestContext } from '@playwright/test';
import { ApiClient } from '../../vu/api-client.ts';
import type { Operation } from '../../history/operation.ts';
import { Deadline } from '../../vu/pacing.ts';
import type { PoolUser } from '../../run/run-dir.ts';
import { burstFindings } from '../../vu/sessions/burst.ts';
import { cardPlacementFindings } from '../../vu/sessions/card-check.ts';
import { answeredAfterLogout, findingText, probeMismatches, rejectedValidSessions, sessionFindings, unexpectedRefusals, unexplainedCookieChanges } from '../../vu/sessions/expectations.ts';
import { untilNextSecond } from '../../vu/sessions/pacing.ts';
import { reloginOnRejection } from '../../vu/sessions/relogin.ts';
import { writeDataDir } from './support/anki-fixture.ts';
import { historyBuilder } from './support/history-builder.ts';

const T0 = 1_790_000_000_000;
const p01 = { vu: 'p01', username: 'anna1x0', userId: 3 };
const decks = (...names: string[]) => names.map((name, i) => ({ id: String(i + 1), name }));
const probe = (body: unknown, at: number, extra: Partial<Operation> = {}) => ({
  at,
  method: 'GET',
  path: '/decks',
  body,
  intent: { probeDeckName: 'Probe anna1x0 p01' },
  ...extra,
});

test('a 401 on a valid session is a finding; a 401 after logout or on a bad login is not', () => {
  const h = historyBuilder();
  h.op(p01, 'login', { at: T0, status: 401, outcome: 'fail', sessionValid: false });
  h.op(p01, 'list_decks', { at: T0 + 10, status: 401, outcome: 'fail', sessionValid: true, path: '/decks' });
  h.op(p01, 'list_decks', { at: T0 + 20, status: 401, outcome: 'fail', sessionValid: false, path: '/decks' });
  const found = rejectedValidSessions(h.ops);
  expect(found.map((f) => f.opId)).toEqual(['p01#2']);
  expect(findingText(found[0]!)).toBe(
    `p01 (anna1x0) p01#2 GET /decks at ${new Date(T0 + 10).toISOString().slice(11, 23)}, cookie cookie-p01: answered 401 though the session was valid (logged in, not logged out)`,
  );
  expect(unexpectedRefusals(h.ops).map((op) => op.id)).toEqual(['p01#1']);
});

test("a probe seeing another user's probe deck, or missing its own once created, is a finding", () => {
  const h = historyBuilder();
  h.op(p01, 'list_decks', probe(decks('MyFirstDeck', 'Verbal Tenses'), T0));
  h.op(p01, 'create_deck', { at: T0 + 100, status: 201, intent: { deckName: 'Probe anna1x0 p01' } });
  h.op(p01, 'list_decks', probe(decks('MyFirstDeck', 'Probe anna1x0 p01', 'Verbal Tenses'), T0 + 200));
  h.op(p01, 'list_decks', probe(decks('MyFirstDeck', 'Probe bob2x1 p02', 'Verbal Tenses'), T0 + 300));
  h.op(p01, 'list_decks', probe({ error: 'boom' }, T0 + 400, { status: 500, outcome: 'fail' }));
  const found = probeMismatches(h.ops);
  expect(found.map((f) => [f.opId, f.problem])).toEqual([
    ['p01#4', `saw another user's probe deck "Probe bob2x1 p02" and did not see its own probe deck "Probe anna1x0 p01" — the session served another user's data`],
    ['p01#5', 'identity probe answered 500: whose data the session serves is unknown'],
  ]);
});

test("the other device's probe deck is the same user's: not a stranger", () => {
  const h = historyBuilder();
  h.op(p01, 'create_deck', { at: T0, status: 201, intent: { deckName: 'Probe anna1x0 p01' } });
  h.op(p01, 'list_decks', probe(decks('Probe anna1x0 p01', 'Probe anna1x0 p01b'), T0 + 100));
  expect(probeMismatches(h.ops)).toEqual([]);
});

test('a cookie change without login is a finding; after a login it is expected', () => {
  const h = historyBuilder();
  h.op(p01, 'list_decks', { at: T0, cookieFingerprint: 'aaa' });
  h.op(p01, 'login', { at: T0 + 10, cookieFingerprint: 'aaa' });
  h.op(p01, 'list_decks', { at: T0 + 20, cookieFingerprint: 'bbb' });
  h.op(p01, 'list_decks', { at: T0 + 30, cookieFingerprint: 'ccc' });
  expect(unexplainedCookieChanges(h.ops).map((f) => [f.opId, f.problem])).toEqual([['p01#4', 'session cookie changed from bbb to ccc without a login or logout']]);
});

test('a request answered as logged in after logout is a finding', () => {
  const h = historyBuilder();
  h.op(p01, 'logout', { at: T0, sessionValid: true });
  h.op(p01, 'list_decks', { at: T0 + 10, sessionValid: false, body: decks('MyFirstDeck') });
  expect(answeredAfterLogout(h.ops).map((f) => f.opId)).toEqual(['p01#2']);
  expect(sessionFindings(h.ops).map((f) => f.opId)).toEqual(['p01#2']);
});

test('a burst whose cookie drifts or whose stats lose the deck is a finding; a steady burst is clean', () => {
  const steady = historyBuilder();
  for (let i = 0; i < 3; i++) steady.op(p01, 'list_decks', probe(decks('Probe anna1x0 p01'), T0 + i, { cookieFingerprint: 'aaa' }));
  steady.op(p01, 'deck_stats', { at: T0 + 5, cookieFingerprint: 'aaa' });
  expect(burstFindings(steady.ops)).toEqual([]);

  const drifting = historyBuilder();
  drifting.op(p01, 'list_decks', probe(decks('Probe anna1x0 p01'), T0, { cookieFingerprint: 'aaa' }));
  drifting.op(p01, 'deck_stats', { at: T0 + 1, cookieFingerprint: 'aaa', status: 404, outcome: 'fail', path: '/decks/9/stats' });
  drifting.op(p01, 'list_decks', probe(decks('Probe anna1x0 p01'), T0 + 2, { cookieFingerprint: 'bbb' }));
  expect(burstFindings(drifting.ops).map((f) => [f.opId, f.problem])).toEqual([
    ['p01#2', 'stats of its own probe deck answered 404 — the session no longer sees its own deck'],
    ['p01#3', 'session cookie changed from aaa to bbb during the burst'],
  ]);
});

test('a 401 after logout is expected; a refused add is not', () => {
  const h = historyBuilder();
  h.op(p01, 'list_decks', { at: T0, status: 401, outcome: 'fail', sessionValid: false, path: '/decks' });
  h.add({ ...p01, seq: 1, deckId: '5', at: T0 + 10, outcome: 'fail' });
  expect(unexpectedRefusals(h.ops).map((op) => op.id)).toEqual(['p01#2']);
});

test.describe('where the cards of a session VU landed', () => {
  const d01a = { vu: 'd01a', username: 'dora1x5', userId: 7 };
  const d01b = { vu: 'd01b', username: 'dora1x5', userId: 7 };
  const other = { vu: 'p02', username: 'eve1x6', userId: 8 };
  const pool = (u: typeof d01a): PoolUser => ({ vu: u.vu, username: u.username, name: u.username, userId: u.userId, registeredSentAt: T0, registeredReturnedAt: T0 });
  let dataDir: string;

  test.beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-cards-'));
  });

  test.afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function twoDeviceHistory(withSwitch: boolean) {
    const h = historyBuilder();
    h.op(d01a, 'set_current_deck', { at: T0, path: '/decks/current', method: 'PUT', intent: { deckId: '1790000000001', deckName: 'Deck d01a' } });
    if (withSwitch) h.op(d01b, 'set_current_deck', { at: T0 + 300, path: '/decks/current', method: 'PUT', intent: { deckId: '2', deckName: 'Verbal Tenses' } });
    const inOwn = h.add({ ...d01a, seq: 1, deckId: '1790000000001', deckName: 'Deck d01a', at: T0 + 100 });
    const misfiled = h.add({ ...d01a, seq: 2, deckId: '1790000000001', deckName: 'Deck d01a', at: T0 + 1_500 });
    writeDataDir(dataDir, [
      {
        ...d01a,
        decks: { '1790000000001': 'Deck d01a' },
        cards: [
          { cardId: 1_790_000_000_001, deckId: '1790000000001', front: inOwn.card.front, back: inOwn.card.back },
          { cardId: 1_790_000_001_001, deckId: '2', front: misfiled.card.front, back: misfiled.card.back },
        ],
      },
    ]);
    return h;
  }

  test("a card filed under the deck the other device made current names that device's switch", () => {
    const h = twoDeviceHistory(true);
    const mine = h.ops.filter((op) => op.vu === 'd01a');
    const found = cardPlacementFindings({ dataDir, users: [pool(d01a)], pool: [pool(d01a)], ops: mine, history: () => h.ops });
    expect(found).toHaveLength(1);
    expect(found[0]!.opId).toBe('d01a#3');
    expect(found[0]!.problem).toContain('landed in deck 2 (Verbal Tenses), not in deck 1790000000001 (Deck d01a) it chose');
    expect(found[0]!.problem).toContain("another session of the same user made deck 2 current after this session's own switch d01a#1 to deck 1790000000001");
    expect(found[0]!.problem).toContain('d01b#1 at ');
    expect(found[0]!.problem).toContain('cookie cookie-d01b');
  });

  test('a card filed under another deck with no switch by another session blames the server', () => {
    const h = twoDeviceHistory(false);
    const found = cardPlacementFindings({ dataDir, users: [pool(d01a)], pool: [pool(d01a)], ops: h.ops, history: () => h.ops });
    expect(found.map((f) => f.problem)).toEqual([expect.stringContaining('no other session of dora1x5 made that deck current') as unknown as string]);
  });

  test("a card in another user's database (found though the VU never played that user), or in none, is a finding; a card in place is not", () => {
    const h = historyBuilder();
    const placed = h.add({ ...p01, seq: 1, deckId: '1', at: T0 });
    const strayed = h.add({ ...p01, seq: 2, deckId: '1', at: T0 + 1_000 });
    h.add({ ...p01, seq: 3, deckId: '1', at: T0 + 2_000 });
    writeDataDir(dataDir, [
      { ...p01, cards: [{ cardId: 11, deckId: '1', front: placed.card.front, back: placed.card.back }] },
      { ...other, cards: [{ cardId: 12, deckId: '1', front: strayed.card.front, back: strayed.card.back }] },
    ]);
    const found = cardPlacementFindings({ dataDir, users: [pool(p01)], pool: [pool(p01), pool(other)], ops: h.ops, history: () => h.ops });
    expect(found.map((f) => [f.opId, f.problem])).toEqual([
      ['p01#2', "acknowledged card anna1x0_2 of anna1x0 landed in eve1x6's database user_8.db"],
      ['p01#3', 'acknowledged card anna1x0_3 of anna1x0 is in no database'],
    ]);
  });
});

test('the next add of a user waits for the next clock second, and only then', async () => {
  // An injected clock and sleep: the waits asked for are exact, and the test sleeps not at all.
  const lastAdd = 1_800_000_000_900;
  const slept: number[] = [];
  const sleep = (ms: number): Promise<void> => {
    slept.push(ms);
    return Promise.resolve();
  };
  const deadline = Deadline.after(5_000);
  // "Now" is the moment of the last add, 100 ms before the next second: wait exactly that long.
  await untilNextSecond(lastAdd, deadline, () => lastAdd, sleep);
  // The last add was two seconds ago: no wait.
  await untilNextSecond(lastAdd - 2_000, deadline, () => lastAdd, sleep);
  // No add yet: no wait.
  await untilNextSecond(undefined, deadline, () => lastAdd, sleep);
  expect(slept).toEqual([100]);
});

test.describe('logging in again after a forgotten session', () => {
  /** A stand-in server: answers each request from a script, `session=<n>` cookie on every login. */
  function scriptedClient(script: number[]) {
    const sent: string[] = [];
    let logins = 0;
    const request = {
      fetch: (path: string, options: { method: string }) => {
        sent.push(`${options.method} ${path}`);
        const login = path === '/login';
        const status = login ? 200 : (script.shift() ?? 200);
        const cookie = login ? [{ name: 'set-cookie', value: `session=s${++logins}; Path=/` }] : [];
        const body = status === 401 ? { error: 'Authentication required' } : login ? { user: { userId: 3, username: 'anna1x0', name: 'A' } } : [];
        return Promise.resolve({ status: () => status, headersArray: () => cookie, headers: () => ({ 'content-type': 'application/json' }), text: () => Promise.resolve(JSON.stringify(body)) });
      },
    } as unknown as APIRequestContext;
    const ops: Operation[] = [];
    const client = new ApiClient(request, { runId: 'unit', scenario: 'sessions', vu: 'p01', username: 'anna1x0', userId: 3 }, (op) => ops.push(op), 1_000);
    return { client, ops, sent };
  }

  test('a 401 on a valid session logs in again and redoes the request once', async () => {
    const { client, ops } = scriptedClient([401, 200]);
    await client.login('anna1x0', 'secret-password');
    const keep = reloginOnRejection(client, () => 'secret-password');
    const call = await keep(() => client.listDecks());
    expect(call.ok).toBe(true);
    expect(ops.map((op) => `${op.op} ${op.status}`)).toEqual(['login 200', 'list_decks 401', 'login 200', 'list_decks 200']);
    expect(rejectedValidSessions(ops).map((f) => f.opId)).toEqual(['p01#2']);
  });

  test('forgotten again on the retry: one more login, so the next request meets no dropped session', async () => {
    const { client, ops } = scriptedClient([401, 401, 200]);
    await client.login('anna1x0', 'secret-password');
    const keep = reloginOnRejection(client, () => 'secret-password');
    await keep(() => client.listDecks());
    await keep(() => client.listDecks());
    expect(ops.map((op) => `${op.op} ${op.status}`)).toEqual(['login 200', 'list_decks 401', 'login 200', 'list_decks 401', 'login 200', 'list_decks 200']);
  });

  test('an answer is not redone: the card it needs belonged to the lost session', async () => {
    const { client, ops } = scriptedClient([401]);
    await client.login('anna1x0', 'secret-password');
    const keep = reloginOnRejection(client, () => 'secret-password');
    const call = await keep(() => client.answer(5, 3), false);
    expect(call.status).toBe(401);
    expect(ops.map((op) => op.op)).toEqual(['login', 'answer', 'login']);
  });
});
