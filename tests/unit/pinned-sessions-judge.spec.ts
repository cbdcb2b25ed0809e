/**
 * The session judge's rules at their edges: which deck lists are identity probes and what they
 * must (not) show, when a probe deck must already be there, how a 401 and a request answered
 * after logout are told (message, ops, evidence), and which logout a request came after.
 */
import { test, expect } from '@playwright/test';
import type { Operation } from '../../helpers/history/operation.ts';
import type { Verdict } from '../../db/verdict.ts';
import { clockText } from '../../db/evidence-text.ts';
import { deckNamesOf } from '../../db/judges/session-judge.ts';
import { ALICE, BOB, CAROL, T0, causeWorld, judgeWorld, onlyViolation, rowFor, userOf, type CauseWorld } from './support/cause-world.ts';

const S01 = { ...ALICE, vu: 's01' };
const S02 = { ...BOB, vu: 's02' };
const S03 = { ...CAROL, vu: 's03' };
const DENIED = { status: 401, outcome: 'fail', body: { error: 'Authentication required' } } as const;

/** A probe of `who` (its probe deck `probe <username>`) listing the decks named `names`. */
function probe(world: CauseWorld, who: typeof S01, at: number, names: readonly string[], fields: Partial<Operation> = {}): Operation {
  return world.h.op(who, 'list_decks', {
    at,
    path: '/decks',
    intent: { probeDeckName: `probe ${who.username}` },
    body: names.map((name, i) => ({ id: String(100 + i), name })),
    ...fields,
  });
}

/** A judged verdict: every judge ran. */
function judged(world: CauseWorld): Verdict {
  const verdict = judgeWorld(world);
  expect(verdict.unjudged).toEqual([]);
  return verdict;
}

test('a deck list is the names of its entries that are objects with a string name; anything but a list is none', () => {
  expect(deckNamesOf({ decks: [] })).toBeNull();
  expect(deckNamesOf('probe alice01')).toBeNull();
  expect(deckNamesOf([])).toEqual([]);
  expect(deckNamesOf([null, 'probe alice01', { name: 7 }, { id: 1 }, { id: 2, name: 'History' }])).toEqual(['History']);
});

test.describe('identity probes', () => {
  test('a probe the server refused, or answered with something that is not a deck list, is not judged', () => {
    const refused = causeWorld('refused');
    probe(refused, S02, T0 + 3000, ['probe bob02']);
    probe(refused, S01, T0 + 4000, ['probe bob02'], { status: 500, outcome: 'fail' });
    expect(judged(refused).violations).toEqual([]);

    const notAList = causeWorld('not-a-list');
    probe(notAList, S01, T0 + 4000, [], { body: { message: 'maintenance' } });
    expect(judged(notAList).violations).toEqual([]);
  });

  test('the message names each stranger probe deck seen, comma-separated, the cookie, and nothing about its own deck when it was there', () => {
    const world = causeWorld();
    probe(world, S02, T0 + 3000, ['probe bob02']);
    probe(world, S03, T0 + 3500, ['probe carol03']);
    const op = probe(world, S01, T0 + 4000, ['probe alice01', 'probe bob02', 'probe carol03']);
    const violation = onlyViolation(judged(world), 'session-mismatch');
    expect(violation.opIds).toEqual([op.id]);
    expect(violation.message).toContain(
      `s01 (alice01) listed its decks at ${clockText(op.sentAt)} with cookie cookie-s01 and saw bob02's probe deck "probe bob02", carol03's probe deck "probe carol03" — the session served another user's data.`,
    );
  });

  test('the message of a probe missing only its own deck says only that, and an unknown cookie so', () => {
    const world = causeWorld();
    const op = probe(world, S01, T0 + 4000, ['History'], { cookieFingerprint: undefined });
    expect(onlyViolation(judged(world), 'session-mismatch').message).toContain(
      `s01 (alice01) listed its decks at ${clockText(op.sentAt)} with cookie (unknown) and did not see its own probe deck "probe alice01" — the session served another user's data.`,
    );
  });

  test('the evidence holds the log lines of the probing user and of the user whose deck it saw', () => {
    const world = causeWorld();
    probe(world, S02, T0 + 3000, ['probe bob02']);
    probe(world, S01, T0 + 4000, ['probe alice01', 'probe bob02']);
    const own = 'request method=GET path=/decks status=200 duration_ms=3.0 user=1';
    const stranger = 'request method=GET path=/decks status=200 duration_ms=3.0 user=2';
    const verdict = judgeWorld(world, [
      { at: T0 + 4010, pid: 7, message: own },
      { at: T0 + 4012, pid: 8, message: stranger },
    ]);
    const lines = onlyViolation(verdict, 'session-mismatch').logLines;
    expect(lines).toEqual([expect.stringContaining(own), expect.stringContaining(stranger)]);
  });

  test('the first user whose probe carries a deck name owns it', () => {
    const world = causeWorld();
    probe(world, S01, T0 + 3000, ['probe alice01']);
    // bob02's probe names alice01's probe deck as its own: the deck stays alice01's.
    const bobs = probe(world, S02, T0 + 4000, ['probe alice01'], { intent: { probeDeckName: 'probe alice01' } });
    const violation = onlyViolation(judged(world), 'session-mismatch');
    expect(violation.opIds).toEqual([bobs.id]);
    expect(violation.message).toContain(`saw alice01's probe deck "probe alice01"`);
  });
});

