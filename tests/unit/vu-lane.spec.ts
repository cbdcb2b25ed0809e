/**
 * Many VUs in one worker: each VU of a lane has its own cookie jar, its own verdict and its
 * own Allure result, and one VU failing never stops another. Driven against a throwaway
 * session server on 127.0.0.1 that answers GET /decks with the deck of whoever the cookie
 * says is logged in.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, request } from '@playwright/test';
import type { Violation } from '../../db/verdict.ts';
import type { Operation } from '../../helpers/history/operation.ts';
import type { PoolUser } from '../../helpers/run/run-dir.ts';
import { buildSchedule, vuLanes, type VuSpec } from '../../helpers/vu/schedule.ts';
import { PROFILES } from '../../helpers/config/profiles.ts';
import { apiOpener, laneFailureMessage, runLane, type LaneDeps, type LaneFlow } from '../../fixtures/vu-lane.ts';
import { jsonHandler, serveLoopback, type LoopbackServer } from './support/loopback-server.ts';

/** Logs in anyone; GET /decks names the user of the session cookie sent, 401 without one. */
function startSessionServer(): Promise<LoopbackServer> {
  const sessions = new Map<string, string>();
  return serveLoopback(
    jsonHandler((req, body, reply) => {
      if (req.method === 'POST' && req.url === '/login') {
        const { username } = JSON.parse(body) as { username: string };
        const sid = crypto.randomUUID();
        sessions.set(sid, username);
        return reply(200, { user: { userId: username.length, username, name: username } }, { 'set-cookie': `session=${sid}; Path=/; HttpOnly` });
      }
      const sid = /session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      const user = sid ? sessions.get(sid) : undefined;
      if (!user) return reply(401, { error: 'Authentication required' });
      return reply(200, [{ id: '1', name: `Deck of ${user}` }]);
    }),
  );
}

const spec = (vu: string): VuSpec => ({ vu, scenario: 'writers', startOffsetMs: 0, stageName: 'stage 1 at 0s', users: [vu], quota: 1, budgetMs: 10_000 });
const poolUser = (vu: string): PoolUser => ({ vu, username: `${vu}user`, name: vu, userId: vu.length, registeredSentAt: 0, registeredReturnedAt: 0 });

function deps(baseUrl: string, overrides: Partial<LaneDeps> = {}): LaneDeps & { recorded: Operation[]; annotations: string[]; attachments: string[] } {
  const recorded: Operation[] = [];
  const annotations: string[] = [];
  const attachments: string[] = [];
  return {
    recorded,
    annotations,
    attachments,
    baseUrl,
    runId: 'lane-test',
    epochMs: Date.now(),
    pool: new Map(['a01', 'b01'].map((vu) => [vu, poolUser(vu)])),
    password: () => 'not-a-secret',
    record: (op) => void recorded.push(op),
    audit: () => [],
    step: (_title, body) => body(),
    attach: (name) => {
      attachments.push(name);
      return Promise.resolve();
    },
    annotate: (type, description) => void annotations.push(`${type}: ${description}`),
    allure: null,
    ...overrides,
  };
}

/** Each VU asks 10 times, interleaved with the other, whose deck it sees. */
/** `flow`, then a01 alone fails, as a VU that saw something wrong would. */
function a01FailsAfter(flow: LaneFlow): LaneFlow {
  return async (vu) => {
    await flow(vu);
    if (vu.spec.vu === 'a01') throw new Error('a01 saw something wrong');
  };
}

