/**
 * The review judge's rules, pinned: whose revlog is judged and which of its rows, which answers
 * can be judged at all, in which order answers claim rows, when an answer the client gave up on
 * may claim a row on another card (a later GET /review of its own session showed it, after it
 * was sent, and the row came after the client gave up), and what a review-mismatch tells.
 */
import { test, expect } from '@playwright/test';
import { CAROL, SAMPLE_CARD, T0, causeWorld, judgeWorld, onlyViolation, userOf, type CauseWorld } from './support/cause-world.ts';
import { clockText } from '../../db/evidence-text.ts';
import type { Operation } from '../../helpers/history/operation.ts';

/** carol03's answer on card +4 with ease 3 at T0+7 s that the client gave up on at T0+17 s (its 10 s timeout). */
function timedOut(world: CauseWorld): Operation {
  const answer = world.h.answer(CAROL, SAMPLE_CARD + 4, 3, T0 + 7000, 'info');
  answer.returnedAt = T0 + 17_000;
  return answer;
}

/** A GET /review at `at` showing `cardId`, of carol03's session r01 unless `extra` says another VU or cookie. */
function review(world: CauseWorld, at: number, cardId: number, extra: Partial<Operation> = {}): Operation {
  return world.h.op({ ...CAROL, vu: extra.vu ?? CAROL.vu }, 'get_review', { at, path: '/review', body: { cardId, front: 'f', back: 'b', queue: 0 }, ...extra });
}

function row(world: CauseWorld, id: number, cardId: number, ease: number): void {
  userOf(world.users, 3).revlog!.push({ id, cardId, ease });
}

test('reviews all recorded right leave no violation and add no observation', () => {
  const verdict = judgeWorld(causeWorld());
  expect(verdict.violations).toEqual([]);
  // The world's only observation: alice01's and bob02's cards share a whole-second id.
  expect(verdict.observations.map((o) => o.kind)).toEqual(['id-collision']);
  expect(verdict.unjudged).toEqual([]);
});

test('a user who answered nothing in the history has a revlog the run does not cover: its rows are not judged', () => {
  const world = causeWorld();
  userOf(world.users, 1).revlog!.push({ id: T0 + 1500, cardId: T0 + 1001, ease: 3 });
  expect(judgeWorld(world).violations).toEqual([]);
});

test('answers of a user with no database are left to the database index: the review judge does not fail on them', () => {
  const world = causeWorld();
  world.h.answer({ vu: 'r09', username: 'dave04', userId: 4 }, SAMPLE_CARD, 3, T0 + 7000);
  const verdict = judgeWorld(world);
  expect(verdict.unjudged).toEqual([]);
  expect(verdict.violations.filter((v) => v.class === 'review-mismatch')).toEqual([]);
});

test("the run's span for revlog rows reaches exactly the clock tolerance (2 s) before its first request and after its last response", () => {
  const world = causeWorld();
  // First request: alice01's add at T0+1 s; last response: carol03's answer at T0+6.02 s.
  const inside = [T0 + 1000 - 2000, T0 + 6020 + 2000];
  row(world, inside[0]!, SAMPLE_CARD + 5, 2);
  row(world, inside[1]!, SAMPLE_CARD + 6, 2);
  row(world, T0 + 1000 - 2001, SAMPLE_CARD + 7, 2);
  row(world, T0 + 6020 + 2001, SAMPLE_CARD + 8, 2);
  const violations = judgeWorld(world).violations;
  expect(violations.map((v) => v.cardId)).toEqual([SAMPLE_CARD + 5, SAMPLE_CARD + 6]);
});

test('an answer the history recorded without the card or the ease it sent cannot be judged: no violation either way', () => {
  const world = causeWorld();
  const noIntent = world.h.answer(CAROL, SAMPLE_CARD + 4, 3, T0 + 7000);
  delete noIntent.intent;
  const noEase = world.h.answer(CAROL, SAMPLE_CARD + 5, 3, T0 + 7100);
  noEase.intent = { cardId: SAMPLE_CARD + 5 };
  const noCard = world.h.answer(CAROL, SAMPLE_CARD + 6, 3, T0 + 7200);
  noCard.intent = { ease: 3 };
  const verdict = judgeWorld(world);
  expect(verdict.unjudged).toEqual([]);
  expect(verdict.violations).toEqual([]);
});