test.describe('when a probe must show its own deck', () => {
  /** alice01's database holds her probe deck (id 8), created by `status` answered at `returnedAt`. */
  function created(name: string, status: number, returnedAt: number): CauseWorld {
    const world = causeWorld(name);
    userOf(world.users, 1).decks = { ...userOf(world.users, 1).decks, '8': 'probe alice01' };
    const ok = status === 201;
    const op = world.h.op(S01, 'create_deck', {
      at: returnedAt - 20,
      method: 'POST',
      path: '/decks',
      status,
      outcome: ok ? 'ok' : 'fail',
      body: ok ? { id: '8', name: 'probe alice01' } : { error: 'Deck already exists' },
      intent: { deckName: 'probe alice01' },
    });
    op.returnedAt = returnedAt;
    return world;
  }

  test('from the moment its creation was answered 201, inclusive: a list sent then without it is a mismatch', () => {
    const world = created('at', 201, T0 + 4000);
    probe(world, S01, T0 + 4000, ['History']);
    expect(onlyViolation(judged(world), 'session-mismatch').message).toContain('did not see its own probe deck "probe alice01"');
  });

  test('a 409 (it already existed) is a creation too', () => {
    const world = created('conflict', 409, T0 + 3000);
    probe(world, S01, T0 + 4000, ['History']);
    expect(onlyViolation(judged(world), 'session-mismatch').message).toContain('did not see its own probe deck "probe alice01"');
  });

  test('a list sent before the creation was answered need not show it', () => {
    const world = created('before', 201, T0 + 4500);
    probe(world, S01, T0 + 4000, ['History']);
    expect(judged(world).violations).toEqual([]);
  });

  test('adding a card to the probe deck is not its creation: with none recorded the probe claims the deck exists', () => {
    const world = causeWorld();
    userOf(world.users, 1).decks = { ...userOf(world.users, 1).decks, '8': 'probe alice01' };
    const cardId = T0 + 5001;
    const { card } = world.h.add({ ...ALICE, seq: 9, deckId: '8', deckName: 'probe alice01', at: T0 + 5000, cardId });
    userOf(world.users, 1).cards.push(rowFor(card, cardId, '8'));
    probe(world, S01, T0 + 4000, ['History']);
    expect(onlyViolation(judged(world), 'session-mismatch').message).toContain('did not see its own probe deck "probe alice01"');
  });

  test("only the owner's creation of a probe deck counts for it; a creation without an intent is no probe deck's", () => {
    const world = causeWorld();
    probe(world, S01, T0 + 3000, ['probe alice01']);
    // bob02 claims alice01's probe deck name and creates a deck of that name after listing.
    probe(world, S02, T0 + 4000, ['History'], { intent: { probeDeckName: 'probe alice01' } });
    userOf(world.users, 2).decks = { '9': 'probe alice01', '10': 'Untitled' };
    const create = (at: number, fields: Partial<Operation>) => {
      world.h.op(S02, 'create_deck', { at, method: 'POST', path: '/decks', status: 201, ...fields });
    };
    create(T0 + 4500, { body: { id: '9', name: 'probe alice01' }, intent: { deckName: 'probe alice01' } });
    create(T0 + 4600, { body: { id: '10', name: 'Untitled' } });
    const violation = onlyViolation(judged(world), 'session-mismatch');
    expect(violation.expectedUser).toBe('bob02');
    expect(violation.message).toContain('did not see its own probe deck "probe alice01"');
  });

  test('a probe deck the server acknowledged and lost explains its absence, whatever name the answer gave it', () => {
    const world = causeWorld();
    world.h.op(S01, 'create_deck', { at: T0 + 3000, method: 'POST', path: '/decks', status: 201, body: { id: '8', name: 'Probe Alice01' }, intent: { deckName: 'probe alice01' } });
    probe(world, S01, T0 + 4000, ['History']);
    expect(judged(world).violations.map((v) => v.class)).toEqual(['lost-deck']);
  });

  test('a lost deck created without an intent is keyed by the name the server answered', () => {
    const world = causeWorld();
    world.h.op(S01, 'create_deck', { at: T0 + 3000, method: 'POST', path: '/decks', status: 201, body: { id: '8', name: 'probe alice01' } });
    probe(world, S01, T0 + 4000, ['History']);
    expect(judged(world).violations.map((v) => v.class)).toEqual(['lost-deck']);
  });
});

