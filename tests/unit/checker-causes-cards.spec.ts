/**
 * A cause for every card class: for each, a world where the history, the server log and the
 * databases decide it, and one where they do not and the cause says what is missing.
 */
import { test, expect } from '@playwright/test';
import { buildCard } from '../../helpers/history/markers.ts';
import { fingerprint } from '../../helpers/secrets/fingerprint.ts';
import { ALICE, BOB, HISTORY_DECK, T0, causeWorld, judgeWorld, onlyViolation, rowFor, userOf, type LineSpec } from './support/cause-world.ts';

const C = T0 + 7001;

/** alice01's add at T0+7 s (in flight 20 ms), acknowledged with card id C, stored in bob02's database. */
function misroutedWorld() {
  const world = causeWorld();
  const { card, op } = world.h.add({ ...ALICE, seq: 7, deckId: HISTORY_DECK, deckName: 'History', at: T0 + 7000, cardId: C });
  userOf(world.users, 2).cards.push(rowFor(card, C, 1));
  return { world, op };
}

/** Diagnostic lines of one add_card request of worker `pid`. */
function diagnostics(pid: number, at: number, start: { user: string; id: number; sid: string }, write: { id: number; name: string }, cardId: number, mismatch = false): LineSpec[] {
  return [
    { at, pid, message: `ADD_CARD_START | PID:${pid} | Thread:140 | SessionUser:${start.user} | SessionUserID:${start.id} | SessionID:${start.sid}` },
    ...(mismatch ? [{ at: at + 1, pid, level: 'ERROR' as const, message: `SESSION_MISMATCH | Expected:${start.id} | Got:${write.id}` }] : []),
    { at: at + 2, pid, message: `ADD_CARD_TARGET_DB | PID:${pid} | UserID:${write.id} | DBPath:/srv/javumbo/server/user_dbs/user_${write.id}.db` },
    { at: at + 5, pid, message: `ADD_CARD_SUCCESS | PID:${pid} | CardID:${cardId} | UserID:${write.id} | Username:${write.name}` },
  ];
}

test('misrouted, decided: the diagnostic lines name the worker, the session and the user it was written for', () => {
  const { world, op } = misroutedWorld();
  const lines = [
    // Another worker writes a card with the same whole-second id into alice01's own file meanwhile.
    ...diagnostics(42, T0 + 7003, { user: 'alice01', id: 1, sid: 'sid-other' }, { id: 1, name: 'alice01' }, C),
    ...diagnostics(41, T0 + 7004, { user: 'alice01', id: 1, sid: 'sid-alice' }, { id: 2, name: 'bob02' }, C, true),
  ].sort((a, b) => a.at - b.at);
  const verdict = judgeWorld(world, lines);
  const violation = onlyViolation(verdict, 'misrouted');
  expect(violation.cause).toMatchObject({ kind: 'session-user-changed', opIds: [op.id] });
  expect(violation.writtenBy).toMatchObject({ pid: 41, thread: '140', sessionUser: 'alice01', sessionUserId: 1, writeUserId: 2, writeUsername: 'bob02', sessionFingerprint: fingerprint('sid-alice') });
  expect(violation.writtenBy!.sessionMismatch).toEqual({ expected: '1', got: '2' });
  expect(violation.workerPid).toBe(41);
  expect(violation.message).toContain(`Cause (session-user-changed): written by PID 41 for session user bob02 while the request carried alice01's cookie (w01, ${op.id}, cookie cookie-w01)`);
  // The session id is a credential: only its fingerprint leaves the parser.
  expect(JSON.stringify(verdict)).not.toContain('sid-alice');
});

test("misrouted, decided: a session that was another user's from the route's entry", () => {
  const { world, op } = misroutedWorld();
  const violation = onlyViolation(judgeWorld(world, diagnostics(41, T0 + 7004, { user: 'bob02', id: 2, sid: 'sid-bob' }, { id: 2, name: 'bob02' }, C)), 'misrouted');
  expect(violation.cause.kind).toBe('session-of-other-user');
  expect(violation.message).toContain(
    `written by PID 41 for session user bob02 while the request carried alice01's cookie (w01, ${op.id}, cookie cookie-w01): at the route's entry session #${fingerprint('sid-bob')} already belonged to bob02`,
  );
});

