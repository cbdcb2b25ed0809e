/**
 * The matrix's own judge, on crafted child runs (first in file order, so a broken judge
 * shows before the ten-minute matrix runs): it accepts a verdict whose evidence names
 * the card, owner and database the FAULT line names, and refuses one that reports the right
 * class with the wrong evidence, misses an acknowledged fault, adds an unrelated class,
 * counts an indeterminate add as lost, or exits with the wrong code. A judge that could not
 * fail would prove nothing about the suite.
 */
import { test, expect } from '@playwright/test';
import { VIOLATION_CLASSES, type CardLocation, type Observation, type Violation, type ViolationClass } from '../../db/verdict.ts';
import type { Operation } from '../../helpers/history/operation.ts';
import type { ChildRunResult } from './support/child-run.ts';
import type { ChildOutputs } from './support/child-outputs.ts';
import type { FaultEvent } from './support/fault-events.ts';
import { judgeClassRow, judgeCleanRow, judgeCrashRow } from './support/row-judgement.ts';

const T0 = 1_795_745_100_000;
const ALICE = { username: 'alice01', userId: 5 };
const BOB = { username: 'bob02', userId: 8 };

const failedRun: ChildRunResult = { exitCode: 1, signal: null, timedOut: false, wallMs: 40_000, runDir: '/nonexistent/run', outputFile: '/nonexistent/out' };
const passedRun: ChildRunResult = { ...failedRun, exitCode: 0 };

function op(fields: Partial<Operation> & Pick<Operation, 'id' | 'op' | 'sentAt'>): Operation {
  return {
    runId: 'r',
    scenario: 'writers',
    vu: 'w01',
    username: ALICE.username,
    userId: ALICE.userId,
    method: 'POST',
    path: '/add_card',
    returnedAt: fields.sentAt + 100,
    status: 201,
    body: {},
    outcome: 'ok',
    sessionValid: true,
    ...fields,
  };
}

function location(user: { username: string; userId: number }, cardId: number, front = '[USER:alice01][SEQ:1][TIME:1][TOPIC:Art] q'): CardLocation {
  return { userId: user.userId, username: user.username, dbFile: `user_${user.userId}.db`, cardId, noteId: cardId - 1, deckId: '2', deckName: 'Verbal Tenses', front, back: 'a [MARKER:alice01_1]' };
}

