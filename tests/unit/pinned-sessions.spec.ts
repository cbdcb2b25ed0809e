/**
 * The rules behind a session-mismatch's cause, each pinned at the edge where the cause turns:
 * a 401 on a valid session (refused once, an abandoned logout served late, the session folder's
 * count, a login on the same cookie) and a probe that saw another user's deck.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { Operation } from '../../helpers/history/operation.ts';
import type { Verdict, Violation } from '../../db/verdict.ts';
import { SESSION_DIR } from '../../db/session-files.ts';
import { ALICE, BOB, T0, causeWorld, judgeWorld, onlyViolation, type CauseWorld, type LineSpec } from './support/cause-world.ts';

/** A second VU of bob02 (cookie-w05) whose first request is the refused one: no earlier acceptance of its cookie. */
const BOB5 = { ...BOB, vu: 'w05' };
const DENIED = { status: 401, outcome: 'fail', body: { error: 'Authentication required' } } as const;

/** A 401 on GET /decks sent with a valid session. */
function refuse(world: CauseWorld, who = BOB, at = T0 + 9000, fields: Partial<Operation> = {}): Operation {
  return world.h.op(who, 'list_decks', { at, path: '/decks', ...DENIED, ...fields });
}

/** A GET /decks answered as logged in. */
function accepted(world: CauseWorld, who: typeof BOB, at: number, fields: Partial<Operation> = {}): Operation {
  return world.h.op(who, 'list_decks', { at, path: '/decks', body: [], ...fields });
}

/** A logout the client gave up on (timed out): it may have ended the session at any time after `at`. */
function abandonedLogout(world: CauseWorld, who: typeof BOB, at: number): Operation {
  return world.h.op(who, 'logout', { at, method: 'POST', path: '/logout', status: null, outcome: 'info', body: null, error: 'timeout' });
}

function login(world: CauseWorld, who: typeof BOB, at: number, fields: Partial<Operation> = {}): Operation {
  return world.h.op(who, 'login', { at, method: 'POST', path: '/login', ...fields });
}

/** `n` session files of `username` in the data directory's session folder. */
function sessionFiles(world: CauseWorld, username: string, n: number, prefix = username): void {
  const dir = path.join(world.dir, SESSION_DIR);
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(dir, `${prefix}-${i}`), JSON.stringify({ username }));
}

/** The violation about `op` (first of its opIds). */
function violationOf(verdict: Verdict, op: Operation): Violation {
  const found = verdict.violations.find((v) => v.opIds[0] === op.id);
  expect(found, verdict.violations.map((v) => v.message).join('\n')).toBeDefined();
  return found!;
}

