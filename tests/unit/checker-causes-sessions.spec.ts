/**
 * A cause for review-mismatch and session-mismatch: decided by the history, the server log and
 * the session folder of the data directory, and unknown (saying what is missing) when they do not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { SESSION_COUNT_FILE, SESSION_DIR, usernameOf } from '../../db/session-files.ts';
import { ALICE, BOB, CAROL, SAMPLE_CARD, T0, causeWorld, judgeWorld, onlyViolation, userOf, type CauseWorld } from './support/cause-world.ts';

/** carol03's session (r01) answers card +4 at T0+7 s; the revlog records card +2 in that flight. */
function misappliedWorld(name?: string): CauseWorld {
  const world = causeWorld(name);
  world.h.answer(CAROL, SAMPLE_CARD + 4, 3, T0 + 7000);
  userOf(world.users, 3).revlog!.push({ id: T0 + 7010, cardId: SAMPLE_CARD + 2, ease: 3 });
  return world;
}

/** A GET /review of carol03's session at T0+6.5 s: answered with `cardId`, or given up on (timeout). */
function review(world: CauseWorld, cardId: number | null) {
  return world.h.op(CAROL, 'get_review', {
    at: T0 + 6500,
    path: '/review',
    ...(cardId === null ? { status: null, outcome: 'info', body: null, error: 'timeout' } : { body: { cardId, front: 'f', back: 'b', queue: 0 } }),
  });
}

test('review-mismatch, decided: a GET /review of the same session answered with the card the answer was recorded on', () => {
  const world = misappliedWorld();
  const maker = review(world, SAMPLE_CARD + 2);
  const violation = onlyViolation(judgeWorld(world), 'review-mismatch');
  expect(violation.cause).toMatchObject({ kind: 'card-made-current-by', opIds: [maker.id], clientGaveUp: false });
  // Another session's GET /review showing that card does not make it this session's card.
  const other = misappliedWorld('other');
  other.h.op({ ...CAROL, vu: 'r02' }, 'get_review', { at: T0 + 6500, path: '/review', body: { cardId: SAMPLE_CARD + 2 } });
  expect(onlyViolation(judgeWorld(other), 'review-mismatch').cause.kind).toBe('answered-card-never-served');
});

test('a GET /review the client gave up on, which the server log shows serving the card, explains the answer recorded on it: applied late, not a review-mismatch', () => {
  const world = misappliedWorld();
  const abandoned = review(world, null);
  const served = { at: T0 + 6900, pid: 7, message: `Found review card ${SAMPLE_CARD + 2} (queue=2). Card Due: 1, Card Interval: 1 days. Current Day Cutoff: 2` };
  const verdict = judgeWorld(world, [served]);
  expect(verdict.violations).toEqual([]);
  const late = verdict.observations.find((o) => o.kind === 'applied-late');
  expect(late?.evidence).toMatchObject({ request: 'get_review', count: 1, opIds: [abandoned.id] });
  expect(late?.message).toContain('Applied after the client gave up: 1 GET /review');
});

test('review-mismatch, unknown: a GET /review the client gave up on and no log line naming the card', () => {
  const world = misappliedWorld();
  const abandoned = review(world, null);
  const violation = onlyViolation(judgeWorld(world), 'review-mismatch');
  expect(violation.cause).toEqual({
    kind: 'unknown',
    missing: `which card ${abandoned.id} made current: the client gave up on that GET /review and no log line names card ${SAMPLE_CARD + 2}`,
  });
});

test('review-mismatch, decided: no request of the session showed the card and none went unanswered', () => {
  const world = misappliedWorld();
  const shown = review(world, SAMPLE_CARD + 4);
  const violation = onlyViolation(judgeWorld(world), 'review-mismatch');
  expect(violation.cause).toMatchObject({ kind: 'answered-card-never-served', opIds: [shown.id] });
  expect(violation.message).toContain(`showed card ${SAMPLE_CARD + 2} and none went unanswered (its last one, ${shown.id}, showed card ${SAMPLE_CARD + 4})`);
});

