/**
 * The checker's small shared rules, each pinned at its edge: when an operation may have acted
 * (db/effect-window.ts), how effects applied after the client gave up are reported
 * (db/late-effects.ts), the per-writer bookkeeping's order (db/judges/reconciliation.ts), and
 * how a failed VU test is recognised as an integrity failure (db/integrity-failure.ts).
 */
import { test, expect } from '@playwright/test';
import { actedAfterGivingUp, effectEnd, mayHaveActedAt } from '../../db/effect-window.ts';
import { lateEffectObservations, type LateEffect } from '../../db/late-effects.ts';
import { reconcileWriters } from '../../db/judges/reconciliation.ts';
import type { MarkerFate } from '../../db/judges/card-judge.ts';
import { isIntegrityFailure, type FinishedTest } from '../../db/integrity-failure.ts';
import type { OpKind, Operation } from '../../helpers/history/operation.ts';
import { historyBuilder } from './support/history-builder.ts';
import { ALICE, T0 } from './support/checker-scenario.ts';

const SLACK = 100;

/** One request of alice01 sent at T0 and answered (or given up on) 20 ms later. */
function request(outcome: Operation['outcome'], kind: OpKind = 'answer'): Operation {
  return historyBuilder().op(ALICE, kind, { at: T0, returnedAt: T0 + 20, outcome, status: outcome === 'info' ? null : 200 });
}

test('an answered request may have acted from its sending to its answer, each widened by the slack and no further', () => {
  const ok = request('ok');
  expect(mayHaveActedAt(ok, T0 - SLACK, SLACK)).toBe(true);
  expect(mayHaveActedAt(ok, T0 - SLACK - 1, SLACK)).toBe(false);
  expect(mayHaveActedAt(ok, T0 + 20 + SLACK, SLACK)).toBe(true);
  expect(mayHaveActedAt(ok, T0 + 20 + SLACK + 1, SLACK)).toBe(false);
  expect(effectEnd(ok)).toBe(T0 + 20);
});

test('a request the client gave up on may act any time after it was sent, never before', () => {
  const info = request('info');
  expect(effectEnd(info)).toBe(Number.POSITIVE_INFINITY);
  expect(mayHaveActedAt(info, T0 + 3_600_000, SLACK)).toBe(true);
  expect(mayHaveActedAt(info, T0 - SLACK - 1, SLACK)).toBe(false);
});

test('an effect counts as after giving up only for an info request and only past its return plus the slack', () => {
  const info = request('info');
  expect(actedAfterGivingUp(info, T0 + 20 + SLACK + 1, SLACK)).toBe(true);
  // Exactly at the edge, and within the slack after the return, it may still be the request in flight.
  expect(actedAfterGivingUp(info, T0 + 20 + SLACK, SLACK)).toBe(false);
  expect(actedAfterGivingUp(info, T0 + 50, SLACK)).toBe(false);
  // An answered (or refused) request never acts after the client gave up: the client never did.
  expect(actedAfterGivingUp(request('ok'), T0 + 60_000, SLACK)).toBe(false);
  expect(actedAfterGivingUp(request('fail'), T0 + 60_000, SLACK)).toBe(false);
});

/** An effect of a request of `kind` given up on at T0+20, happening `delayMs` later (null: undated). */
function late(kind: OpKind, delayMs: number | null, what = 'an effect'): LateEffect {
  const op = request('info', kind);
  return { op, at: delayMs === null ? null : op.returnedAt + delayMs, what };
}

test('late effects of one kind are counted together, with the median and the largest delay', () => {
  const observations = lateEffectObservations([late('answer', 4000), late('answer', 1000), late('answer', 2500)]);
  expect(observations).toHaveLength(1);
  expect(observations[0]!.message).toBe(
    'Applied after the client gave up: 3 answers (median 2.5 s, at most 4.0 s after the client gave up) — the server served requests the client had timed out on; each explains one effect and none is a violation.',
  );
  expect(observations[0]!.evidence).toMatchObject({ request: 'answer', count: 3, delayMs: { median: 2500, max: 4000 } });
});