test('answers claim rows in the order they were sent, whatever the order of the history: the later one misses the shared row', () => {
  const world = causeWorld();
  // Two devices of carol03 answer card +4 with ease 3; one row was written while both were in flight.
  const later = world.h.answer({ ...CAROL, vu: 'r02' }, SAMPLE_CARD + 4, 3, T0 + 7010);
  const earlier = world.h.answer(CAROL, SAMPLE_CARD + 4, 3, T0 + 7000);
  row(world, T0 + 7015, SAMPLE_CARD + 4, 3);
  const violation = onlyViolation(judgeWorld(world), 'review-mismatch');
  expect(violation.opIds).toEqual([later.id]);
  expect(earlier.sentAt).toBeLessThan(later.sentAt);
});

test('an answer given up on that claims the row written while it was in flight did not act late', () => {
  const world = causeWorld();
  const answer = timedOut(world);
  row(world, T0 + 7010, SAMPLE_CARD + 4, 3);
  const verdict = judgeWorld(world);
  expect(verdict.violations).toEqual([]);
  expect(verdict.observations.filter((o) => o.kind === 'applied-late')).toEqual([]);
  expect(answer.outcome).toBe('info');
});

test('an answer given up on, served late, applies to any card a later GET /review of its session showed, and the late effect says which', () => {
  const world = causeWorld();
  const answer = timedOut(world);
  review(world, T0 + 8000, SAMPLE_CARD + 5);
  review(world, T0 + 9000, SAMPLE_CARD + 6);
  row(world, T0 + 17_500, SAMPLE_CARD + 5, 3);
  const verdict = judgeWorld(world);
  expect(verdict.violations).toEqual([]);
  const late = verdict.observations.filter((o) => o.kind === 'applied-late');
  expect(late.map((o) => o.evidence.effects)).toEqual([
    [
      {
        opId: answer.id,
        vu: 'r01',
        at: T0 + 17_500,
        what: `revlog row for card ${SAMPLE_CARD + 5} (the card a later GET /review of the session made current, not card ${SAMPLE_CARD + 4}) with ease 3`,
      },
    ],
  ]);
});

test('an answer given up on and served late on its own card: the late effect names only that card', () => {
  const world = causeWorld();
  const answer = timedOut(world);
  row(world, T0 + 17_500, SAMPLE_CARD + 4, 3);
  const late = judgeWorld(world).observations.filter((o) => o.kind === 'applied-late');
  expect(late.map((o) => o.evidence.effects)).toEqual([[{ opId: answer.id, vu: 'r01', at: T0 + 17_500, what: `revlog row for card ${SAMPLE_CARD + 4} with ease 3` }]]);
});

test('a row on a card the session showed later is not the late answer when its ease differs, or when it was written before the client gave up', () => {
  const world = causeWorld();
  timedOut(world);
  review(world, T0 + 8000, SAMPLE_CARD + 5);
  row(world, T0 + 12_000, SAMPLE_CARD + 5, 3); // while the answer was still in flight
  row(world, T0 + 17_000, SAMPLE_CARD + 5, 3); // the moment the client gave up
  row(world, T0 + 17_500, SAMPLE_CARD + 5, 1); // another ease
  const verdict = judgeWorld(world);
  expect(verdict.violations.map((v) => v.message.includes('that no answer in the history accounts for'))).toEqual([true, true, true]);
  expect(verdict.observations.filter((o) => o.kind === 'applied-late')).toEqual([]);
});

test("a card shown by a GET /review sent before the answer, or by another VU's or another cookie's session, is not where the late answer went", () => {
  for (const [name, extra, at] of [
    ['before', {}, T0 + 6990],
    ['other-vu', { vu: 'r02', cookieFingerprint: 'cookie-r02' }, T0 + 8000],
    ['other-cookie', { cookieFingerprint: 'cookie-r01-relogin' }, T0 + 8000],
  ] as const) {
    const world = causeWorld(name);
    timedOut(world);
    review(world, at, SAMPLE_CARD + 5, extra);
    row(world, T0 + 17_500, SAMPLE_CARD + 5, 3);
    const verdict = judgeWorld(world);
    expect(
      verdict.violations.map((v) => v.cardId),
      name,
    ).toEqual([SAMPLE_CARD + 5]);
  }
});

test('a GET /review sent the same millisecond as the answer given up on may have shown the card the answer went to', () => {
  const world = causeWorld();
  timedOut(world);
  review(world, T0 + 7000, SAMPLE_CARD + 5);
  row(world, T0 + 17_500, SAMPLE_CARD + 5, 3);
  const verdict = judgeWorld(world);
  expect(verdict.violations).toEqual([]);
  expect(verdict.observations.filter((o) => o.kind === 'applied-late').map((o) => o.evidence.count)).toEqual([1]);
});