test('review-mismatch, decided: a refused answer recorded, an acknowledged one logged and not kept; unknown without the lines', () => {
  const refused = causeWorld('refused');
  const op = refused.h.answer(CAROL, SAMPLE_CARD + 3, 1, T0 + 8000, 'fail');
  userOf(refused.users, 3).revlog!.push({ id: T0 + 8010, cardId: SAMPLE_CARD + 3, ease: 1 });
  expect(onlyViolation(judgeWorld(refused), 'review-mismatch').cause).toMatchObject({ kind: 'refused-answer-recorded', opIds: [op.id] });

  const dropped = causeWorld('dropped');
  const answer = dropped.h.answer(CAROL, SAMPLE_CARD + 5, 3, T0 + 8000);
  const logged = { at: T0 + 8012, pid: 7, message: `User 3 (carol03) reviewed card ${SAMPLE_CARD + 5} ("Q") ease=3: New → Learning` };
  expect(onlyViolation(judgeWorld(dropped, [logged]), 'review-mismatch').cause).toMatchObject({ kind: 'answer-not-recorded', opIds: [answer.id] });
  expect(onlyViolation(judgeWorld(dropped, []), 'review-mismatch').cause.kind).toBe('unknown');
});

test('review-mismatch, unknown: a revlog row no answer of that user was in flight for', () => {
  const world = causeWorld();
  world.h.answer(BOB, SAMPLE_CARD, 3, T0 + 8990);
  userOf(world.users, 3).revlog!.push({ id: T0 + 9000, cardId: SAMPLE_CARD + 6, ease: 2 });
  const violations = judgeWorld(world).violations.filter((v) => v.expectedUser === 'carol03');
  expect(violations.map((v) => v.cause)).toEqual([
    { kind: 'unknown', missing: 'the request that wrote it: no answer of carol03 was in flight at 01:41:30.000 (answers of other users in flight: w02#2)' },
  ]);
});

/** bob02's session (w02, cookie-w02) answered 401 on GET /decks at T0+9 s while valid. */
function rejectedWorld(name?: string): CauseWorld {
  const world = causeWorld(name);
  world.h.op(BOB, 'list_decks', { at: T0 + 9000, path: '/decks', status: 401, outcome: 'fail', body: { error: 'Authentication required' } });
  return world;
}

function sessionFile(world: CauseWorld, name: string, username: string): void {
  const dir = path.join(world.dir, SESSION_DIR);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ cookie: { httpOnly: true }, userId: 2, username }));
}

test("401, decided: the session folder holds no file of that user's never-logged-out session, or still holds it", () => {
  const gone = rejectedWorld('gone');
  sessionFile(gone, 'a', 'alice01');
  const violation = onlyViolation(judgeWorld(gone), 'session-mismatch');
  expect(violation.cause).toMatchObject({ kind: 'session-file-gone', sessionFiles: { files: 1, byUser: { alice01: 1 }, unreadable: 0 } });
  expect(violation.message).toContain('0 of the 1 session files hold bob02');

  const present = rejectedWorld('present');
  sessionFile(present, 'b', 'bob02');
  expect(onlyViolation(judgeWorld(present), 'session-mismatch').cause.kind).toBe('session-file-present');

  // A second session of bob02 that was never logged out keeps the one file there: this one's is gone.
  present.h.op({ ...BOB, vu: 'd02' }, 'list_decks', { at: T0 + 3000, path: '/decks', cookieFingerprint: 'cookie-d02' });
  expect(onlyViolation(judgeWorld(present), 'session-mismatch').cause.kind).toBe('session-file-gone');
});