test('an undated late effect is counted but gives no delay; with none dated the message names no delay', () => {
  const [mixed] = lateEffectObservations([late('add_card', null), late('add_card', 1000)]);
  expect(mixed!.message).toMatch(/^Applied after the client gave up: 2 adds \(1\.0 s after the client gave up\) — /);
  expect(mixed!.evidence).toMatchObject({ count: 2, delayMs: { median: 1000, max: 1000 } });
  const [undated] = lateEffectObservations([late('logout', null)]);
  expect(undated!.message).toMatch(/^Applied after the client gave up: 1 logout — the server served/);
  expect(undated!.evidence).not.toHaveProperty('delayMs');
});

test('a late-effect observation counts every effect but lists at most twenty of them', () => {
  const effects = Array.from({ length: 25 }, (_, i) => late('get_review', 100 * (i + 1), `review ${i}`));
  const [observation] = lateEffectObservations(effects);
  const evidence = observation!.evidence as { count: number; opIds: string[]; effects: { what: string }[] };
  expect(observation!.message).toMatch(/^Applied after the client gave up: 25 GET \/review requests /);
  expect(evidence.count).toBe(25);
  expect(evidence.opIds).toHaveLength(25);
  expect(evidence.effects.map((e) => e.what)).toEqual(Array.from({ length: 20 }, (_, i) => `review ${i}`));
});

test('a kind of request without a name of its own is called by its operation', () => {
  const [one] = lateEffectObservations([late('delete_card', 500)]);
  expect(one!.message).toMatch(/^Applied after the client gave up: 1 delete_card \(0\.5 s after/);
  const [two] = lateEffectObservations([late('delete_card', 500), late('delete_card', 700)]);
  expect(two!.message).toMatch(/^Applied after the client gave up: 2 delete_card requests \(median 0\.7 s, at most 0\.7 s after/);
});

function fate(vu: string, owner: string): MarkerFate {
  return { marker: `${owner}_1`, vu, owner, state: 'acknowledged', inOwnDb: true, explainedBy: null };
}

test('the writers’ bookkeeping lists its rows by VU, then by username, whatever the order of the adds', () => {
  const rows = reconcileWriters([fate('w02', 'anna'), fate('w01', 'bert'), fate('w01', 'anna'), fate('w02', 'anna')]);
  expect(rows.map((r) => `${r.vu} ${r.username} ${r.acknowledgedAdds}`)).toEqual(['w01 anna 1', 'w01 bert 1', 'w02 anna 2']);
});

function finished(status: FinishedTest['status'], errorMessages: string[], annotations: FinishedTest['annotations'] = []): FinishedTest {
  return { status, annotations, errorMessages };
}

test('a test that passed or was skipped is never an integrity failure, whatever it carries', () => {
  const annotated = [{ type: 'integrity' }];
  const lost = ['[lost] card w01_3 is in no database'];
  expect(isIntegrityFailure(finished('failed', lost, annotated))).toBe(true);
  expect(isIntegrityFailure(finished('passed', lost, annotated))).toBe(false);
  expect(isIntegrityFailure(finished('skipped', lost, annotated))).toBe(false);
});

test('one violation message among other errors makes a failure an integrity failure, even behind colour codes and spaces', () => {
  expect(isIntegrityFailure(finished('failed', ['Timeout 30000ms exceeded', 'Error: [misrouted] card w03_7 is in user_2.db']))).toBe(true);
  expect(isIntegrityFailure(finished('timedOut', ['\u001b[31m  [duplicate] card w03_7 twice\u001b[39m']))).toBe(true);
  expect(isIntegrityFailure(finished('failed', ['Timeout 30000ms exceeded', 'expected [lost] to be empty']))).toBe(false);
});
