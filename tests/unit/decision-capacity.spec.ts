import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { judgementLines, judgeRecord } from '../../db/decision/judge-run-dir.ts';
import { PROFILES } from '../../helpers/config/profiles.ts';
import { runPaths } from '../../helpers/run/run-dir.ts';
import { writeDeliverables } from '../../report/write-deliverables.ts';
import { escapeHtml } from '../../report/html-escape.ts';
import { capacityLines, judgeCapacity, rampOf, type CapacityInput, type RampStage } from '../../db/decision/capacity.ts';
import { PLAN_LIMITS } from '../../db/decision/thresholds.ts';
import type { Operation } from '../../helpers/history/operation.ts';
import type { Violation } from '../../db/verdict.ts';
import { EPOCH_MS, fakePlanHistory, fakeRunInfo, fakeVerdict, op } from './report-fake-run.ts';

/** The crafted ramp: 5, 10, 20 and 40 users, 30 s a stage. */
const STAGES: RampStage[] = [
  { atMs: 0, users: 5 },
  { atMs: 30_000, users: 10 },
  { atMs: 60_000, users: 20 },
  { atMs: 90_000, users: 40 },
];

interface StageLoad {
  /** Latency of every add of the stage; a review takes a quarter of it. */
  latencyMs: number;
  /** Of each VU's 10 requests, how many the server refused with a 500. */
  failedPerVu?: number;
}

/** Each stage's VUs (v01…vN) send 5 adds and 5 reviews in it, 2 s apart; a 401-free, quiet history otherwise. */
function history(loads: readonly StageLoad[], stages: readonly RampStage[] = STAGES): Operation[] {
  const ops: Operation[] = [];
  stages.forEach((stage, s) => {
    const load = loads[s]!;
    for (let v = 1; v <= stage.users; v++) {
      const vu = `v${String(v).padStart(2, '0')}`;
      for (let k = 0; k < 10; k++) {
        const sentAt = EPOCH_MS + stage.atMs + k * 2_000 + v * 10;
        const seq = s * 100 + k;
        const failed = k < (load.failedPerVu ?? 0);
        const outcome = failed ? { status: 500, outcome: 'fail' as const, body: { error: 'Internal error' } } : {};
        ops.push(
          k % 2 === 0
            ? op({ vu, sentAt, latencyMs: load.latencyMs, seq, ...outcome })
            : op({ vu, scenario: 'reviewers', op: 'get_review', method: 'GET', path: '/review', status: 200, sentAt, latencyMs: Math.round(load.latencyMs / 4), seq, ...outcome }),
        );
      }
    }
  });
  return ops;
}

function input(ops: Operation[], overrides: Partial<CapacityInput> = {}): CapacityInput {
  return { operations: ops, epochMs: EPOCH_MS, stages: STAGES, limits: PLAN_LIMITS, saturatedWindows: [], violations: [], integrityValid: true, ...overrides };
}

function violationAt(sentAt: number): Violation {
  return { class: 'lost', message: 'card w01:3 acknowledged but in no database', opIds: ['v01#3'], sentAt, cause: { kind: 'unknown', missing: 'a log line of the write' } };
}

test('a run whose add_card latency breaks at the third stage names that stage and the users before it', () => {
  const view = judgeCapacity(input(history([{ latencyMs: 100 }, { latencyMs: 150 }, { latencyMs: 900 }, { latencyMs: 1_400 }])));
  expect(view.basis).toBe('ramp-stages');
  expect(view.rows.map((r) => [r.label, r.plannedUsers, r.activeUsers, r.requests])).toEqual([
    ['stage 1 at 0 s', 5, 5, 50],
    ['stage 2 at 30 s', 10, 10, 100],
    ['stage 3 at 60 s', 20, 20, 200],
    ['stage 4 at 90 s', 40, 40, 400],
  ]);
  expect(view.rows.map((r) => r.p95Ms)).toEqual([100, 150, 900, 1_400]);
  const add = view.breaks.find((b) => b.name === 'average POST /add_card')!;
  expect(add).toMatchObject({ row: 2, state: 'broke' });
  expect(add.line).toBe('average POST /add_card first broke at stage 3 at 60 s, 20 users (900 ms against 500 ms)');
  // The reviews, at a quarter of the latency, break a stage later.
  expect(view.breaks.find((b) => b.name === 'average GET /review')).toMatchObject({ row: 3, state: 'broke' });
  expect(view.statement).toBe('capacity on this machine: between 10 and 20 users (average POST /add_card broke at stage 3 at 60 s); integrity held');
});