test('401, decided: the same cookie accepted before and after the refusal — a live session refused once, not lost', () => {
  const world = rejectedWorld();
  const before = world.h.op(BOB, 'list_decks', { at: T0 + 8000, path: '/decks' });
  const after = world.h.op(BOB, 'add_card', { at: T0 + 9500, method: 'POST', path: '/add_card', status: 201, body: { message: 'Card added successfully' } });
  const violation = onlyViolation(judgeWorld(world), 'session-mismatch');
  expect(violation.cause).toMatchObject({ kind: 'live-session-refused', opIds: [before.id, after.id] });
  expect(violation.message).toContain('with no login in between — the server refused a live session once; it did not lose it');
  // A login between the refusal and the next acceptance proves nothing about the old session.
  const relogged = rejectedWorld('relogged');
  relogged.h.op(BOB, 'list_decks', { at: T0 + 8000, path: '/decks' });
  relogged.h.op(BOB, 'login', { at: T0 + 9200, method: 'POST', path: '/login' });
  relogged.h.op(BOB, 'list_decks', { at: T0 + 9500, path: '/decks' });
  expect(onlyViolation(judgeWorld(relogged), 'session-mismatch').cause.kind).not.toBe('live-session-refused');
});

test('a dropped session is one violation: the 401s of the same cookie after the first follow from it', () => {
  const world = rejectedWorld();
  const second = world.h.op(BOB, 'add_card', { at: T0 + 9300, method: 'POST', path: '/add_card', status: 401, outcome: 'fail', body: { error: 'Authentication required' } });
  const third = world.h.op(BOB, 'list_decks', { at: T0 + 9600, path: '/decks', status: 401, outcome: 'fail', body: { error: 'Authentication required' } });
  const violation = onlyViolation(judgeWorld(world), 'session-mismatch');
  expect(violation.opIds).toHaveLength(3);
  expect(violation.opIds.slice(1)).toEqual([second.id, third.id]);
  expect(violation.message).toContain('(and 2 later requests with that cookie, until it was accepted again or the VU logged in)');
  // Accepted in between: two refusals, two violations.
  const twice = rejectedWorld('twice');
  twice.h.op(BOB, 'list_decks', { at: T0 + 9300, path: '/decks' });
  twice.h.op(BOB, 'list_decks', { at: T0 + 9600, path: '/decks', status: 401, outcome: 'fail', body: { error: 'Authentication required' } });
  expect(judgeWorld(twice).violations.map((v) => v.class)).toEqual(['session-mismatch', 'session-mismatch']);
});

test('401, decided: never accepted again and its file gone from a store at its threshold — the store pruned it', () => {
  const world = rejectedWorld();
  for (let i = 0; i < 500; i++) sessionFile(world, `s${i}`, `user${i}`);
  const violation = onlyViolation(judgeWorld(world), 'session-mismatch');
  expect(violation.cause.kind).toBe('session-file-gone');
  expect(violation.message).toContain("the store held 500 files, at Flask-Session's threshold of 500, past which it prunes the least recently written sessions");
});

test("cachelib's file-count file beside the sessions is bookkeeping, not an unreadable session", () => {
  const world = rejectedWorld();
  sessionFile(world, 'a', 'alice01');
  // What the real server's store writes: pickle of the int 6 after a 4-byte expiry, named md5('__wz_cache_count').
  fs.writeFileSync(path.join(world.dir, SESSION_DIR, '2029240f6d1128be89ddc32729463129'), Buffer.from('000000008004' + '4b062e', 'hex'));
  const violation = onlyViolation(judgeWorld(world), 'session-mismatch');
  expect(violation.cause).toMatchObject({ kind: 'session-file-gone', sessionFiles: { files: 1, unreadable: 0 } });
});