test.describe('a 401 refused once: the same cookie accepted before and after it, with no login between', () => {
  test('a request without a cookie fingerprint is never "the same cookie"', () => {
    const world = causeWorld();
    refuse(world, BOB5, T0 + 9000, { cookieFingerprint: undefined });
    accepted(world, BOB5, T0 + 8000, { cookieFingerprint: undefined });
    accepted(world, BOB5, T0 + 9500, { cookieFingerprint: undefined });
    expect(onlyViolation(judgeWorld(world), 'session-mismatch').cause.kind).not.toBe('live-session-refused');
  });

  test("another VU's acceptance of the same cookie before the 401 is not this VU's session in use", () => {
    const world = causeWorld();
    accepted(world, { ...BOB, vu: 'w06' }, T0 + 8000, { cookieFingerprint: 'cookie-w05' });
    refuse(world, BOB5);
    accepted(world, BOB5, T0 + 9500);
    expect(onlyViolation(judgeWorld(world), 'session-mismatch').cause.kind).not.toBe('live-session-refused');
  });

  test('the acceptance after the 401 must carry the refused cookie', () => {
    const world = causeWorld();
    const first = refuse(world);
    accepted(world, BOB, T0 + 9500, { cookieFingerprint: 'cookie-other' });
    expect(violationOf(judgeWorld(world), first).cause.kind).not.toBe('live-session-refused');
  });

  test('a request refused for another reason, answered without a session flag, or a login is not an acceptance of the cookie', () => {
    for (const [name, before] of [
      ['refused', { status: 400, outcome: 'fail', body: { error: 'Card not found' } }],
      ['unflagged', { sessionValid: undefined }],
    ] as const) {
      const world = causeWorld(name);
      accepted(world, BOB5, T0 + 8000, before);
      refuse(world, BOB5);
      accepted(world, BOB5, T0 + 9500);
      expect(onlyViolation(judgeWorld(world), 'session-mismatch').cause.kind, name).not.toBe('live-session-refused');
    }
    const world = causeWorld('login');
    login(world, BOB5, T0 + 8000);
    refuse(world, BOB5);
    accepted(world, BOB5, T0 + 9500);
    expect(onlyViolation(judgeWorld(world), 'session-mismatch').cause.kind).not.toBe('live-session-refused');
  });

  test('an acceptance that returned as the 401 was sent, and one sent as the 401 returned, bracket it', () => {
    const world = causeWorld();
    const before = accepted(world, BOB5, T0 + 8980);
    const refused = refuse(world, BOB5);
    const after = accepted(world, BOB5, refused.returnedAt);
    expect(onlyViolation(judgeWorld(world), 'session-mismatch').cause).toMatchObject({ kind: 'live-session-refused', opIds: [before.id, after.id] });
  });

  test('the acceptance named before the 401 is the last one', () => {
    const world = causeWorld();
    accepted(world, BOB5, T0 + 6000);
    accepted(world, BOB5, T0 + 7000);
    const last = accepted(world, BOB5, T0 + 8000);
    refuse(world, BOB5);
    const after = accepted(world, BOB5, T0 + 9500);
    const cause = onlyViolation(judgeWorld(world), 'session-mismatch').cause;
    expect(cause).toMatchObject({ kind: 'live-session-refused', opIds: [last.id, after.id] });
    expect(cause.kind === 'live-session-refused' && cause.text).toContain(`the same cookie (cookie-w05) was accepted by ${last.id} (GET /decks, 200 at `);
  });

  test('a register of this VU between the 401 and the next acceptance starts another session: not refused once', () => {
    const world = causeWorld();
    accepted(world, BOB5, T0 + 8000);
    refuse(world, BOB5);
    world.h.op(BOB5, 'register', { at: T0 + 9200, method: 'POST', path: '/register' });
    accepted(world, BOB5, T0 + 9500);
    expect(onlyViolation(judgeWorld(world), 'session-mismatch').cause.kind).not.toBe('live-session-refused');
  });

  test("another VU's login between the 401 and the next acceptance does not renew this VU's session", () => {
    const world = causeWorld();
    accepted(world, BOB5, T0 + 8000);
    refuse(world, BOB5);
    login(world, ALICE, T0 + 9200);
    accepted(world, BOB5, T0 + 9500);
    expect(onlyViolation(judgeWorld(world), 'session-mismatch').cause.kind).toBe('live-session-refused');
  });

  test('the requests after the 401 are taken in send order, not in the order the history lists them', () => {
    const world = causeWorld();
    accepted(world, BOB5, T0 + 8000);
    refuse(world, BOB5);
    accepted(world, BOB5, T0 + 9500);
    login(world, BOB5, T0 + 9200); // sent before the acceptance, recorded after it
    expect(onlyViolation(judgeWorld(world), 'session-mismatch').cause.kind).not.toBe('live-session-refused');
  });
});

