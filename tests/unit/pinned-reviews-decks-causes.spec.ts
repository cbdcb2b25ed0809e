/**
 * The causes of a review-mismatch, pinned rule by rule: which GET /review of the session made
 * the recorded card current (and which requests cannot have), what the server log must say for
 * an answer "logged but not kept", and what a stray revlog row's cause names. Each test states
 * the whole cause a user reads, so a rule that changes shows up as a changed sentence.
 */
import { test, expect } from '@playwright/test';
import { CAROL, BOB, SAMPLE_CARD, T0, causeWorld, judgeWorld, onlyViolation, userOf, type CauseWorld } from './support/cause-world.ts';
import { clockText } from '../../db/evidence-text.ts';
import type { Operation } from '../../helpers/history/operation.ts';
import type { Verdict } from '../../db/verdict.ts';

/** Card +2, the card the revlog recorded instead of the one answered. */
const RECORDED = SAMPLE_CARD + 2;

/**
 * carol03's session r01 answered cards +0 (r01#1, T0+5 s) and +1 (r01#2, T0+6 s), both recorded;
 * then its answer on card +4 at T0+7 s (returned here) was recorded on card +2.
 */
function misapplied(world: CauseWorld): Operation {
  const answer = world.h.answer(CAROL, SAMPLE_CARD + 4, 3, T0 + 7000);
  userOf(world.users, 3).revlog!.push({ id: T0 + 7010, cardId: RECORDED, ease: 3 });
  return answer;
}

/** A GET /review of carol03's session r01 (or another VU / cookie), answered with `cardId`, no card (`body`), or given up on (null). */
function review(world: CauseWorld, at: number, cardId: number | null, extra: Partial<Operation> = {}): Operation {
  const who = { ...CAROL, vu: extra.vu ?? CAROL.vu };
  const fields: Partial<Operation> = cardId === null ? { status: null, outcome: 'info', body: null, error: 'timeout' } : { body: { cardId, front: 'f', back: 'b', queue: 0 } };
  return world.h.op(who, 'get_review', { at, path: '/review', ...fields, ...extra });
}

/** The causes of the verdict's review-mismatches (a shared cookie is also a session-mismatch, judged elsewhere). */
const reviewCauses = (verdict: Verdict) => verdict.violations.filter((v) => v.class === 'review-mismatch').map((v) => v.cause);

const neverServed = (previous: string, last = '') =>
  `no GET /review of this session since its previous answer (${previous}) showed card ${RECORDED} and none went unanswered${last} — the server applied the answer to a card it never served`;

test('an answer recorded with another ease on the card answered has an unknown cause naming the ease the revlog holds', () => {
  const world = causeWorld();
  const answer = world.h.answer(CAROL, SAMPLE_CARD + 4, 3, T0 + 7000);
  userOf(world.users, 3).revlog!.push({ id: T0 + 7010, cardId: SAMPLE_CARD + 4, ease: 2 });
  expect(onlyViolation(judgeWorld(world), 'review-mismatch').cause).toEqual({
    kind: 'unknown',
    missing: `what ease the server received for ${answer.id} (no request of the history sent ease 2 for card ${SAMPLE_CARD + 4} then)`,
  });
});

test("the session's previous answer is its own last acknowledged answer before this one: not a later answer, nor another device's, nor a GET /review", () => {
  const world = causeWorld();
  misapplied(world);
  // Another device of carol03 answers between r01#2 and the misapplied answer; its row is kept.
  const otherDevice = { ...CAROL, vu: 'r02' };
  world.h.answer(otherDevice, SAMPLE_CARD + 7, 2, T0 + 6600);
  userOf(world.users, 3).revlog!.push({ id: T0 + 6610, cardId: SAMPLE_CARD + 7, ease: 2 });
  // The same session answers again later; that answer is recorded right.
  world.h.answer(CAROL, SAMPLE_CARD + 6, 2, T0 + 9000);
  userOf(world.users, 3).revlog!.push({ id: T0 + 9010, cardId: SAMPLE_CARD + 6, ease: 2 });
  const violation = onlyViolation(judgeWorld(world), 'review-mismatch');
  // No GET /review at all: nothing of the session to name as its last one.
  expect(violation.cause).toEqual({ kind: 'answered-card-never-served', text: neverServed('r01#2'), opIds: [] });
});

