/**
 * The session rules catch what they exist for, judged once, by the checker: a cookie
 * replaced without a login (and not a browser's requests overlapping its own login), an
 * answer after logout; a VU reports only the refusals its flow did not expect; the next add
 * waits for the next clock second; a VU whose session was forgotten logs in again without
 * echoing the fault into later requests. (Probes, 401s on a live session and where cards
 * landed: tests/unit/checker-classes.spec.ts.)
 */
import { test, expect } from '@playwright/test';
import { ApiClient } from '../../helpers/vu/api-client.ts';
import type { HttpTransport } from '../../helpers/vu/http-transport.ts';
import type { Operation } from '../../helpers/history/operation.ts';
import { isRejectedSession, unexplainedCookieChanges } from '../../helpers/history/session-rules.ts';
import { Deadline } from '../../helpers/vu/pacing.ts';
import { unexpectedRefusals } from '../../helpers/vu/sessions/refusals.ts';
import { untilNextSecond } from '../../helpers/vu/sessions/pacing.ts';
import { reloginOnRejection } from '../../helpers/vu/sessions/relogin.ts';
import { historyBuilder } from './support/history-builder.ts';
import { ALICE, T0, auditOf, baseUsers } from './support/checker-scenario.ts';
import { writeDataDir } from './support/anki-fixture.ts';

const p01 = { vu: 'p01', username: 'anna1x0', userId: 3 };

/** Requests of p01 sent 100 ms apart, each answered 20 ms after it was sent. */
function sequence(...steps: [Operation['op'], string | undefined][]) {
  const h = historyBuilder();
  steps.forEach(([kind, cookie], i) => h.op(p01, kind, { at: T0 + i * 100, ...(cookie === undefined ? { cookieFingerprint: undefined } : { cookieFingerprint: cookie }) }));
  return h.ops;
}

test('a cookie change without a login answered since the old cookie came into use is found; after a login, logout or register it is expected', () => {
  const ops = sequence(['register', undefined], ['login', undefined], ['list_decks', 'aaa'], ['login', 'aaa'], ['list_decks', 'bbb'], ['list_decks', 'ccc'], ['logout', 'ccc'], ['list_decks', 'ddd']);
  expect(unexplainedCookieChanges(ops).map((c) => [c.op.id, c.from, c.to])).toEqual([['p01#6', 'bbb', 'ccc']]);
});

test("a browser's request sent while its login was in flight still carries the old cookie: the next one's new cookie is explained", () => {
  const h = historyBuilder();
  h.op(p01, 'list_decks', { at: T0, cookieFingerprint: 'aaa' });
  h.op(p01, 'login', { at: T0 + 100, returnedAt: T0 + 400, cookieFingerprint: 'aaa' });
  h.op(p01, 'list_decks', { at: T0 + 200, cookieFingerprint: 'aaa' });
  h.op(p01, 'list_decks', { at: T0 + 500, cookieFingerprint: 'bbb' });
  expect(unexplainedCookieChanges(h.ops)).toEqual([]);
  // Two VUs never explain each other's cookies.
  h.op({ ...p01, vu: 'p02' }, 'list_decks', { at: T0 + 600, cookieFingerprint: 'xxx' });
  h.op({ ...p01, vu: 'p02' }, 'list_decks', { at: T0 + 700, cookieFingerprint: 'yyy' });
  expect(unexplainedCookieChanges(h.ops).map((c) => c.op.id)).toEqual(['p02#2']);
});

test('the checker judges a replaced cookie and an answer after logout as session-mismatch, naming the request', () => {
  const dir = test.info().outputPath('data');
  writeDataDir(dir, baseUsers());
  const h = historyBuilder();
  h.op(ALICE, 'list_decks', { at: T0, path: '/decks', cookieFingerprint: 'aaa' });
  h.op(ALICE, 'list_decks', { at: T0 + 100, path: '/decks', cookieFingerprint: 'bbb' });
  h.op(ALICE, 'logout', { at: T0 + 200, path: '/logout', method: 'POST', cookieFingerprint: 'bbb' });
  h.op(ALICE, 'list_decks', { at: T0 + 300, path: '/decks', sessionValid: false, body: [{ id: '1', name: 'MyFirstDeck' }] });
  const verdict = auditOf(dir, h.ops);
  expect(verdict.violations.map((v) => [v.class, v.opIds.join(' ')])).toEqual([
    ['session-mismatch', `${ALICE.vu}#2`],
    ['session-mismatch', `${ALICE.vu}#4`],
  ]);
  expect(verdict.violations[0]!.message).toContain('carried session cookie bbb where its previous requests carried aaa, with no register, login or logout answered in between');
  expect(verdict.violations[1]!.message).toContain('sent after its logout, was answered 200 as a logged-in user');
  // The history cannot say why: neither is blamed on a session file, as a 401 would be.
  expect(verdict.violations.map((v) => v.cause.kind)).toEqual(['unknown', 'unknown']);
  expect(verdict.violations[0]!.cause).toMatchObject({ missing: expect.stringContaining('Set-Cookie') as unknown as string });
});

test('a VU reports refused or unanswered requests, but not a 401 on a live session (the checker judges that) nor the 401 a logout must bring', () => {
  const h = historyBuilder();
  h.op(p01, 'login', { at: T0, status: 401, outcome: 'fail', sessionValid: false });
  h.op(p01, 'list_decks', { at: T0 + 10, status: 401, outcome: 'fail', sessionValid: true, path: '/decks' });
  h.op(p01, 'list_decks', { at: T0 + 20, status: 401, outcome: 'fail', sessionValid: false, path: '/decks' });
  h.add({ ...p01, seq: 1, deckId: '5', at: T0 + 30, outcome: 'fail', status: 500 });
  h.op(p01, 'list_decks', { at: T0 + 40, status: null, outcome: 'info', error: 'timeout', intent: { probeDeckName: 'Probe anna1x0 p01' } });
  expect(unexpectedRefusals(h.ops).map((op) => op.id)).toEqual(['p01#1', 'p01#4', 'p01#5']);
  expect(h.ops.filter(isRejectedSession).map((op) => op.id)).toEqual(['p01#2']);
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
    const transport: HttpTransport = {
      send: (method, path) => {
        sent.push(`${method} ${path}`);
        const login = path === '/login';
        const status = login ? 200 : (script.shift() ?? 200);
        const setCookies = login ? [`session=s${++logins}; Path=/`] : [];
        const body = status === 401 ? { error: 'Authentication required' } : login ? { user: { userId: 3, username: 'anna1x0', name: 'A' } } : [];
        return Promise.resolve({ status, contentType: 'application/json', date: undefined, setCookies, text: JSON.stringify(body) });
      },
      close: () => Promise.resolve(),
    };
    const ops: Operation[] = [];
    const client = new ApiClient(transport, { runId: 'unit', scenario: 'sessions', vu: 'p01', username: 'anna1x0', userId: 3 }, (op) => ops.push(op), 1_000);
    return { client, ops, sent };
  }

  test('a 401 on a valid session logs in again and redoes the request once', async () => {
    const { client, ops } = scriptedClient([401, 200]);
    await client.login('anna1x0', 'secret-password');
    const keep = reloginOnRejection(client, () => 'secret-password');
    const call = await keep(() => client.listDecks());
    expect(call.ok).toBe(true);
    expect(ops.map((op) => `${op.op} ${op.status}`)).toEqual(['login 200', 'list_decks 401', 'login 200', 'list_decks 200']);
    expect(ops.filter(isRejectedSession).map((op) => op.id)).toEqual(['p01#2']);
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
