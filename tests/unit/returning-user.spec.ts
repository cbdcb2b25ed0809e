/**
 * The returning user of profile scale: what it waits for while idle (newer users' logins,
 * counted from the history as it grows, bounded in time), and the profile's shape — enough
 * users past Flask-Session's 500-file store, logins paced for a 2-core server, the returning
 * users logged in before the ramp — while plan and smoke stay as they were.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { loadConfig } from '../../helpers/config/config.ts';
import { PROFILES } from '../../helpers/config/profiles.ts';
import type { Operation } from '../../helpers/history/operation.ts';
import { buildSchedule, poolKeysOf, vuKindOf } from '../../helpers/vu/schedule.ts';
import { idleUntilNewerLogins, NewerLogins } from '../../helpers/vu/sessions/newer-logins.ts';

const SINCE = 1_800_000_000_000;

function op(username: string, kind: Operation['op'], sentAt: number, outcome: Operation['outcome'] = 'ok'): Operation {
  return {
    id: `${username}#${sentAt}`,
    runId: 'r',
    scenario: 'reviewers',
    vu: username,
    username,
    userId: null,
    op: kind,
    method: 'POST',
    path: `/${kind}`,
    sentAt,
    returnedAt: sentAt + 5,
    status: 200,
    body: {},
    outcome,
  };
}

const lines = (ops: Operation[]): string => ops.map((o) => JSON.stringify(o) + '\n').join('');

test('newer logins: distinct other users whose login was acknowledged after the returning user logged in', () => {
  const dir = test.info().outputPath('history');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'worker-1.jsonl'),
    lines([
      op('old', 'login', SINCE - 1),
      op('self', 'login', SINCE + 1),
      op('anna', 'login', SINCE + 2),
      op('anna', 'login', SINCE + 3),
      op('bob', 'login', SINCE + 4, 'info'),
      op('carl', 'login', SINCE + 5, 'fail'),
      op('dora', 'list_decks', SINCE + 6),
    ]),
  );
  fs.writeFileSync(path.join(dir, 'worker-2.jsonl'), lines([op('eve', 'login', SINCE + 7)]));
  fs.writeFileSync(path.join(dir, 'notes.txt'), lines([op('fred', 'login', SINCE + 8)]));
  const newer = new NewerLogins(dir, SINCE, 'self');
  expect(newer.count()).toBe(2);

  // The files grow while the user idles: a half-written line counts once it is whole.
  const half = JSON.stringify(op('gus', 'login', SINCE + 9));
  fs.appendFileSync(path.join(dir, 'worker-1.jsonl'), lines([op('hal', 'login', SINCE + 9)]) + half.slice(0, 20));
  expect(newer.count()).toBe(3);
  fs.appendFileSync(path.join(dir, 'worker-1.jsonl'), half.slice(20) + '\n');
  fs.writeFileSync(path.join(dir, 'worker-3.jsonl'), lines([op('anna', 'login', SINCE + 10), op('ivy', 'login', SINCE + 11)]));
  expect(newer.count()).toBe(5);
});

test('newer logins: no history folder yet counts none', () => {
  expect(new NewerLogins(test.info().outputPath('absent'), SINCE, 'self').count()).toBe(0);
});

/** A clock that only moves when the idle user sleeps. */
function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: (ms) => {
      slept.push(ms);
      t += ms;
      return Promise.resolve();
    },
    slept,
  };
}

test('idle wait: comes back as soon as the count reaches the target', async () => {
  const clock = fakeClock();
  const counts = [0, 120, 480, 599, 600, 650];
  const out = await idleUntilNewerLogins(() => counts.shift() ?? 650, 600, 60_000, 2_000, clock.now, clock.sleep);
  expect(out).toEqual({ logins: 600, reached: true, waitedMs: 8_000 });
  expect(clock.slept).toEqual([2_000, 2_000, 2_000, 2_000]);
});