test("a GET /review answered before the session's previous answer was sent cannot have made the recorded card current: that answer consumed it", () => {
  const world = causeWorld();
  // r01#1 and r01#2 are the world's answers; this GET /review came before r01#2 (T0+6 s).
  const before = review(world, T0 + 5500, RECORDED);
  const last = review(world, T0 + 6500, SAMPLE_CARD + 4);
  misapplied(world);
  expect(before.returnedAt).toBeLessThan(T0 + 6000);
  const violation = onlyViolation(judgeWorld(world), 'review-mismatch');
  expect(violation.cause).toEqual({
    kind: 'answered-card-never-served',
    text: neverServed('r01#2', ` (its last one, ${last.id}, showed card ${SAMPLE_CARD + 4})`),
    opIds: [last.id],
  });
});

test("a GET /review whose response came exactly when the session's previous answer was sent still counts as having made the card current", () => {
  const world = causeWorld();
  const maker = review(world, T0 + 5980, RECORDED);
  const answer = misapplied(world);
  expect(maker.returnedAt).toBe(T0 + 6000);
  expect(onlyViolation(judgeWorld(world), 'review-mismatch').cause).toEqual({
    kind: 'card-made-current-by',
    text: `card ${RECORDED} was made current by ${maker.id}, a GET /review of the same session answered at ${clockText(maker.returnedAt)} with that card, while ${answer.vu} answered card ${SAMPLE_CARD + 4}`,
    opIds: [maker.id],
    clientGaveUp: false,
  });
});

test('a GET /review sent when the answer was sent, or after it, did not make the answered card current', () => {
  const world = causeWorld();
  misapplied(world);
  const same = review(world, T0 + 7000, RECORDED);
  review(world, T0 + 7500, RECORDED);
  const violation = onlyViolation(judgeWorld(world), 'review-mismatch');
  expect(violation.cause).toEqual({ kind: 'answered-card-never-served', text: neverServed('r01#2'), opIds: [] });
  expect(same.sentAt).toBe(T0 + 7000);
});

test('of several GET /review requests given up on, the latest the log shows serving the card is the one that made it current', () => {
  const world = causeWorld();
  const first = review(world, T0 + 6300, null);
  const second = review(world, T0 + 6500, null);
  const answer = misapplied(world);
  // A line naming the user and the card, as the target writes it while serving GET /review.
  const served = { at: T0 + 6900, pid: 7, message: `User 3 (carol03) Found review card ${RECORDED} (queue=2)` };
  const verdict = judgeWorld(world, [served]);
  expect(verdict.violations).toEqual([]);
  const late = verdict.observations.filter((o) => o.kind === 'applied-late');
  expect(late.map((o) => o.evidence.opIds)).toEqual([[second.id]]);
  expect(late.map((o) => o.evidence.effects)).toEqual([
    [{ opId: second.id, vu: 'r01', at: null, what: `made card ${RECORDED} current, and ${answer.id}'s answer was recorded on it instead of card ${SAMPLE_CARD + 4}` }],
  ]);
  expect(first.id).not.toBe(second.id);
});

test('a log line serving the card before the abandoned GET /review was sent does not show that request serving it', () => {
  const world = causeWorld();
  const abandoned = review(world, T0 + 6500, null);
  misapplied(world);
  const earlier = { at: T0 + 6200, pid: 7, message: `Found review card ${RECORDED} (queue=2)` };
  const violation = onlyViolation(judgeWorld(world, [earlier]), 'review-mismatch');
  expect(violation.cause).toEqual({
    kind: 'unknown',
    missing: `which card ${abandoned.id} made current: the client gave up on that GET /review and no log line names card ${RECORDED}`,
  });
});