test.describe('a 401 on a valid session', () => {
  test('a lone 401 names no later requests; its cookie is named, or said unknown', () => {
    const world = causeWorld();
    const op = world.h.op(BOB, 'list_decks', { at: T0 + 9000, path: '/decks', ...DENIED });
    const message = onlyViolation(judged(world), 'session-mismatch').message;
    expect(message).toContain(`w02 (bob02) got 401 on GET /decks at ${clockText(op.sentAt)} though its session (cookie cookie-w02) was valid — the server forgot or mixed up a live session.`);

    const unknown = causeWorld('unknown');
    unknown.h.op({ ...BOB, vu: 'w05' }, 'list_decks', { at: T0 + 9000, path: '/decks', ...DENIED, cookieFingerprint: undefined });
    expect(onlyViolation(judged(unknown), 'session-mismatch').message).toContain(`though its session (cookie (unknown)) was valid`);
  });

  test('one later refusal of the same cookie is counted in the singular', () => {
    const world = causeWorld();
    world.h.op(BOB, 'list_decks', { at: T0 + 9000, path: '/decks', ...DENIED });
    world.h.op(BOB, 'list_decks', { at: T0 + 9300, path: '/decks', ...DENIED });
    expect(onlyViolation(judged(world), 'session-mismatch').message).toContain('(and 1 later request with that cookie, until it was accepted again or the VU logged in)');
  });

  test('the evidence is the log of the refused user, known by name when the request carries no user id', () => {
    const world = causeWorld();
    world.h.op(BOB, 'list_decks', { at: T0 + 9000, path: '/decks', ...DENIED, userId: null });
    const line = 'request method=GET path=/decks status=401 duration_ms=1.0 user=2';
    expect(onlyViolation(judgeWorld(world, [{ at: T0 + 9010, pid: 7, message: line }]), 'session-mismatch').logLines).toEqual([expect.stringContaining(line)]);
  });

  test("the VU's own abandoned logout explains the 401 as an effect applied late, described by the refused request", () => {
    const world = causeWorld();
    world.h.op(BOB, 'logout', { at: T0 + 8000, method: 'POST', path: '/logout', status: null, outcome: 'info', body: null, error: 'timeout' });
    world.h.op(BOB, 'login', { at: T0 + 8100, method: 'POST', path: '/login' });
    const refused = world.h.op(BOB, 'list_decks', { at: T0 + 9000, path: '/decks', ...DENIED });
    const late = judged(world).observations.find((o) => o.kind === 'applied-late');
    expect(late?.evidence).toMatchObject({ effects: [{ what: `401 on GET /decks (${refused.id}) at ${clockText(refused.sentAt)}` }] });
  });
});