test.describe("a 401 after the VU's own logout, given up on: the logout may have ended the session late", () => {
  /** bob02 (w02) gives up on a logout (T0+8 s, 40 ms), logs in (T0+8.1 s, back at +8.12 s), is refused at T0+9 s. */
  function lateWorld(name?: string, withLogin = true): { world: CauseWorld; logout: Operation } {
    const world = causeWorld(name);
    const logout = abandonedLogout(world, BOB, T0 + 8000);
    logout.returnedAt = T0 + 8040;
    if (withLogin) login(world, BOB, T0 + 8100);
    refuse(world);
    return { world, logout };
  }
  const line = (at: number, message = 'request method=POST path=/logout status=200 duration_ms=5.0 user=2'): LineSpec => ({ at, pid: 7, message });

  /** No violation: one applied-late logout, dated by the log line at `at` (null: undated). */
  function expectExcused(verdict: Verdict, logout: Operation, at: number | null): void {
    expect(verdict.violations.map((v) => v.message)).toEqual([]);
    expect(verdict.observations.find((o) => o.kind === 'applied-late')?.evidence).toMatchObject({ request: 'logout', opIds: [logout.id], effects: [{ opId: logout.id, at }] });
  }

  test('without a log the logout may have been served any time: it explains the 401, undated', () => {
    const { world, logout } = lateWorld();
    expectExcused(judgeWorld(world), logout, null);
  });

  test('with a log that holds no logout line of the user, it explains the 401, undated', () => {
    const { world, logout } = lateWorld();
    expectExcused(judgeWorld(world, [line(T0 + 8500, 'request method=GET path=/decks status=200 duration_ms=5.0 user=1')]), logout, null);
  });

  test('with no login since, a logout line served after it was sent dates it', () => {
    const { world, logout } = lateWorld(undefined, false);
    expectExcused(judgeWorld(world, [line(T0 + 8500)]), logout, T0 + 8500);
  });

  test('a logout line written as the login returned counts as served after the login', () => {
    const { world, logout } = lateWorld();
    expectExcused(judgeWorld(world, [line(T0 + 8120)]), logout, T0 + 8120);
  });

  test('a logout line served before the login returned ends the old session: the 401 stays a violation', () => {
    const { world } = lateWorld();
    expect(onlyViolation(judgeWorld(world, [line(T0 + 8050)]), 'session-mismatch').cause.kind).toBe('unknown');
    // Written as the logout was sent: it is that logout's line, served before the login.
    expect(onlyViolation(judgeWorld(world, [line(T0 + 8000)]), 'session-mismatch').cause.kind).toBe('unknown');
  });

  test("lines that are not a served logout of the user's are not the logout's: a line of another request, a refused or unreadable status, a line from before it was sent", () => {
    for (const [name, spec] of [
      ['other request', line(T0 + 8050, 'request method=GET path=/decks status=200 duration_ms=5.0 user=2')],
      ['not a request', line(T0 + 8050, 'User 2 (bob02) opened the deck list')],
      ['refused', line(T0 + 8050, 'request method=POST path=/logout status=400 duration_ms=5.0 user=2')],
      ['unreadable status', line(T0 + 8050, 'request method=POST path=/logout status=- duration_ms=5.0 user=2')],
      ['before it was sent', line(T0 + 7950)],
    ] as const) {
      const { world, logout } = lateWorld(name);
      expectExcused(judgeWorld(world, [spec]), logout, null);
    }
  });

  test('only a logout given up on counts, and only one sent before the last login returned, by this VU, before the 401', () => {
    // Acknowledged: the session it ended is the one before the login.
    const acked = causeWorld('acked');
    acked.h.op(BOB, 'logout', { at: T0 + 8000, method: 'POST', path: '/logout' });
    login(acked, BOB, T0 + 8100);
    refuse(acked);
    expect(onlyViolation(judgeWorld(acked), 'session-mismatch').cause.kind).toBe('unknown');
    // Another request given up on is no logout.
    const add = causeWorld('add');
    add.h.op(BOB, 'add_card', { at: T0 + 8000, method: 'POST', path: '/add_card', status: null, outcome: 'info', body: null, error: 'timeout' });
    refuse(add);
    expect(onlyViolation(judgeWorld(add), 'session-mismatch').cause.kind).toBe('unknown');
    // Sent after the last login returned.
    const afterLogin = causeWorld('after-login');
    login(afterLogin, BOB, T0 + 7000);
    abandonedLogout(afterLogin, BOB, T0 + 8000);
    refuse(afterLogin);
    expect(onlyViolation(judgeWorld(afterLogin), 'session-mismatch').cause.kind).toBe('unknown');
    // Sent as the last login returned: after it.
    const asReturned = causeWorld('as-login-returned');
    login(asReturned, BOB, T0 + 7980);
    abandonedLogout(asReturned, BOB, T0 + 8000);
    refuse(asReturned);
    expect(onlyViolation(judgeWorld(asReturned), 'session-mismatch').cause.kind).toBe('unknown');
    // Another VU's.
    const other = causeWorld('other-vu');
    abandonedLogout(other, { ...BOB, vu: 'd02' }, T0 + 8000);
    refuse(other);
    expect(onlyViolation(judgeWorld(other), 'session-mismatch').cause.kind).toBe('unknown');
    // Sent with the 401, not before it.
    const same = causeWorld('same-instant');
    abandonedLogout(same, BOB, T0 + 9000);
    refuse(same);
    expect(onlyViolation(judgeWorld(same), 'session-mismatch').cause.kind).toBe('unknown');
  });

  test('a login that failed or a request answered since the logout is not the login that started the refused session', () => {
    for (const [name, since] of [
      ['failed login', { op: 'login', method: 'POST', path: '/login', status: 401, outcome: 'fail' }],
      ['accepted list', { op: 'list_decks', path: '/decks' }],
    ] as const) {
      const world = causeWorld(name);
      const logout = abandonedLogout(world, BOB, T0 + 8000);
      logout.returnedAt = T0 + 8040;
      world.h.op(BOB, since.op, { at: T0 + 8100, ...since });
      refuse(world);
      expectExcused(judgeWorld(world, [line(T0 + 8060)]), logout, T0 + 8060);
    }
  });

  test("a logout line another device of the user was in flight for (100 ms slack) is that device's, not this logout's", () => {
    const otherDevice = (world: CauseWorld, sentAt: number, returnedAt: number) => {
      const op = world.h.op({ ...BOB, vu: 'd02' }, 'logout', { at: sentAt, method: 'POST', path: '/logout', cookieFingerprint: 'cookie-d02' });
      op.returnedAt = returnedAt;
    };
    // The line at T0+8050 lies in the slack of the other device's flight, at either edge.
    for (const [name, sentAt, returnedAt] of [
      ['starts 100 ms after', T0 + 8150, T0 + 8170],
      ['ended 100 ms before', T0 + 7900, T0 + 7950],
    ] as const) {
      const { world, logout } = lateWorld(name);
      otherDevice(world, sentAt, returnedAt);
      expectExcused(judgeWorld(world, [line(T0 + 8050)]), logout, null);
    }
    // Outside it, the line is this logout's, served before the login: the 401 stays.
    for (const [name, sentAt, returnedAt] of [
      ['later', T0 + 8151, T0 + 8170],
      ['earlier', T0 + 7800, T0 + 7949],
    ] as const) {
      const { world } = lateWorld(name);
      otherDevice(world, sentAt, returnedAt);
      expect(onlyViolation(judgeWorld(world, [line(T0 + 8050)]), 'session-mismatch').cause.kind, name).toBe('unknown');
    }
    // Another device's request that is not a logout does not explain a logout line.
    const { world: busy } = lateWorld('other-request');
    accepted(busy, { ...BOB, vu: 'd02' }, T0 + 8040, { cookieFingerprint: 'cookie-d02' });
    expect(onlyViolation(judgeWorld(busy, [line(T0 + 8050)]), 'session-mismatch').cause.kind).toBe('unknown');
    // Another user's logout then does not explain a line about bob02.
    const { world } = lateWorld('other-user');
    world.h.op(ALICE, 'logout', { at: T0 + 8030, method: 'POST', path: '/logout' });
    expect(onlyViolation(judgeWorld(world, [line(T0 + 8050)]), 'session-mismatch').cause.kind).toBe('unknown');
  });
});