test('several GET /review requests given up on with no line naming the card: the unknown cause lists them all', () => {
  const world = causeWorld();
  const first = review(world, T0 + 6300, null);
  const second = review(world, T0 + 6500, null);
  misapplied(world);
  expect(onlyViolation(judgeWorld(world), 'review-mismatch').cause).toEqual({
    kind: 'unknown',
    missing: `which card ${first.id}, ${second.id} made current: the client gave up on those GET /review requests and no log line names card ${RECORDED}`,
  });
});

test("a session's last GET /review that showed no card, or answered with a page instead of JSON, is named as showing none", () => {
  for (const body of [{ message: 'No cards due' }, { cardId: String(SAMPLE_CARD + 4) }, '<html>Bad gateway</html>']) {
    const world = causeWorld(`body-${typeof body}-${Object.keys(body).length}`);
    const last = review(world, T0 + 6500, 0, { body });
    misapplied(world);
    expect(onlyViolation(judgeWorld(world), 'review-mismatch').cause).toEqual({
      kind: 'answered-card-never-served',
      text: neverServed('r01#2', ` (its last one, ${last.id}, showed card none)`),
      opIds: [last.id],
    });
  }
});

test('a refused answer recorded: the cause names the request and the refusal the client received', () => {
  const world = causeWorld();
  const refused = world.h.answer(CAROL, SAMPLE_CARD + 3, 1, T0 + 8000, 'fail');
  userOf(world.users, 3).revlog!.push({ id: T0 + 8010, cardId: SAMPLE_CARD + 3, ease: 1 });
  expect(onlyViolation(judgeWorld(world), 'review-mismatch').cause).toEqual({
    kind: 'refused-answer-recorded',
    text: `${refused.id} was in flight when the row was written and was refused (400 "Card not found") — the server recorded an answer it refused`,
    opIds: [refused.id],
  });
});

test('a second row of an acknowledged answer: the cause names the answer that wrote two rows', () => {
  const world = causeWorld();
  const answer = world.h.answer(CAROL, SAMPLE_CARD + 3, 1, T0 + 8000);
  userOf(world.users, 3).revlog!.push({ id: T0 + 8005, cardId: SAMPLE_CARD + 3, ease: 1 }, { id: T0 + 8010, cardId: SAMPLE_CARD + 3, ease: 1 });
  expect(onlyViolation(judgeWorld(world), 'review-mismatch').cause).toEqual({
    kind: 'answer-recorded-twice',
    text: `${answer.id} is the only answer on card ${SAMPLE_CARD + 3} in flight then, and its row is already claimed — one answer wrote two rows`,
    opIds: [answer.id],
  });
});

/** bob02 answers card 0 from `sent` to `returned` (ms after T0), its row kept; its id. */
function bobAnswer(world: CauseWorld, sent: number, returned: number): string {
  const op = world.h.answer(BOB, SAMPLE_CARD, 3, T0 + sent);
  op.returnedAt = T0 + returned;
  userOf(world.users, 2).revlog!.push({ id: T0 + sent + 1, cardId: SAMPLE_CARD, ease: 3 });
  return op.id;
}

/** The cause of carol03's stray row at T0+9 s. */
function strayRowCause(world: CauseWorld) {
  userOf(world.users, 3).revlog!.push({ id: T0 + 9000, cardId: SAMPLE_CARD + 6, ease: 2 });
  return judgeWorld(world)
    .violations.filter((v) => v.expectedUser === 'carol03')
    .map((v) => v.cause);
}

const strayMissing = (listed: string[]) => `the request that wrote it: no answer of carol03 was in flight at ${clockText(T0 + 9000)} (answers of other users in flight: ${listed.join(', ')})`;