test.describe('a request answered as logged in after its logout', () => {
  const ENDED = { sessionValid: false, body: [{ id: '1', name: 'MyFirstDeck' }] } as const;
  const logout = (world: CauseWorld, who: typeof BOB, at: number, fields: Partial<Operation> = {}) => world.h.op(who, 'logout', { at, method: 'POST', path: '/logout', ...fields });

  test("the logout it came after is this VU's last one: another VU's acknowledged logout does not replace its own abandoned one", () => {
    const world = causeWorld();
    logout(world, BOB, T0 + 8000, { status: null, outcome: 'info', body: null, error: 'timeout' });
    logout(world, ALICE, T0 + 8500);
    world.h.op(BOB, 'list_decks', { at: T0 + 9000, path: '/decks', ...ENDED });
    expect(judged(world).violations).toEqual([]);
  });

  test('the logout it came after is the last one answered by the time it was sent, inclusive', () => {
    const world = causeWorld();
    const ended = logout(world, BOB, T0 + 8980);
    world.h.op(BOB, 'list_decks', { at: T0 + 9000, path: '/decks', ...ENDED });
    // A logout given up on later does not undo the one acknowledged before.
    logout(world, BOB, T0 + 9500, { status: null, outcome: 'info', body: null, error: 'timeout' });
    expect(onlyViolation(judged(world), 'session-mismatch').cause).toMatchObject({ kind: 'session-kept-after-logout', opIds: [ended.id] });
  });

  test('the message names its cookie; with no logout in the history the cause says so', () => {
    const world = causeWorld();
    const op = world.h.op(BOB, 'list_decks', { at: T0 + 9000, path: '/decks', ...ENDED });
    const violation = onlyViolation(judged(world), 'session-mismatch');
    expect(violation.message).toContain(
      `w02 (bob02) GET /decks at ${clockText(op.sentAt)}, sent after its logout, was answered 200 as a logged-in user — the server did not end the session (cookie cookie-w02).`,
    );
    expect(violation.cause).toEqual({ kind: 'unknown', missing: 'the logout of w02 this request came after (the history holds none)' });
  });

  test('a logout of another cookie, or of no known cookie, is not proven to be the one that ended this session', () => {
    const other = causeWorld('other');
    const ended = logout(other, BOB, T0 + 8000);
    const op = other.h.op(BOB, 'list_decks', { at: T0 + 9000, path: '/decks', ...ENDED, cookieFingerprint: 'cookie-new' });
    expect(onlyViolation(judged(other), 'session-mismatch').cause).toEqual({
      kind: 'unknown',
      missing: `whether the session of ${op.id} (cookie cookie-new) is the one ${ended.id} ended (cookie cookie-w02)`,
    });

    const none = causeWorld('none');
    const blind = logout(none, { ...BOB, vu: 'w05' }, T0 + 8000, { cookieFingerprint: undefined });
    const after = none.h.op({ ...BOB, vu: 'w05' }, 'list_decks', { at: T0 + 9000, path: '/decks', ...ENDED, cookieFingerprint: undefined });
    const violation = onlyViolation(judged(none), 'session-mismatch');
    expect(violation.message).toContain('the server did not end the session (cookie (unknown)).');
    expect(violation.cause).toEqual({ kind: 'unknown', missing: `whether the session of ${after.id} (cookie unknown) is the one ${blind.id} ended (cookie unknown)` });
  });
});