test('a run that never breaks says the busiest stage held, not a breakpoint', () => {
  const view = judgeCapacity(input(history([{ latencyMs: 80 }, { latencyMs: 90 }, { latencyMs: 120 }, { latencyMs: 200 }])));
  expect(view.breaks.map((b) => b.state)).toEqual(['held', 'held', 'held', 'held']);
  expect(view.rows.every((r) => r.judged && r.checks.every((c) => c.passed === true))).toBe(true);
  expect(view.statement).toBe('capacity on this machine: at least 40 users (no threshold broke up to the busiest stage judged); integrity held');
});

test('a stage whose every request was sent while the generator was saturated is not judged, never passed and never broken', () => {
  const ops = history([{ latencyMs: 100 }, { latencyMs: 120 }, { latencyMs: 150 }, { latencyMs: 5_000 }]);
  const window = { startMs: EPOCH_MS + 90_000, endMs: EPOCH_MS + 130_000, reasons: ['machine CPU 98 % for 40 s, 80 % of it the load generator'] };
  const view = judgeCapacity(input(ops, { saturatedWindows: [window] }));
  const last = view.rows[3]!;
  expect(last).toMatchObject({ judged: false, requests: 400, saturatedRequests: 400, p95Ms: null, errorRate: null });
  expect(last.checks.filter((c) => c.unit !== 'count').map((c) => c.passed)).toEqual([null, null, null]);
  expect(view.breaks.find((b) => b.name === 'average POST /add_card')).toMatchObject({ row: null, state: 'held' });
  expect(view.statement).toBe('capacity on this machine: at least 20 users (no threshold broke up to the busiest stage judged); integrity held');
  expect(capacityLines(view)).toContain('  stage 4 at 90 s: 40 users (planned 40), 18.69 req/s, p95 –, errors –, timeouts 0 %, 400 saturated — not judged');

  // Every stage saturated: nothing is judged, so nothing is claimed.
  const all = judgeCapacity(input(ops, { saturatedWindows: [{ ...window, startMs: EPOCH_MS - 1 }] }));
  expect(all.breaks.filter((b) => b.name !== 'integrity violations').map((b) => b.state)).toEqual(['not-judged', 'not-judged', 'not-judged']);
  expect(all.statement).toBe('capacity on this machine: not judged (every request was in flight while the load generator was saturated); integrity held');
});

test('a stage that breaks with no more users than one that held is named as time under load, not as a user count', () => {
  const flat: RampStage[] = [
    { atMs: 0, users: 10 },
    { atMs: 30_000, users: 10 },
  ];
  const view = judgeCapacity(input(history([{ latencyMs: 100 }, { latencyMs: 900 }], flat), { stages: flat }));
  expect(view.statement).toBe('capacity on this machine: 10 users after a while: average POST /add_card broke at stage 2 at 30 s, though 10 users held at stage 1 at 0 s; integrity held');
});

test('an error rate that breaks at the second stage is named there, with the rate it reached', () => {
  // 1 of each VU's 10 requests refused from stage 2 on: 10 %.
  const view = judgeCapacity(input(history([{ latencyMs: 100 }, { latencyMs: 100, failedPerVu: 1 }, { latencyMs: 100, failedPerVu: 1 }, { latencyMs: 100 }])));
  const rate = view.breaks.find((b) => b.name === 'error rate')!;
  expect(rate).toMatchObject({ row: 1, state: 'broke' });
  expect(rate.line).toBe('error rate first broke at stage 2 at 30 s, 10 users (10 % against 1 %)');
  expect(view.rows.map((r) => r.errorRate)).toEqual([0, 0.1, 0.1, 0]);
  expect(view.statement).toBe('capacity on this machine: between 5 and 10 users (error rate broke at stage 2 at 30 s); integrity held');
});

test("a broken error rate names the run's 5xx causes the log gave, so the server's id scheme is not read as load", () => {
  const ops = history([{ latencyMs: 100 }, { latencyMs: 100, failedPerVu: 1 }, { latencyMs: 100, failedPerVu: 1 }, { latencyMs: 100 }]);
  const named = judgeCapacity(input(ops, { serverErrorCauses: { 'id-collision': 28, 'lock-contention': 2, '"boom"': 0 } }));
  expect(named.statement).toBe("capacity on this machine: between 5 and 10 users (error rate broke at stage 2 at 30 s; the run's 5xx by cause: id-collision 28, lock-contention 2); integrity held");
  // Latency alone broke: the error causes are not what the line is about.
  const slow = judgeCapacity(input(history([{ latencyMs: 100 }, { latencyMs: 150 }, { latencyMs: 900 }, { latencyMs: 1_400 }]), { serverErrorCauses: { 'id-collision': 3 } }));
  expect(slow.statement).not.toContain('5xx');
  // No causes read (no server log): the line is as before.
  expect(judgeCapacity(input(ops, { serverErrorCauses: {} })).statement).toBe('capacity on this machine: between 5 and 10 users (error rate broke at stage 2 at 30 s); integrity held');
});