test('idle wait: bounded in time — comes back with the count it has when the bound runs out', async () => {
  const clock = fakeClock();
  const out = await idleUntilNewerLogins(() => 10, 600, 5_000, 2_000, clock.now, clock.sleep);
  expect(out).toEqual({ logins: 10, reached: false, waitedMs: 5_000 });
  expect(clock.slept).toEqual([2_000, 2_000, 1_000]);
});

test('profile scale: 600+ users, three returning users logged in before the ramp, with 600 newer logins to wait for', () => {
  const profile = loadConfig({ PROFILE: 'scale' }).profile;
  const schedule = buildSchedule(profile);
  expect(poolKeysOf(profile).length).toBeGreaterThanOrEqual(600);
  const returning = schedule.filter((v) => v.role === 'returning');
  expect(returning.map((v) => v.vu)).toEqual(['rt01', 'rt02', 'rt03']);
  expect(returning.every((v) => vuKindOf(v.vu)?.role === 'returning' && v.scenario === 'sessions')).toBe(true);
  const plan = profile.sessions.returning!;
  expect(plan.afterLogins).toBe(600);
  const newer = schedule.filter((v) => v.role !== 'returning');
  expect(newer.length).toBeGreaterThanOrEqual(plan.afterLogins);
  const firstRamp = Math.min(...schedule.filter((v) => v.scenario === 'writers' || v.scenario === 'reviewers').map((v) => v.startOffsetMs));
  expect(returning.every((v) => v.startOffsetMs < firstRamp)).toBe(true);
  // The idle bound outlasts the ramp's last login, and the budget leaves time to work after it.
  const lastStart = Math.max(...newer.map((v) => v.startOffsetMs));
  expect(plan.maxIdleMs).toBeGreaterThan(lastStart);
  expect(returning.every((v) => v.budgetMs > plan.maxIdleMs)).toBe(true);
  expect(profile.writers.thinkMs[0]).toBeGreaterThanOrEqual(1_000);
});

test('profile scale: signups and logins paced for a 2-core server at bcrypt cost 12 (about 0.24 CPU-s each)', () => {
  const profile = loadConfig({ PROFILE: 'scale' }).profile;
  const BCRYPT_CPU_S = 0.24;
  const CORES = 2;
  // Signups few at a time: each answered in seconds, not queued behind hundreds.
  expect(profile.registration.concurrency).toBeLessThanOrEqual(3 * CORES);
  // Logins: no 30 s of the ramp asks more than half of the two cores for bcrypt alone.
  const starts = buildSchedule(profile).map((v) => v.startOffsetMs);
  const end = Math.max(...starts);
  for (let from = 0; from <= end; from += 1_000) {
    const logins = starts.filter((at) => at >= from && at < from + 30_000).length;
    expect(logins * BCRYPT_CPU_S, `logins in the 30 s from ${from} ms`).toBeLessThanOrEqual(0.5 * CORES * 30);
  }
  expect(end).toBeGreaterThanOrEqual(5 * 60_000);
});

test('plan and smoke: no returning user, signups all at once, as before', () => {
  for (const name of ['plan', 'smoke', 'fault']) {
    const profile = PROFILES[name]!;
    expect(profile.sessions.returning, name).toBeUndefined();
    expect(profile.registration.concurrency, name).toBeUndefined();
    expect(
      buildSchedule(profile).some((v) => v.role === 'returning'),
      name,
    ).toBe(false);
  }
});

test('a returning plan with no time to work after its idle bound is refused', () => {
  const file = test.info().outputPath('returning.json');
  const scale = structuredClone(PROFILES.scale!);
  scale.sessions.returning = { ...scale.sessions.returning!, budgetMs: scale.sessions.returning!.maxIdleMs };
  fs.writeFileSync(file, JSON.stringify(scale));
  expect(() => loadConfig({ PROFILE_FILE: file })).toThrow(/sessions\.returning\.budgetMs: 540000 leaves no time to work/);
});