test.describe('a 401 judged by the session folder', () => {
  test('a folder with a file that cannot be read cannot say whose files are missing: unknown, naming how many', () => {
    const world = causeWorld();
    refuse(world);
    sessionFiles(world, 'bob02', 1);
    fs.writeFileSync(path.join(world.dir, SESSION_DIR, 'garbage'), Buffer.from([0, 1, 2]));
    expect(onlyViolation(judgeWorld(world), 'session-mismatch').cause).toEqual({
      kind: 'unknown',
      missing: 'whose 1 of the 2 session files are (1 of the 2 session files hold bob02 that could be read)',
      sessionFiles: { files: 2, byUser: { bob02: 1 }, unreadable: 1 },
    });
  });

  test('a session the history logged out later: the folder now cannot say', () => {
    const world = causeWorld();
    refuse(world);
    world.h.op(BOB, 'logout', { at: T0 + 9500, method: 'POST', path: '/logout' });
    sessionFiles(world, 'bob02', 1);
    expect(onlyViolation(judgeWorld(world), 'session-mismatch').cause).toMatchObject({
      kind: 'unknown',
      missing: "this session's file at the time of the 401: the history logged the session out later, so the folder now cannot say (1 of the 1 session files hold bob02)",
    });
  });

  test('no file of the user: gone, with the other live sessions counted in the text, singular or plural', () => {
    const none = causeWorld('none');
    refuse(none);
    sessionFiles(none, 'alice01', 1);
    const alone = onlyViolation(judgeWorld(none), 'session-mismatch').cause;
    expect(alone).toMatchObject({ kind: 'session-file-gone', opIds: [] });
    expect(alone.kind === 'session-file-gone' && alone.text).toBe(
      "0 of the 1 session files hold bob02, and the history has 0 other sessions of that user never logged out — this session's file is gone though nobody logged it out: the server dropped the session",
    );
    const one = causeWorld('one');
    accepted(one, BOB5, T0 + 3000);
    refuse(one);
    sessionFiles(one, 'bob02', 1);
    const cause = onlyViolation(judgeWorld(one), 'session-mismatch').cause;
    expect(cause.kind === 'session-file-gone' && cause.text).toContain('1 of the 1 session files hold bob02, and the history has 1 other session of that user never logged out');
  });

  test("one file more than the other live sessions: this session's file is still there", () => {
    const world = causeWorld();
    refuse(world);
    sessionFiles(world, 'bob02', 1);
    const cause = onlyViolation(judgeWorld(world), 'session-mismatch').cause;
    expect(cause).toMatchObject({ kind: 'session-file-present', opIds: [] });
    expect(cause.kind === 'session-file-present' && cause.text).toBe(
      "1 of the 1 session files hold bob02: one for each of its 1 sessions never logged out, this one included — the session's file is still there, and the server refused it",
    );
  });

  test("more files than live sessions: which one is this session's cannot be told", () => {
    const world = causeWorld();
    refuse(world);
    sessionFiles(world, 'bob02', 3);
    expect(onlyViolation(judgeWorld(world), 'session-mismatch').cause).toEqual({
      kind: 'unknown',
      missing: "which file is this session's: 3 of the 3 session files hold bob02, more than its 1 sessions never logged out",
      sessionFiles: { files: 3, byUser: { bob02: 3 }, unreadable: 0 },
    });
  });

  test('a live session of the user is one with a cookie, seen valid, whose logout was not refused', () => {
    // Each of these bob02 requests leaves one file for this session: present, as with no other session.
    for (const [name, fields] of [
      ['no cookie', { cookieFingerprint: undefined }],
      ['never valid', { cookieFingerprint: 'cookie-d02', sessionValid: false, status: 401, outcome: 'fail' }],
    ] as const) {
      const world = causeWorld(name);
      world.h.op({ ...BOB, vu: 'd02' }, 'login', { at: T0 + 3000, method: 'POST', path: '/login', ...fields });
      refuse(world);
      sessionFiles(world, 'bob02', 1);
      expect(onlyViolation(judgeWorld(world), 'session-mismatch').cause.kind, name).toBe('session-file-present');
    }
    // A session whose logout failed is still live and holds the one file: this one's is gone.
    const world = causeWorld('failed-logout');
    accepted(world, { ...BOB, vu: 'd02' }, T0 + 3000, { cookieFingerprint: 'cookie-d02' });
    world.h.op({ ...BOB, vu: 'd02' }, 'logout', { at: T0 + 4000, method: 'POST', path: '/logout', cookieFingerprint: 'cookie-d02', status: 500, outcome: 'fail' });
    refuse(world);
    sessionFiles(world, 'bob02', 1);
    expect(onlyViolation(judgeWorld(world), 'session-mismatch').cause.kind).toBe('session-file-gone');
  });

  test('below the store threshold a gone file says nothing of pruning', () => {
    const world = causeWorld();
    refuse(world);
    sessionFiles(world, 'alice01', 499);
    const cause = onlyViolation(judgeWorld(world), 'session-mismatch').cause;
    expect(cause.kind === 'session-file-gone' && cause.text).toMatch(/the server dropped the session$/);
  });
});