test("a stray row's cause lists other users' answers in flight at that moment, within the 5 ms clock slack at either end", () => {
  const world = causeWorld();
  // Not in flight, listed first so that they would show: answered long before, sent 6 ms after,
  // answered 6 ms before; a GET /review in flight is no answer; carol03's own answer is not another user's.
  bobAnswer(world, 8000, 8100);
  bobAnswer(world, 9006, 9020);
  bobAnswer(world, 8980, 8994);
  world.h.op(BOB, 'get_review', { at: T0 + 8995, path: '/review', body: { cardId: SAMPLE_CARD } });
  world.h.answer(CAROL, SAMPLE_CARD + 3, 2, T0 + 8990);
  userOf(world.users, 3).revlog!.push({ id: T0 + 8992, cardId: SAMPLE_CARD + 3, ease: 2 });
  // In flight: answered 5 ms before the row, sent 5 ms after it, and one around it.
  const listed = [bobAnswer(world, 8990, 8995), bobAnswer(world, 9005, 9010), bobAnswer(world, 8900, 9100)];
  expect(strayRowCause(world)).toEqual([{ kind: 'unknown', missing: strayMissing(listed) }]);
});

test("a stray row's cause names at most five of the other users' answers in flight", () => {
  const world = causeWorld();
  const inFlight = [8950, 8960, 8970, 8980, 8990, 8995].map((sent) => bobAnswer(world, sent, 9050));
  expect(strayRowCause(world)).toEqual([{ kind: 'unknown', missing: strayMissing(inFlight.slice(0, 5)) }]);
});

test("a stray row with no other user's answer in flight has a cause that lists nobody", () => {
  const world = causeWorld();
  // Within the run's span (its last response, T0+6.02 s, and the 2 s clock tolerance).
  userOf(world.users, 3).revlog!.push({ id: T0 + 7500, cardId: SAMPLE_CARD + 6, ease: 2 });
  expect(onlyViolation(judgeWorld(world), 'review-mismatch').cause).toEqual({
    kind: 'unknown',
    missing: `the request that wrote it: no answer of carol03 was in flight at ${clockText(T0 + 7500)}`,
  });
});

test('an acknowledged answer with no row and no server log: the cause asks for the log', () => {
  const world = causeWorld();
  world.h.answer(CAROL, SAMPLE_CARD + 5, 3, T0 + 8000);
  expect(onlyViolation(judgeWorld(world), 'review-mismatch').cause).toEqual({ kind: 'unknown', missing: 'a server log with the lines of this answer' });
});

test("an answer logged and not kept: only an INFO line of the answer's own user about reviewing that card shows it", () => {
  const dropped = (name: string) => {
    const world = causeWorld(name);
    const answer = world.h.answer(CAROL, SAMPLE_CARD + 5, 3, T0 + 8000);
    return { world, answer };
  };
  const unknown = (answer: Operation) => ({ kind: 'unknown', missing: `a server log line of ${answer.id} about card ${SAMPLE_CARD + 5} (the log has none while it was in flight)` });

  const kept = dropped('kept');
  const logged = { at: T0 + 8012, pid: 7, message: `User 3 (carol03) reviewed card ${SAMPLE_CARD + 5} ("Q") ease=3: New → Learning` };
  const other = { at: T0 + 8005, pid: 7, message: `User 3 (carol03) opened the deck list` };
  expect(onlyViolation(judgeWorld(kept.world, [other, logged]), 'review-mismatch').cause).toEqual({
    kind: 'answer-not-recorded',
    text: `the server logged reviewing card ${SAMPLE_CARD + 5} while ${kept.answer.id} was in flight and answered 200, yet the revlog has no row for it — the write was not kept`,
    opIds: [kept.answer.id],
    logLines: [expect.stringContaining(`reviewed card ${SAMPLE_CARD + 5}`)],
  });

  // A line naming the card but no user, a line of the user about another card, an error line: none shows the write.
  const anonymous = dropped('anonymous');
  expect(onlyViolation(judgeWorld(anonymous.world, [{ at: T0 + 8012, pid: 7, message: `reviewed card ${SAMPLE_CARD + 5} ease=3` }]), 'review-mismatch').cause).toEqual(unknown(anonymous.answer));
  const otherCard = dropped('other-card');
  expect(onlyViolation(judgeWorld(otherCard.world, [{ at: T0 + 8012, pid: 7, message: `User 3 (carol03) reviewed card ${SAMPLE_CARD + 9} ease=3` }]), 'review-mismatch').cause).toEqual(
    unknown(otherCard.answer),
  );
  const failed = dropped('failed');
  expect(
    onlyViolation(judgeWorld(failed.world, [{ at: T0 + 8012, pid: 7, level: 'ERROR', message: `User 3 (carol03) could not review card ${SAMPLE_CARD + 5}: database is locked` }]), 'review-mismatch')
      .cause,
  ).toEqual(unknown(failed.answer));
});