test("misrouted, unknown: the only success line for that card id names the writer's own file", () => {
  const { world } = misroutedWorld();
  const violation = onlyViolation(judgeWorld(world, diagnostics(41, T0 + 7004, { user: 'alice01', id: 1, sid: 's' }, { id: 1, name: 'alice01' }, C)), 'misrouted');
  // The request's own success line names alice01's file: the server believed it wrote there.
  expect(violation.cause).toEqual({
    kind: 'unknown',
    missing: "how the card reached user_2.db (bob02): PID 41's lines for it name alice01, the request's own user, and /srv/javumbo/server/user_dbs/user_1.db",
  });
  expect(violation.writtenBy).toMatchObject({ pid: 41, writeUserId: 1 });
  // The same line written two seconds later is not this request's.
  const late = diagnostics(41, T0 + 9004, { user: 'alice01', id: 1, sid: 's' }, { id: 1, name: 'alice01' }, C);
  expect(onlyViolation(judgeWorld(world, late), 'misrouted').writtenBy).toBeUndefined();
});

test("misrouted, decided: the session was the requester's and the lines name another user's file (§7.1: a file mix-up, not a session mix-up)", () => {
  const { world, op } = misroutedWorld();
  // PID 41 keeps alice01 as session user and user id throughout, but writes to user_2.db.
  const lines = diagnostics(41, T0 + 7004, { user: 'alice01', id: 1, sid: 'sid-alice' }, { id: 1, name: 'alice01' }, C).map((line) =>
    line.message.startsWith('ADD_CARD_TARGET_DB') ? { ...line, message: 'ADD_CARD_TARGET_DB | PID:41 | UserID:1 | DBPath:/srv/javumbo/server/user_dbs/user_2.db' } : line,
  );
  const violation = onlyViolation(judgeWorld(world, lines), 'misrouted');
  expect(violation.cause).toMatchObject({ kind: 'right-session-wrong-file', opIds: [op.id] });
  expect(violation.message).toContain(
    "Cause (right-session-wrong-file): PID 41's lines for the write name the requester as the session user (alice01) and /srv/javumbo/server/user_dbs/user_2.db, user 2's database, as the file — the session was right and the database path was wrong",
  );
  expect(violation.cause).toMatchObject({ logLines: expect.arrayContaining([expect.stringContaining('ADD_CARD_TARGET_DB | PID:41 | UserID:1 | DBPath:/srv/javumbo/server/user_dbs/user_2.db')]) });
});

test('misrouted, unknown: no diagnostic lines, or a success line without its start line', () => {
  const { world } = misroutedWorld();
  const bare = onlyViolation(judgeWorld(world), 'misrouted');
  expect(bare.cause).toEqual({ kind: 'unknown', missing: "a server log with the server's ADD_CARD_START/ADD_CARD_SUCCESS lines for this write (docs/diagnostics.md)" });
  const partial = onlyViolation(judgeWorld(world, diagnostics(41, T0 + 7004, { user: 'alice01', id: 1, sid: 's' }, { id: 2, name: 'bob02' }, C).slice(1)), 'misrouted');
  expect(partial.cause.kind).toBe('unknown');
  expect(partial.cause.kind === 'unknown' && partial.cause.missing).toContain("the ADD_CARD_START line of PID 41's request");
  expect(partial.writtenBy).toMatchObject({ pid: 41, writeUsername: 'bob02' });
});

/** alice01's add at T0+7 s acknowledged with card id C, in no database. */
function lostWorld() {
  const world = causeWorld();
  const { op } = world.h.add({ ...ALICE, seq: 7, deckId: HISTORY_DECK, at: T0 + 7000, cardId: C });
  return { world, op };
}

test('lost, decided: the server logged the write of the acknowledged card', () => {
  const { world, op } = lostWorld();
  const fromDiagnostics = onlyViolation(judgeWorld(world, diagnostics(41, T0 + 7004, { user: 'alice01', id: 1, sid: 's' }, { id: 1, name: 'alice01' }, C)), 'lost');
  expect(fromDiagnostics.cause).toMatchObject({ kind: 'write-not-kept', opIds: [op.id] });
  expect(fromDiagnostics.writtenBy).toMatchObject({ pid: 41, writeUserId: 1 });
  const fromPlainLog = onlyViolation(judgeWorld(world, [{ at: T0 + 7010, pid: 7, message: `User 1 (alice01) created card ${C} in deck ${HISTORY_DECK} (History): "Question 7?"` }]), 'lost');
  expect(fromPlainLog.cause.kind).toBe('write-not-kept');
  expect(fromPlainLog.message).toContain(`Cause (write-not-kept): the server logged writing card ${C} for alice01 (user 1) while w01#3 was in flight`);
});