function faultLine(name: string, at: number, fields: Record<string, string>): FaultEvent {
  return {
    name,
    at,
    pid: 100,
    fields,
    line: `FAULT ${name} ${Object.entries(fields)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  };
}

function outputs(parts: { violations?: Violation[]; observations?: Observation[]; ops?: Operation[]; faults?: FaultEvent[]; passed?: boolean }): ChildOutputs {
  const violations = parts.violations ?? [];
  const countsByClass = Object.fromEntries(VIOLATION_CLASSES.map((c) => [c, violations.filter((v) => v.class === c).length])) as Record<ViolationClass, number>;
  const passed = parts.passed ?? violations.length === 0;
  return {
    runDir: '/nonexistent/run',
    verdict: { violations, countsByClass, observations: parts.observations ?? [] },
    summary: {
      passed,
      failures: passed ? [] : ['threshold broken: integrity violations'],
      thresholds: [{ name: 'integrity violations', limit: 0, measured: violations.length, unit: 'count', passed: violations.length === 0, line: '' }],
    },
    ops: parts.ops ?? [],
    faults: parts.faults ?? [],
  };
}

/** alice01's add at T0 and T0+2000, each written into bob02's database by session-mixup. */
function mixupWorld(actualUser = BOB) {
  const adds = [op({ id: 'w01#4', op: 'add_card', sentAt: T0 }), op({ id: 'w01#5', op: 'add_card', sentAt: T0 + 2000 })];
  const faults = adds.map((add) => faultLine('session-mixup', add.sentAt + 50, { user: '5', username: 'alice01', wrote_to: '8', wrote_to_username: 'bob02' }));
  const violations: Violation[] = adds.map((add, i) => ({
    class: 'misrouted',
    message: `Card alice01_${i + 1} is in user_8.db`,
    marker: `alice01_${i + 1}`,
    expectedUser: ALICE.username,
    expectedUserId: ALICE.userId,
    actual: [location(actualUser, 1_795_745_100_001 + i * 1000)],
    opIds: [add.id],
    sentAt: add.sentAt,
    returnedAt: add.returnedAt,
    workerPid: 100,
    cause: { kind: 'unknown', missing: 'not this test' },
  }));
  return { adds, faults, violations };
}

test('a misrouted report naming the marker, its owner and the database the FAULT line names is a detection', () => {
  const { adds, faults, violations } = mixupWorld();
  const judgement = judgeClassRow('session-mixup', failedRun, outputs({ ops: adds, faults, violations }), {});
  expect(judgement.problems).toEqual([]);
  expect(judgement).toMatchObject({ detected: true, count: 2, injected: 2, warnings: [] });
});

test('a row that names the cause its fault gives fails when a traced report gives another', () => {
  const { adds, faults, violations } = mixupWorld();
  const held = judgeClassRow('session-mixup', failedRun, outputs({ ops: adds, faults, violations }), {}, 'unknown');
  expect(held.problems).toEqual([]);
  expect(held.notes).toContain('causes: unknown×2');
  const other = judgeClassRow('session-mixup', failedRun, outputs({ ops: adds, faults, violations }), {}, 'session-user-changed');
  expect(other.problems.join('\n')).toContain('2 misrouted report(s) traced to a FAULT line give another cause than session-user-changed');
});

test('a report naming another worker than the FAULT line is still a detection, with a warning', () => {
  const { adds, faults, violations } = mixupWorld();
  const judgement = judgeClassRow('session-mixup', failedRun, outputs({ ops: adds, faults, violations: [{ ...violations[0]!, workerPid: 101 }, violations[1]!] }), {});
  expect(judgement.problems).toEqual([]);
  expect(judgement.warnings).toEqual(['evidence names another worker than the FAULT line in 1 of 2 reports (e.g. alice01_1: workerPid 101, FAULT line pid 100)']);
});

test('a misrouted report pointing at the wrong database is neither a detection nor an explanation', () => {
  const { adds, faults, violations } = mixupWorld({ username: 'carol03', userId: 9 });
  const judgement = judgeClassRow('session-mixup', failedRun, outputs({ ops: adds, faults, violations }), {});
  expect(judgement.detected).toBe(false);
  expect(judgement.problems.join('\n')).toContain('2 injected fault(s) not reported as misrouted');
  expect(judgement.problems.join('\n')).toContain('2 misrouted report(s) match no FAULT line');
});

test('an acknowledged fault without a report is missed; a fault on an add the server refused anyway need not be reported', () => {
  const { adds, faults, violations } = mixupWorld();
  const refused = op({ id: 'w01#6', op: 'add_card', sentAt: T0 + 4000, status: 500, outcome: 'fail' });
  const refusedFault = faultLine('session-mixup', refused.sentAt + 50, { user: '5', username: 'alice01', wrote_to: '8', wrote_to_username: 'bob02' });
  const missing = judgeClassRow('session-mixup', failedRun, outputs({ ops: [...adds, refused], faults: [...faults, refusedFault], violations: violations.slice(0, 1) }), {});
  expect(missing.detected).toBe(false);
  expect(missing.problems.join('\n')).toContain('1 injected fault(s) not reported as misrouted');
  expect(missing.notes[0]).toBe('3 injected, 2 acknowledged to the client, 1 reports traced to a FAULT line');
});

test('an unrelated class fails the row, an accepted side effect is only listed', () => {
  const { adds, faults, violations } = mixupWorld();
  const stray: Violation = { class: 'lost', message: 'lost', marker: 'alice01_9', opIds: [], cause: { kind: 'unknown', missing: 'not this test' } };
  const unrelated = judgeClassRow('session-mixup', failedRun, outputs({ ops: adds, faults, violations: [...violations, stray] }), {});
  expect(unrelated.unrelated).toEqual(['lost×1']);
  expect(unrelated.problems).toEqual(['unrelated violation classes: lost×1']);
  const accepted = judgeClassRow('session-mixup', failedRun, outputs({ ops: adds, faults, violations: [...violations, stray] }), { lost: 'for this test' });
  expect(accepted.sideEffects).toEqual(['lost×1']);
  expect(accepted.problems).toEqual([]);
});

test('a faulted run must exit 1: exit 0 means the fault went unnoticed, exit 2 a setup failure', () => {
  const { adds, faults, violations } = mixupWorld();
  for (const exitCode of [0, 2]) {
    const judgement = judgeClassRow('session-mixup', { ...failedRun, exitCode }, outputs({ ops: adds, faults, violations }), {});
    expect(judgement.problems.join('\n')).toContain(`the child run exited with ${exitCode}`);
  }
});

test('a 401 after a forgotten session is one report traced to the FAULT line; later 401s on that cookie follow from it', () => {
  const first = op({ id: 'r01#7', op: 'answer', path: '/answer', sentAt: T0, status: 401, outcome: 'fail', cookieFingerprint: 'abc', vu: 'r01' });
  const next = op({ id: 'r01#8', op: 'get_review', method: 'GET', path: '/review', sentAt: T0 + 500, status: 401, outcome: 'fail', cookieFingerprint: 'abc', vu: 'r01' });
  const report = (o: Operation): Violation => ({
    class: 'session-mismatch',
    message: `r01 (alice01) got 401 on ${o.method} ${o.path}`,
    vu: 'r01',
    expectedUser: 'alice01',
    opIds: [o.id],
    sentAt: o.sentAt,
    returnedAt: o.returnedAt,
    cause: { kind: 'unknown', missing: 'not this test' },
  });
  const forgotten = faultLine('forget-session', T0 + 40, { user: '5', method: 'POST', path: '/answer' });
  const elsewhere = faultLine('forget-session', T0 + 9000, { user: '5', method: 'GET', path: '/decks' });
  // A FAULT line whose request has no report in the verdict is missed.
  const missed = judgeClassRow('forget-session', failedRun, outputs({ ops: [first, next], faults: [forgotten, elsewhere], violations: [report(first), report(next)] }), {});
  expect(missed.problems.join('\n')).toContain('1 injected fault(s) not reported as session-mismatch');
  const clean = judgeClassRow('forget-session', failedRun, outputs({ ops: [first, next], faults: [forgotten, { ...forgotten, at: T0 + 60 }], violations: [report(first), report(next)] }), {});
  expect(clean.problems).toEqual([]);
  expect(clean.notes).toContain('1 further session-mismatch reports follow from an earlier one on the same session');
});

test('crash-worker: the crashed add must be info and reported landed or not as its crash phase says, never lost', () => {
  const crashed = op({ id: 'w01#4', op: 'add_card', sentAt: T0, status: null, outcome: 'info', error: 'socket hang up', intent: { marker: 'alice01_1' } });
  const other = op({ id: 'w01#6', op: 'add_card', sentAt: T0 + 3000, status: null, outcome: 'info', error: 'socket hang up', intent: { marker: 'alice01_2' } });
  const faults = [
    faultLine('crash-worker', T0 + 50, { user: '5', path: '/add_card', phase: 'after-commit' }),
    faultLine('crash-worker', T0 + 3050, { user: '5', path: '/add_card', phase: 'before-commit' }),
  ];
  const seen = (marker: string, kind: 'indeterminate-landed' | 'indeterminate-not-landed'): Observation => ({ kind, message: marker, evidence: { marker } });
  const right = judgeCrashRow(
    failedRun,
    outputs({ ops: [crashed, other], faults, observations: [seen('alice01_1', 'indeterminate-landed'), seen('alice01_2', 'indeterminate-not-landed')], passed: false }),
    {},
  );
  expect(right.problems).toEqual([]);
  expect(right).toMatchObject({ detected: true, count: 2, injected: 2 });

  const wrongPhase = judgeCrashRow(
    failedRun,
    outputs({ ops: [crashed, other], faults, observations: [seen('alice01_1', 'indeterminate-not-landed'), seen('alice01_2', 'indeterminate-not-landed')], passed: false }),
    {},
  );
  expect(wrongPhase.problems).toContain('card alice01_1 crashed after-commit, so it should be indeterminate-landed, but the verdict says indeterminate-not-landed');

  const lost: Violation = { class: 'lost', message: 'lost', marker: 'alice01_2', opIds: [other.id], cause: { kind: 'unknown', missing: 'not this test' } };
  const countedLost = judgeCrashRow(failedRun, outputs({ ops: [crashed, other], faults, violations: [lost], observations: [seen('alice01_1', 'indeterminate-landed')] }), {});
  expect(countedLost.detected).toBe(false);
  expect(countedLost.problems).toEqual(
    expect.arrayContaining([
      'indeterminate add alice01_2 is counted as lost',
      'unrelated violation classes: lost×1',
      'indeterminate add alice01_2 has 0 indeterminate observations, expected exactly 1',
    ]),
  );

  const recordedOk = judgeCrashRow(
    failedRun,
    outputs({ ops: [{ ...crashed, status: 201, outcome: 'ok' }, other], faults, observations: [seen('alice01_2', 'indeterminate-not-landed')], passed: false }),
    {},
  );
  expect(recordedOk.problems).toContain('w01#4 (POST /add_card) died with its worker but is recorded as ok, not info');
});

test('crash-worker: a target that refuses every connection after a crash is named in a warning', () => {
  const answered = op({ id: 'w01#3', op: 'add_card', sentAt: T0 - 1000, intent: { marker: 'alice01_0' } });
  const crashed = op({ id: 'w01#4', op: 'add_card', sentAt: T0, status: null, outcome: 'info', error: 'socket hang up', intent: { marker: 'alice01_1' } });
  const refused = op({ id: 'w01#5', op: 'add_card', sentAt: T0 + 2000, status: null, outcome: 'info', error: 'connect ECONNREFUSED 127.0.0.1:1', intent: { marker: 'alice01_2' } });
  const seen = (marker: string): Observation => ({ kind: 'indeterminate-not-landed', message: marker, evidence: { marker } });
  const crash = faultLine('crash-worker', T0 + 50, { user: '5', path: '/add_card', phase: 'before-commit' });
  const judgement = judgeCrashRow(failedRun, outputs({ ops: [answered, crashed, refused], faults: [crash], observations: [seen('alice01_1'), seen('alice01_2')], passed: false }), {});
  expect(judgement.problems).toEqual([]);
  expect(judgement.warnings).toHaveLength(1);
  expect(judgement.warnings[0]).toContain('1 later requests were refused — no replacement worker took over after 1 crash(es)');
});

test('the clean row refuses any violation and a failed exit', () => {
  const stray: Violation = { class: 'misrouted', message: 'Card alice01_1 is in user_8.db', marker: 'alice01_1', opIds: [], cause: { kind: 'unknown', missing: 'not this test' } };
  const judgement = judgeCleanRow(failedRun, outputs({ violations: [stray] }));
  expect(judgement.detected).toBe(false);
  expect(judgement.problems).toEqual(
    expect.arrayContaining([
      'the clean run exited with 1, expected 0: threshold broken: integrity violations',
      'violations on the faithful target: [misrouted] Card alice01_1 is in user_8.db',
      'equal card ids across databases were counted as contamination (misrouted > 0)',
    ]),
  );
  expect(judgeCleanRow(passedRun, outputs({})).problems).toEqual([]);
});