test("401 then a login on the same cookie: pruned from a store at its threshold when idle, otherwise unknown (the file there now is the login's)", () => {
  const world = (name: string, files: number) => {
    const w = rejectedWorld(name);
    w.h.op(BOB, 'list_decks', { at: T0 + 1000, path: '/decks' });
    w.h.op(BOB, 'login', { at: T0 + 9500, method: 'POST', path: '/login' });
    w.h.op(BOB, 'list_decks', { at: T0 + 9800, path: '/decks' });
    sessionFile(w, 'bob', 'bob02');
    for (let i = 1; i < files; i++) sessionFile(w, `s${i}`, `user${i}`);
    return w;
  };
  const full = onlyViolation(judgeWorld(world('full', 501)), 'session-mismatch');
  expect(full.cause.kind).toBe('session-file-gone');
  expect(full.message).toContain("the store holds 501 files, at Flask-Session's threshold of 500, past which it prunes the least recently written sessions, and this one had been idle since");
  const small = onlyViolation(judgeWorld(world('small', 3)), 'session-mismatch');
  expect(small.cause.kind === 'unknown' && small.cause.missing).toContain('logged in again on the same cookie after it, so the file there now is that login');
  // A server that answered the login with a new cookie: the old session's file is judged by the count.
  const renewed = rejectedWorld('renewed');
  renewed.h.op(BOB, 'list_decks', { at: T0 + 1000, path: '/decks' });
  renewed.h.op(BOB, 'login', { at: T0 + 9500, method: 'POST', path: '/login' });
  renewed.h.op(BOB, 'list_decks', { at: T0 + 9800, path: '/decks', cookieFingerprint: 'cookie-d02-new' });
  sessionFile(renewed, 'bob-new', 'bob02');
  expect(onlyViolation(judgeWorld(renewed), 'session-mismatch').cause.kind).toBe('session-file-gone');
});

test("401, decided from a snapshot's saved count of the session folder", () => {
  const world = rejectedWorld();
  fs.mkdirSync(world.dir, { recursive: true });
  fs.writeFileSync(path.join(world.dir, SESSION_COUNT_FILE), JSON.stringify({ files: 3, byUser: { alice01: 2, carol03: 1 }, unreadable: 0 }));
  expect(onlyViolation(judgeWorld(world), 'session-mismatch').cause).toMatchObject({ kind: 'session-file-gone', sessionFiles: { files: 3 } });
});

test('401, unknown: no session folder, a file that cannot be read, or a session logged out later', () => {
  expect(onlyViolation(judgeWorld(rejectedWorld()), 'session-mismatch').cause).toEqual({ kind: 'unknown', missing: "the server's session folder (flask_session/) or a snapshot's count of it" });

  const unreadable = rejectedWorld('unreadable');
  sessionFile(unreadable, 'a', 'alice01');
  fs.writeFileSync(path.join(unreadable.dir, SESSION_DIR, 'b'), Buffer.from([0, 1, 2, 3]));
  expect(onlyViolation(judgeWorld(unreadable), 'session-mismatch').cause.kind).toBe('unknown');

  const later = rejectedWorld('later');
  sessionFile(later, 'a', 'alice01');
  later.h.op(BOB, 'logout', { at: T0 + 9500, method: 'POST', path: '/logout' });
  expect(onlyViolation(judgeWorld(later), 'session-mismatch').cause.kind).toBe('unknown');
});

test("401 after the session's own logout, given up on and served after its next login: an applied-late observation, not a violation", () => {
  const world = causeWorld();
  const logout = world.h.op(BOB, 'logout', { at: T0 + 8000, method: 'POST', path: '/logout', status: null, outcome: 'info', body: null, error: 'timeout' });
  logout.returnedAt = T0 + 8040;
  world.h.op(BOB, 'login', { at: T0 + 8100, method: 'POST', path: '/login' });
  world.h.op(BOB, 'list_decks', { at: T0 + 9000, path: '/decks', status: 401, outcome: 'fail', body: { error: 'Authentication required' } });
  const served = { at: T0 + 8600, pid: 7, message: 'request method=POST path=/logout status=200 duration_ms=590.0 user=2' };
  const verdict = judgeWorld(world, [served]);
  expect(verdict.violations).toEqual([]);
  expect(verdict.observations.find((o) => o.kind === 'applied-late')?.evidence).toMatchObject({ request: 'logout', count: 1, opIds: [logout.id], delayMs: { max: 560 } });
  // No log: the logout may have been served any time after it was sent, so it still explains the 401.
  expect(judgeWorld(world).violations).toEqual([]);
  // Served before the login returned: the logout ended the old session, not this one.
  const early = { ...served, at: T0 + 8050 };
  expect(onlyViolation(judgeWorld(world, [early]), 'session-mismatch').cause.kind).toBe('unknown');
});