test('a review-mismatch for an acknowledged answer with no row tells who answered what, when, and names the user, the request and the log', () => {
  const world = causeWorld();
  const answer = world.h.answer(CAROL, SAMPLE_CARD + 4, 3, T0 + 7000);
  answer.userId = null; // the recorder did not know the id: the database's user still finds the log lines
  const line = { at: T0 + 7010, pid: 7, message: 'User 3 (carol03) opened a session' };
  const cardLine = { at: T0 + 7012, pid: 7, message: `Found review card ${SAMPLE_CARD + 4} (queue=2)` };
  const violation = onlyViolation(judgeWorld(world, [line, cardLine]), 'review-mismatch');
  expect(violation).toMatchObject({
    vu: 'r01',
    cardId: SAMPLE_CARD + 4,
    expectedUser: 'carol03',
    expectedUserId: 3,
    opIds: [answer.id],
    sentAt: T0 + 7000,
    returnedAt: T0 + 7020,
  });
  expect(violation.message).toContain(
    `r01 (carol03) answered card ${SAMPLE_CARD + 4} with ease 3 at ${clockText(T0 + 7000)} (200) but user_3.db (carol03) has no revlog row for it — the server acknowledged an answer it did not record.`,
  );
  expect(violation.logLines).toEqual(expect.arrayContaining([expect.stringContaining('User 3 (carol03) opened a session'), expect.stringContaining(`Found review card ${SAMPLE_CARD + 4}`)]));
});

test('a refused answer recorded: the violation names the refused request, its VU and flight, and its log lines', () => {
  const world = causeWorld();
  const refused = world.h.answer(CAROL, SAMPLE_CARD + 3, 1, T0 + 8000, 'fail');
  refused.userId = null; // the log lines are found by the database's user and by the card
  row(world, T0 + 8010, SAMPLE_CARD + 3, 1);
  const lines = [
    { at: T0 + 8012, pid: 7, message: 'User 3 (carol03) answer refused' },
    { at: T0 + 8013, pid: 7, message: `Found review card ${SAMPLE_CARD + 3} (queue=2)` },
  ];
  const violation = onlyViolation(judgeWorld(world, lines), 'review-mismatch');
  expect(violation).toMatchObject({ vu: 'r01', cardId: SAMPLE_CARD + 3, expectedUser: 'carol03', expectedUserId: 3, opIds: [refused.id], sentAt: T0 + 8000, returnedAt: T0 + 8020 });
  expect(violation.message).toContain(
    `user_3.db (carol03) has a revlog row for card ${SAMPLE_CARD + 3} with ease 1 at ${clockText(T0 + 8010)} although r01's answer at ${clockText(T0 + 8000)} was refused (400 "Card not found") — a refused answer was recorded.`,
  );
  expect(violation.logLines).toEqual(expect.arrayContaining([expect.stringContaining('answer refused'), expect.stringContaining(`Found review card ${SAMPLE_CARD + 3}`)]));
});

test("a stray row's violation names no request and no VU, and carries the log lines of its user and of its card written around it", () => {
  const world = causeWorld();
  row(world, T0 + 7500, SAMPLE_CARD + 6, 2);
  const lines = [
    { at: T0 + 7505, pid: 7, message: 'User 3 (carol03) wrote something' },
    { at: T0 + 7506, pid: 8, message: `Found review card ${SAMPLE_CARD + 6} (queue=2)` },
  ];
  const violation = onlyViolation(judgeWorld(world, lines), 'review-mismatch');
  expect(violation).toMatchObject({ cardId: SAMPLE_CARD + 6, expectedUser: 'carol03', expectedUserId: 3, opIds: [] });
  expect([violation.vu, violation.sentAt, violation.returnedAt]).toEqual([undefined, undefined, undefined]);
  expect(violation.logLines).toEqual(expect.arrayContaining([expect.stringContaining('wrote something'), expect.stringContaining(`Found review card ${SAMPLE_CARD + 6}`)]));
  expect(violation.message).toContain(`user_3.db (carol03) has a revlog row for card ${SAMPLE_CARD + 6} with ease 2 at ${clockText(T0 + 7500)} that no answer in the history accounts for`);
});

test('an answer recorded twice: the violation names the answer, its VU and its flight', () => {
  const world = causeWorld();
  const answer = world.h.answer(CAROL, SAMPLE_CARD + 3, 1, T0 + 8000);
  row(world, T0 + 8005, SAMPLE_CARD + 3, 1);
  row(world, T0 + 8010, SAMPLE_CARD + 3, 1);
  const violation = onlyViolation(judgeWorld(world), 'review-mismatch');
  expect(violation).toMatchObject({ vu: 'r01', opIds: [answer.id], sentAt: T0 + 8000, returnedAt: T0 + 8020 });
  expect(violation.message).toContain(`beyond the one row r01's answer at ${clockText(T0 + 8000)} accounts for — one answer was recorded more than once.`);
});