test.describe("a 401, then a login on the same cookie: the file there now is the login's", () => {
  /** w05 (bob02) is refused at T0+9 s with two bob02 files in the folder: without a relogin, present (its own and w02's). */
  function reloginWorld(name: string): CauseWorld {
    const world = causeWorld(name);
    refuse(world, BOB5);
    sessionFiles(world, 'bob02', 2);
    return world;
  }
  const LOGGED_IN_AGAIN = 'logged in again on the same cookie after it, so the file there now is that login';
  /** The cause of the violation about w05's first 401 (a later 401 after a login is a violation of its own). */
  const causeOf = (world: CauseWorld) =>
    violationOf(
      judgeWorld(world),
      world.h.ops.find((o) => o.vu === BOB5.vu && o.status === 401)!,
    ).cause;

  test('a login of this VU on that cookie, followed by its requests on that cookie: unknown', () => {
    const world = reloginWorld('relogin');
    const again = login(world, BOB5, T0 + 9020); // sent as the 401 returned
    accepted(world, BOB5, T0 + 9040); // sent as the login returned
    const cause = causeOf(world);
    expect(cause.kind === 'unknown' && cause.missing).toBe(`this session's file at the time of the 401: ${again.id} ${LOGGED_IN_AGAIN}'s (2 of the 2 session files hold bob02)`);
  });

  test("requests that are not this VU's login on that cookie after the 401 leave the count to decide", () => {
    const cases: [string, (w: CauseWorld) => void][] = [
      ['own requests, no login', (w) => (accepted(w, BOB5, T0 + 9300), accepted(w, BOB5, T0 + 9600))],
      ["another VU's login, own requests", (w) => (login(w, { ...BOB, vu: 'w06' }, T0 + 9300, { cookieFingerprint: 'cookie-w05' }), accepted(w, BOB5, T0 + 9600), accepted(w, BOB5, T0 + 9900))],
      ["another VU's request on the cookie, then a 401", (w) => (accepted(w, { ...BOB, vu: 'w06' }, T0 + 9300, { cookieFingerprint: 'cookie-w05' }), refuse(w, BOB5, T0 + 9600))],
      ['a login without a cookie', (w) => (login(w, BOB5, T0 + 9300, { cookieFingerprint: undefined }), refuse(w, BOB5, T0 + 9600))],
      ['a login that failed', (w) => (login(w, BOB5, T0 + 9300, { status: 401, outcome: 'fail' }), refuse(w, BOB5, T0 + 9600))],
      ['a login with nothing after it', (w) => void login(w, BOB5, T0 + 9300)],
    ];
    for (const [name, after] of cases) {
      const world = reloginWorld(name.replace(/\W+/g, '-'));
      after(world);
      expect(causeOf(world).kind, name).toBe('session-file-present');
    }
  });

  test('a login before the 401 is not a login after it', () => {
    const world = causeWorld();
    login(world, BOB5, T0 + 500);
    refuse(world, BOB5);
    sessionFiles(world, 'bob02', 2);
    expect(causeOf(world).kind).toBe('session-file-present');
  });

  test("the request after the login is this VU's first one with a cookie, on the same cookie", () => {
    const world = reloginWorld('first-after');
    login(world, BOB5, T0 + 9500);
    accepted(world, ALICE, T0 + 9700); // another VU's request, listed first
    accepted(world, BOB5, T0 + 9750, { cookieFingerprint: undefined });
    accepted(world, BOB5, T0 + 9800);
    const cause = causeOf(world);
    expect(cause.kind === 'unknown' && cause.missing).toContain(LOGGED_IN_AGAIN);
  });

  test('a store exactly at its threshold, the session idle since its last use: pruned, dated by that use', () => {
    const world = causeWorld();
    const idle = accepted(world, BOB5, T0 + 1000);
    refuse(world, BOB5);
    const again = login(world, BOB5, T0 + 9500);
    accepted(world, BOB5, T0 + 9800);
    sessionFiles(world, 'bob02', 1);
    sessionFiles(world, 'user', 499);
    const cause = causeOf(world);
    expect(cause).toMatchObject({ kind: 'session-file-gone', opIds: [again.id, idle.id] });
    expect(cause.kind === 'session-file-gone' && cause.text).toContain(`the store holds 500 files, at Flask-Session's threshold of 500`);
    expect(cause.kind === 'session-file-gone' && cause.text).toContain(`had been idle since ${idle.id} at `);
    expect(cause.kind === 'session-file-gone' && cause.text).toContain('(8 s before the 401) — the store pruned the idle session');
  });
});