test('probe, decided: the request line the server wrote names the other user; unknown without it', () => {
  const world = causeWorld();
  world.h.op({ ...BOB, vu: 's02' }, 'list_decks', { at: T0 + 3000, path: '/decks', intent: { probeDeckName: 'probe bob02' }, body: [{ id: '9', name: 'probe bob02' }] });
  const probe = world.h.op({ ...ALICE, vu: 's01' }, 'list_decks', {
    at: T0 + 4000,
    path: '/decks',
    intent: { probeDeckName: 'probe alice01' },
    body: [
      { id: '8', name: 'probe alice01' },
      { id: '9', name: 'probe bob02' },
    ],
  });
  const line = { at: T0 + 4015, pid: 7, message: 'request method=GET path=/decks status=200 duration_ms=3.0 user=2' };
  const violation = onlyViolation(judgeWorld(world, [line]), 'session-mismatch');
  expect(violation.cause).toMatchObject({ kind: 'served-as-other-user', opIds: [probe.id] });
  expect(onlyViolation(judgeWorld(world, []), 'session-mismatch').cause).toEqual({ kind: 'unknown', missing: `a log line of ${probe.id} naming the user the server served it as` });
});

test("a session file's user is read from the target's JSON and from Flask-Session's pickle", () => {
  expect(usernameOf(Buffer.from(JSON.stringify({ userId: 1, username: 'alice01' })))).toBe('alice01');
  // cachelib's file: 4-byte expiry, then pickle.dumps({'_permanent': True, 'user_id': 1, 'username': 'alice01'}, 5).
  const pickle = Buffer.from('4e6b0e6b80059534000000000000007d94288c0a5f7065726d616e656e7494888c07757365725f6964944b018c08757365726e616d65948c07616c696365303194752e', 'hex');
  expect(usernameOf(pickle)).toBe('alice01');
  expect(usernameOf(Buffer.from([0x80, 0x05, 0x7d, 0x94, 0x2e]))).toBeNull();
});

test('review-mismatch: a log line recording an answer on that card is not the abandoned GET /review serving it', () => {
  const world = misappliedWorld();
  review(world, null);
  const answered = { at: T0 + 6800, pid: 7, message: `User 3 (carol03) reviewed card ${SAMPLE_CARD + 2} ("Q") ease=3: New → Learning` };
  expect(onlyViolation(judgeWorld(world, [answered]), 'review-mismatch').cause.kind).toBe('unknown');
});

test('answered after logout, decided: the logout was acknowledged and the same cookie was served as logged in; a logout given up on claims nothing', () => {
  const world = causeWorld();
  const logout = world.h.op(BOB, 'logout', { at: T0 + 8000, method: 'POST', path: '/logout' });
  world.h.op(BOB, 'list_decks', { at: T0 + 9000, path: '/decks', sessionValid: false, body: [{ id: '1', name: 'MyFirstDeck' }] });
  const violation = onlyViolation(judgeWorld(world), 'session-mismatch');
  expect(violation.cause).toMatchObject({ kind: 'session-kept-after-logout', opIds: [logout.id] });
  expect(violation.message).toContain('the server acknowledged the logout and kept the session');

  const abandoned = causeWorld('abandoned');
  abandoned.h.op(BOB, 'logout', { at: T0 + 8000, method: 'POST', path: '/logout', status: null, outcome: 'info', body: null, error: 'timeout' });
  abandoned.h.op(BOB, 'list_decks', { at: T0 + 9000, path: '/decks', sessionValid: false, body: [{ id: '1', name: 'MyFirstDeck' }] });
  expect(judgeWorld(abandoned).violations).toEqual([]);
});