const whoAmI: LaneFlow = async ({ api, annotate }) => {
  const seen = new Set<string>();
  for (let i = 0; i < 10; i++) {
    const decks = await api.listDecks();
    seen.add(decks.json?.[0]?.name ?? `status ${decks.status}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  annotate('saw', [...seen].join(', '));
};

for (const transport of ['node', 'playwright'] as const) {
  test(`two VUs in one worker never share cookies: each sees only its own session, all through (${transport} transport)`, async () => {
    const server = await startSessionServer();
    try {
      const d = deps(server.baseUrl);
      const outcomes = await runLane([spec('a01'), spec('b01')], apiOpener(request, 5_000, transport), whoAmI, d);
      expect(outcomes.map((o) => o.passed)).toEqual([true, true]);
      expect(d.annotations).toContain('a01: saw: Deck of a01user');
      expect(d.annotations).toContain('b01: saw: Deck of b01user');
      // Two cookie jars: the session cookies the two VUs sent differ, and each VU sent one only.
      const prints = (vu: string) => new Set(d.recorded.filter((op) => op.vu === vu && op.op === 'list_decks').map((op) => op.cookieFingerprint));
      expect(prints('a01').size).toBe(1);
      expect(prints('b01').size).toBe(1);
      expect([...prints('a01')][0]).not.toBe([...prints('b01')][0]);
    } finally {
      await server.close();
    }
  });
}

test('one VU failing stops no other; each is judged on the violations of its own operations', async () => {
  const server = await startSessionServer();
  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lane-allure-'));
  try {
    const flow = a01FailsAfter(whoAmI);
    // The audit blames one list_decks of b01 (as the card audit would blame an add).
    const audit = (ops: readonly Operation[]): Violation[] => {
      const blamed = ops.find((op) => op.vu === 'b01')!;
      return [{ class: 'misrouted', message: `card of b01 found in a01's database`, opIds: [blamed.id], cause: { kind: 'unknown', missing: 'not this test' } }];
    };
    const d = deps(server.baseUrl, {
      audit,
      allure: { resultsDir, project: 'writers', file: 'writers.spec.ts', laneTitle: 'writers a01–b01 (2 VUs)', title: (s) => `writer ${s.vu}`, tags: ['@writers'] },
    });
    const outcomes = await runLane([spec('a01'), spec('b01')], apiOpener(request, 5_000, 'node'), flow, d);
    const [a, b] = outcomes;
    expect(a!.passed).toBe(false);
    expect(a!.violations).toEqual([]);
    expect(a!.message).toBe('a01 saw something wrong');
    expect(a!.ops.filter((op) => op.op === 'list_decks')).toHaveLength(10);
    expect(b!.passed).toBe(false);
    expect(b!.violations.map((v) => v.class)).toEqual(['misrouted']);
    expect(b!.message).toMatch(/^\[misrouted\] 1 integrity violation/);
    expect(laneFailureMessage(outcomes)).toMatch(/^\[misrouted\] 2 of 2 virtual users failed: a01, b01\n── a01\na01 saw something wrong\n── b01\n\[misrouted\]/);
    expect(d.attachments).toEqual(['a01 operations.jsonl', 'b01 operations.jsonl', 'b01 violations.json']);
    // One Allure result per VU, each with its own status and evidence.
    const results = fs
      .readdirSync(resultsDir)
      .filter((f) => f.endsWith('-result.json'))
      .map((f) => JSON.parse(fs.readFileSync(path.join(resultsDir, f), 'utf8')) as { name: string; status: string; labels: { name: string; value: string }[]; attachments: { name: string }[] });
    expect(results.map((r) => [r.name, r.status, r.labels.find((l) => l.name === 'vu')?.value]).sort()).toEqual([
      ['writer a01', 'failed', 'a01'],
      ['writer b01', 'failed', 'b01'],
    ]);
    expect(results.find((r) => r.name === 'writer b01')!.attachments.map((x) => x.name)).toContain('violations.json');
  } finally {
    await server.close();
    fs.rmSync(resultsDir, { recursive: true, force: true });
  }
});

test('a lane whose VUs all passed has no failure message', () => {
  expect(laneFailureMessage([])).toBeNull();
});

test('lanes hold at most VUS_PER_WORKER VUs in schedule order, every session role in one, the two devices of a user never apart', () => {
  const sessions = buildSchedule({ ...PROFILES.smoke!, sessions: { ...PROFILES.smoke!.sessions, probers: 2, thrashers: 1, twoDeviceUsers: 2 } }).filter((v) => v.scenario === 'sessions');
  const ids = (lanes: VuSpec[][]): string[][] => lanes.map((l) => l.map((v) => v.vu));
  expect(ids(vuLanes(sessions, 25))).toEqual([['p01', 'p02', 't01', 'd01a', 'd01b', 'd02a', 'd02b']]);
  // A lane boundary that would fall between d01a and d01b moves past d01b.
  expect(ids(vuLanes(sessions, 4))).toEqual([
    ['p01', 'p02', 't01', 'd01a', 'd01b'],
    ['d02a', 'd02b'],
  ]);
  expect(ids(vuLanes(sessions, 2))).toEqual([
    ['p01', 'p02'],
    ['t01', 'd01a', 'd01b'],
    ['d02a', 'd02b'],
  ]);
  const writers = buildSchedule(PROFILES.smoke!).filter((v) => v.scenario === 'writers');
  expect(vuLanes(writers, 4).map((l) => l.length)).toEqual([4, 2]);
  // Scenarios never share a lane.
  expect(vuLanes([...writers, ...sessions], 25).map((l) => new Set(l.map((v) => v.scenario)).size)).toEqual([1, 1]);
});