test('lost, unknown: the log has no line of that request about the card', () => {
  const { world } = lostWorld();
  // A line about the card, but two seconds after the request: not its own.
  const late = onlyViolation(judgeWorld(world, [{ at: T0 + 9000, pid: 7, message: `User 1 (alice01) created card ${C} in deck 1 (MyFirstDeck): "x"` }]), 'lost');
  expect(late.cause).toEqual({ kind: 'unknown', missing: `a server log line of w01#3 about card ${C} (the log has none while it was in flight)` });
  expect(onlyViolation(judgeWorld(world), 'lost').cause).toEqual({ kind: 'unknown', missing: 'a server log with the lines of this request' });
});

/** alice01's add at T0+3.1 s refused with a 500, its card stored in her database anyway. */
function phantomWorld() {
  const world = causeWorld();
  const { card, op } = world.h.add({ ...ALICE, seq: 3, deckId: HISTORY_DECK, at: T0 + 3100, outcome: 'fail' });
  userOf(world.users, 1).cards.push(rowFor(card, T0 + 3101, HISTORY_DECK));
  return { world, op };
}

const errorLine: LineSpec = { at: T0 + 3112, pid: 7, level: 'ERROR', message: 'Database error adding card for user 1: injected error after commit' };

test('phantom, decided: the request wrote the card, then logged the error it answered with', () => {
  const { world, op } = phantomWorld();
  const written: LineSpec = { at: T0 + 3105, pid: 7, message: `User 1 (alice01) created card ${T0 + 3101} in deck ${HISTORY_DECK} (History): "Question 3?"` };
  const violation = onlyViolation(judgeWorld(world, [written, errorLine]), 'phantom');
  expect(violation.cause).toMatchObject({ kind: 'error-after-write', opIds: [op.id] });
  expect(violation.message).toContain(
    `while ${op.id} was in flight the server wrote card ${T0 + 3101} and then logged an error ("Database error adding card for user 1: injected error after commit")`,
  );
});

test('phantom, decided: the card is stored, the answer was an error, and the server logged no error — committed, then the response failed', () => {
  const { world, op } = phantomWorld();
  const written: LineSpec = { at: T0 + 3105, pid: 7, message: `User 1 (alice01) created card ${T0 + 3101} in deck ${HISTORY_DECK} (History): "Question 3?"` };
  const withWrite = onlyViolation(judgeWorld(world, [written]), 'phantom');
  expect(withWrite.cause).toMatchObject({ kind: 'response-failed-after-commit', opIds: [op.id] });
  expect(withWrite.message).toContain(`the server logged the write of card ${T0 + 3101} and logged no error, yet answered 500`);
  // A log with no line of the request at all: the stored row is the commit, and no error was logged.
  expect(onlyViolation(judgeWorld(world, []), 'phantom').cause.kind).toBe('response-failed-after-commit');
  // Without a log nothing says whether an error was logged.
  expect(onlyViolation(judgeWorld(world), 'phantom').cause.kind).toBe('unknown');
  // An error line naming nobody (a traceback) in the flight may be the request's own: undecided.
  const traceback: LineSpec = { at: T0 + 3110, pid: 7, level: 'ERROR', message: 'Exception on /add_card [POST]' };
  expect(onlyViolation(judgeWorld(world, [written, traceback]), 'phantom').cause.kind).toBe('unknown');
});

test('phantom, unknown: the log shows the error but not the write, or an error before the write', () => {
  const { world } = phantomWorld();
  const onlyError = onlyViolation(judgeWorld(world, [errorLine]), 'phantom');
  expect(onlyError.cause.kind === 'unknown' && onlyError.cause.missing).toContain('the log shows only the error');
  const written: LineSpec = { at: T0 + 3115, pid: 7, message: `User 1 (alice01) created card ${T0 + 3101} in deck ${HISTORY_DECK} (History): "Question 3?"` };
  expect(onlyViolation(judgeWorld(world, [errorLine, written]), 'phantom').cause.kind).toBe('unknown');
});