test("a session is its VU and its cookie: another VU's answer with the same cookie, or the VU's answer under an earlier cookie, is not the session's previous answer", () => {
  for (const [name, who, cookie] of [
    ['same-cookie', { ...CAROL, vu: 'r02' }, 'cookie-r01'],
    ['earlier-cookie', CAROL, 'cookie-r01-before-login'],
  ] as const) {
    const world = causeWorld(name);
    const other = world.h.answer(who, SAMPLE_CARD + 7, 2, T0 + 6500);
    other.cookieFingerprint = cookie;
    userOf(world.users, 3).revlog!.push({ id: T0 + 6510, cardId: SAMPLE_CARD + 7, ease: 2 });
    misapplied(world);
    expect(reviewCauses(judgeWorld(world)), name).toEqual([{ kind: 'answered-card-never-served', text: neverServed('r01#2'), opIds: [] }]);
  }
});

test('a session is its VU and its cookie: a GET /review of another VU with the same cookie, or of the VU under an earlier cookie, did not make the card current', () => {
  for (const [name, extra] of [
    ['same-cookie', { vu: 'r02' }],
    ['earlier-cookie', { cookieFingerprint: 'cookie-r01-before-login' }],
  ] as const) {
    const world = causeWorld(name);
    review(world, T0 + 6500, RECORDED, extra);
    misapplied(world);
    expect(reviewCauses(judgeWorld(world)), name).toEqual([{ kind: 'answered-card-never-served', text: neverServed('r01#2'), opIds: [] }]);
  }
});

test('the previous answer is the latest one answered by the time this one was sent, even in the same millisecond', () => {
  const world = causeWorld();
  const previous = world.h.answer(CAROL, SAMPLE_CARD + 7, 2, T0 + 6980);
  userOf(world.users, 3).revlog!.push({ id: T0 + 6990, cardId: SAMPLE_CARD + 7, ease: 2 });
  const answer = misapplied(world);
  expect(previous.returnedAt).toBe(answer.sentAt);
  expect(onlyViolation(judgeWorld(world), 'review-mismatch').cause).toEqual({ kind: 'answered-card-never-served', text: neverServed(previous.id), opIds: [] });
});

test('an answer answered within its millisecond is not its own previous answer', () => {
  const world = causeWorld();
  // Another device: no answer of its session came before.
  const answer = world.h.answer({ ...CAROL, vu: 'r02' }, SAMPLE_CARD + 4, 3, T0 + 7000);
  answer.returnedAt = answer.sentAt;
  userOf(world.users, 3).revlog!.push({ id: T0 + 7000, cardId: RECORDED, ease: 3 });
  expect(onlyViolation(judgeWorld(world), 'review-mismatch').cause).toEqual({
    kind: 'answered-card-never-served',
    text: `no GET /review of this session since its previous answer showed card ${RECORDED} and none went unanswered — the server applied the answer to a card it never served`,
    opIds: [],
  });
});