test.describe("a probe that listed another user's probe deck: whom the server served", () => {
  /** s01 (alice01) lists the decks at T0+4 s and sees bob02's probe deck. */
  function probeWorld(name: string, path = '/decks'): { world: CauseWorld; probe: Operation } {
    const world = causeWorld(name);
    world.h.op({ ...BOB, vu: 's02' }, 'list_decks', { at: T0 + 3000, path: '/decks', intent: { probeDeckName: 'probe bob02' }, body: [{ id: '9', name: 'probe bob02' }] });
    const probe = world.h.op({ ...ALICE, vu: 's01' }, 'list_decks', {
      at: T0 + 4000,
      path,
      intent: { probeDeckName: 'probe alice01' },
      body: [
        { id: '8', name: 'probe alice01' },
        { id: '9', name: 'probe bob02' },
      ],
    });
    return { world, probe };
  }

  test('without a server log: unknown, saying the log is missing', () => {
    const { world } = probeWorld('no-log');
    expect(onlyViolation(judgeWorld(world), 'session-mismatch').cause).toEqual({ kind: 'unknown', missing: 'a server log with the request line of this list' });
  });

  test('the request line of that path naming the other user decides, its query aside, and is quoted', () => {
    const { world, probe } = probeWorld('query', '/decks?fresh=1');
    const message = 'request method=GET path=/decks status=200 duration_ms=3.0 user=2';
    const cause = onlyViolation(judgeWorld(world, [{ at: T0 + 4015, pid: 7, message }]), 'session-mismatch').cause;
    expect(cause).toMatchObject({ kind: 'served-as-other-user', opIds: [probe.id] });
    expect(cause.kind === 'served-as-other-user' && cause.logLines).toEqual([expect.stringContaining(message)]);
    expect(cause.kind === 'served-as-other-user' && cause.text).toBe(
      `the server logged serving GET /decks?fresh=1 as user 2 while ${probe.id} was in flight with alice01's cookie — the request's session resolved to another user`,
    );
  });

  test('a line of the other user that is not a request, or a request to another path, does not say whom the list was served as', () => {
    for (const [name, message] of [
      ['not a request', 'User 2 (bob02) opened the deck list'],
      ['another path', 'request method=POST path=/add_card status=201 duration_ms=3.0 user=2'],
    ] as const) {
      const { world, probe } = probeWorld(name);
      expect(onlyViolation(judgeWorld(world, [{ at: T0 + 4015, pid: 7, message }]), 'session-mismatch').cause, message).toEqual({
        kind: 'unknown',
        missing: `a log line of ${probe.id} naming the user the server served it as`,
      });
    }
  });
});