test('duplicate, decided: one send stored twice; two sends stored once each', () => {
  const world = causeWorld();
  const { card, op } = world.h.add({ ...ALICE, seq: 8, deckId: HISTORY_DECK, at: T0 + 8000, cardId: T0 + 8001 });
  userOf(world.users, 1).cards.push(rowFor(card, T0 + 8001, HISTORY_DECK), rowFor(card, T0 + 8501, HISTORY_DECK));
  const once = onlyViolation(judgeWorld(world), 'duplicate');
  expect(once.cause).toMatchObject({ kind: 'one-request-several-rows', opIds: [op.id] });

  const resent = causeWorld('resent');
  const first = resent.h.add({ ...ALICE, seq: 8, deckId: HISTORY_DECK, at: T0 + 8000, outcome: 'info' });
  const second = resent.h.add({ ...ALICE, seq: 8, deckId: HISTORY_DECK, at: T0 + 8500, cardId: T0 + 9001 });
  userOf(resent.users, 1).cards.push(rowFor(first.card, T0 + 8001, HISTORY_DECK), rowFor(second.card, T0 + 9001, HISTORY_DECK));
  const violation = onlyViolation(judgeWorld(resent), 'duplicate');
  expect(violation.cause).toMatchObject({ kind: 'resent', opIds: [first.op.id, second.op.id] });
  // Two sends and three rows: one of them was stored twice.
  userOf(resent.users, 1).cards.push(rowFor(second.card, T0 + 9501, HISTORY_DECK));
  expect(onlyViolation(judgeWorld(resent), 'duplicate').cause).toMatchObject({ kind: 'one-request-several-rows', opIds: [first.op.id, second.op.id] });
});

test('duplicate, unknown: a marker no request of the history sent', () => {
  const world = causeWorld();
  const stray = buildCard({ username: 'alice01', seq: '99', timeMs: T0, topic: 'History' }, 'Q?', 'A');
  userOf(world.users, 1).cards.push(rowFor(stray, T0 + 9001, HISTORY_DECK), rowFor(stray, T0 + 9002, HISTORY_DECK));
  expect(onlyViolation(judgeWorld(world), 'duplicate').cause).toEqual({ kind: 'unknown', missing: 'the request that added it (the history has no add with this marker)' });
});

/** alice01's add at T0+8 s stored with another back. */
function alteredWorld(name?: string) {
  const world = causeWorld(name);
  const { card, op } = world.h.add({ ...ALICE, seq: 8, deckId: HISTORY_DECK, at: T0 + 8000, cardId: T0 + 8001 });
  const stored = { ...rowFor(card, T0 + 8001, HISTORY_DECK), back: 'Altered [MARKER:alice01_8]' };
  userOf(world.users, 1).cards.push(stored);
  return { world, op, card, stored };
}

test('content-mismatch, decided: nothing else touched the card, or a refused update was applied', () => {
  const { world, op } = alteredWorld();
  expect(onlyViolation(judgeWorld(world), 'content-mismatch').cause).toMatchObject({ kind: 'altered-on-write', opIds: [op.id] });
  const refused = alteredWorld('refused');
  const update = refused.world.h.op(ALICE, 'update_card', {
    at: T0 + 8500,
    method: 'PUT',
    path: `/cards/${T0 + 8001}`,
    status: 400,
    outcome: 'fail',
    intent: { marker: 'alice01_8', cardId: T0 + 8001, front: refused.stored.front, back: refused.stored.back },
  });
  expect(onlyViolation(judgeWorld(refused.world), 'content-mismatch').cause).toMatchObject({ kind: 'refused-update-applied', opIds: [update.id] });
});

test('content-mismatch, unknown: an update may have stored it too', () => {
  const { world, card } = alteredWorld();
  world.h.op(ALICE, 'update_card', {
    at: T0 + 8500,
    method: 'PUT',
    path: `/cards/${T0 + 8001}`,
    intent: { marker: 'alice01_8', cardId: T0 + 8001, front: card.front, back: 'Edited [MARKER:alice01_8]' },
  });
  expect(onlyViolation(judgeWorld(world), 'content-mismatch').cause.kind).toBe('unknown');
});