test('a violation is placed in the stage its request was sent in, whatever the generator did', () => {
  const ops = history([{ latencyMs: 100 }, { latencyMs: 100 }, { latencyMs: 100 }, { latencyMs: 100 }]);
  const window = { startMs: EPOCH_MS + 60_000, endMs: EPOCH_MS + 200_000, reasons: ['event loop late'] };
  const view = judgeCapacity(input(ops, { violations: [violationAt(EPOCH_MS + 65_000)], saturatedWindows: [window], integrityValid: false }));
  expect(view.rows.map((r) => r.violations)).toEqual([0, 0, 1, 0]);
  expect(view.breaks.find((b) => b.name === 'integrity violations')).toMatchObject({ row: 2, state: 'broke' });
  expect(view.statement).toBe('capacity on this machine: at least 10 users (no threshold broke up to the busiest stage judged); integrity broke at stage 3 at 60 s (20 users)');
});

test('a run without a ramp is cut into bands of active users, from the history alone', () => {
  const ops = history([{ latencyMs: 100 }, { latencyMs: 150 }, { latencyMs: 900 }, { latencyMs: 1_400 }]);
  const view = judgeCapacity(input(ops, { stages: [] }));
  expect(view.basis).toBe('active-user-bands');
  expect(view.rows.map((r) => r.label)).toEqual(['1–10 users', '11–20 users', '31–40 users']);
  expect(view.rows.map((r) => r.activeUsers)).toEqual([10, 20, 40]);
  expect(view.rows.reduce((n, r) => n + r.requests, 0) + view.requestsOutside).toBe(ops.length);
  expect(view.breaks.find((b) => b.name === 'average POST /add_card')).toMatchObject({ row: 1, state: 'broke' });
  expect(view.statement).toBe('capacity on this machine: between 10 and 20 users (average POST /add_card broke at 11–20 users); integrity held');
});

test('the ramp sums the running VUs of writers and reviewers at every offset where either starts', () => {
  const ramp = rampOf([
    [
      { atMs: 0, count: 1 },
      { atMs: 4_000, count: 2 },
    ],
    [
      { atMs: 0, count: 3 },
      { atMs: 5_000, count: 6 },
    ],
  ]);
  expect(ramp).toEqual([
    { atMs: 0, users: 4 },
    { atMs: 4_000, users: 5 },
    { atMs: 5_000, users: 8 },
  ]);
});

test('the judgement carries the view into the summary, report.html and the terminal; a run without its profile gets bands', ({}, testInfo) => {
  const runDir = testInfo.outputPath('run');
  fs.mkdirSync(runDir, { recursive: true });
  const judge = () => judgeRecord({ runDir, info: fakeRunInfo(), operations: fakePlanHistory(), verdict: fakeVerdict() }, { limits: PLAN_LIMITS, projectOutcomes: undefined });

  fs.writeFileSync(runPaths(runDir).profile, JSON.stringify(PROFILES.plan));
  const judgement = judge();
  const summary = writeDeliverables(judgement, { serverLogPath: null });
  // The plan's writers start at 0, 30, 60 and 90 s, its reviewers also at 120 s.
  expect(summary.capacity?.basis).toBe('ramp-stages');
  expect(summary.capacity?.rows.map((r) => [r.label, r.plannedUsers])).toEqual([
    ['stage 1 at 0 s', 6],
    ['stage 2 at 30 s', 12],
    ['stage 3 at 60 s', 18],
    ['stage 4 at 90 s', 26],
    ['stage 5 at 120 s', 30],
  ]);
  const saved = JSON.parse(fs.readFileSync(runPaths(runDir).summary, 'utf8')) as typeof summary;
  expect(saved.capacity?.statement).toMatch(/^capacity on this machine: .+; integrity held$/);
  const html = fs.readFileSync(runPaths(runDir).reportHtml, 'utf8');
  expect(html).toContain(escapeHtml(judgement.capacity.statement));
  expect(html).toContain('id="capacity-stages"');
  const lines = judgementLines(judgement);
  expect(lines).toContain("Capacity by stage of the profile's ramp:");
  expect(lines).toContain(judgement.capacity.statement);

  fs.rmSync(runPaths(runDir).profile);
  expect(judge().capacity.basis).toBe('active-user-bands');
});