test("wrong-deck, decided: the writer's own acknowledged switch and nobody else switching", () => {
  const world = causeWorld();
  const own = world.h.op(ALICE, 'set_current_deck', { at: T0 + 10_900, method: 'PUT', path: '/decks/current', intent: { deckId: HISTORY_DECK } });
  const { card } = world.h.add({ ...ALICE, seq: 11, deckId: HISTORY_DECK, at: T0 + 11_000, cardId: T0 + 11_001 });
  userOf(world.users, 1).cards.push(rowFor(card, T0 + 11_001, 1));
  const violation = onlyViolation(judgeWorld(world), 'wrong-deck');
  expect(violation.cause).toMatchObject({ kind: 'server-chose-other-deck', opIds: [own.id] });
  // Another session of the same user switching meanwhile (to a third deck) leaves it open.
  world.h.op({ ...ALICE, vu: 's01' }, 'set_current_deck', { at: T0 + 10_950, method: 'PUT', path: '/decks/current', intent: { deckId: '2' } });
  expect(onlyViolation(judgeWorld(world), 'wrong-deck').cause.kind).toBe('unknown');
});

test('wrong-deck, unknown: no acknowledged switch of the writer before the add', () => {
  const world = causeWorld();
  const { card } = world.h.add({ ...ALICE, seq: 11, deckId: HISTORY_DECK, at: T0 + 11_000, cardId: T0 + 11_001 });
  userOf(world.users, 1).cards.push(rowFor(card, T0 + 11_001, 1));
  const violation = onlyViolation(judgeWorld(world), 'wrong-deck');
  expect(violation.cause).toEqual({ kind: 'unknown', missing: `an acknowledged switch of w01's session to deck ${HISTORY_DECK} before the add (the history has none)` });
});

test('every violation of a mixed world carries a cause, and its sentence ends with it', () => {
  const { world } = misroutedWorld();
  world.h.add({ ...BOB, seq: 5, deckId: 1, at: T0 + 12_000, cardId: T0 + 12_001 });
  const verdict = judgeWorld(world);
  expect(verdict.violations).toHaveLength(2);
  for (const v of verdict.violations) {
    expect(v.cause).toBeDefined();
    expect(v.message).toMatch(/ Cause (unknown — missing: |\([a-z-]+\): ).+\.$/);
  }
});

test('the diagnostic lines tie stored cards to their writers and count what the server flagged itself', () => {
  const { world } = misroutedWorld();
  const lines = [
    ...diagnostics(41, T0 + 7004, { user: 'alice01', id: 1, sid: 's' }, { id: 2, name: 'bob02' }, C, true),
    { at: T0 + 7020, pid: 41, level: 'ERROR' as const, message: `INTEGRITY_VIOLATION card ${C} of alice01 written to user_2.db` },
  ];
  const observation = judgeWorld(world, lines).observations.find((o) => o.kind === 'server-diagnostics');
  // alice01's two cards and bob02's one from the world, and the misrouted one: one of four tied.
  expect(observation?.message).toBe(
    "The server's diagnostic lines tie 1 of the 4 cards this run added and found to the worker, session and session user that wrote them; the server flagged 1 SESSION_MISMATCH, 1 INTEGRITY_VIOLATION.",
  );
  expect(observation?.evidence).toMatchObject({ tiedCards: 1, storedCards: 4, flagged: { SESSION_MISMATCH: 1, CARD_WRITE_VERIFICATION_FAILED: 0, INTEGRITY_VIOLATION: 1 } });
  expect(judgeWorld(world).observations.some((o) => o.kind === 'server-diagnostics')).toBe(false);
});

test("a request's diagnostic lines written in the same millisecond are all its own, in file order", () => {
  const { world } = misroutedWorld();
  const sameMs = diagnostics(41, T0 + 7004, { user: 'alice01', id: 1, sid: 's' }, { id: 2, name: 'bob02' }, C, true).map((line) => ({ ...line, at: T0 + 7004 }));
  const violation = onlyViolation(judgeWorld(world, sameMs), 'misrouted');
  expect(violation.cause.kind).toBe('session-user-changed');
  expect(violation.writtenBy).toMatchObject({ pid: 41, sessionUser: 'alice01', dbPath: '/srv/javumbo/server/user_dbs/user_2.db', sessionMismatch: { expected: '1', got: '2' } });
  expect(violation.writtenBy!.logLines).toHaveLength(4);
});
