/**
 * `npm run merge`: legs of one sharded run make one run judged once — a missing, doubled or
 * foreign leg is refused with one line naming it; a lost card in any leg fails the merged run;
 * legs that drove separate servers are each judged against their own databases; every request
 * of every leg is in the merged history, so its percentiles are those of the union.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { Operation } from '../../helpers/history/operation.ts';
import { readHistory } from '../../helpers/history/reader.ts';
import type { PoolUser, RunInfo } from '../../helpers/run/run-dir.ts';
import { main } from '../../bin/merge.ts';
import { checkLegs, readLegs } from '../../report/merge-legs.ts';
import { combineVerdicts } from '../../db/verdict-merge.ts';
import { writeDataDir, type FixtureUser } from './support/anki-fixture.ts';
import { historyBuilder } from './support/history-builder.ts';
import { ALICE, BOB, HISTORY_DECK, T0, baseUsers, rowFor, userOf } from './support/checker-scenario.ts';
import { fakeVerdict } from './report-fake-run.ts';

interface LegSpec {
  shard: [number, number];
  projects?: string[];
  id?: string;
  epochMs?: number;
  embedded?: boolean;
  ops?: Operation[];
  users?: FixtureUser[];
  finishedAt?: number;
}

/** The legs' profile: writers only, so it sends no GET /review and says its latency is not part of the run. */
const WRITERS_ONLY = { name: 'unit', notPartOfRun: ['average GET /review'] };

const pool = (who: typeof ALICE): PoolUser => ({ vu: who.vu, username: who.username, name: who.username, userId: who.userId, registeredSentAt: T0 - 5_000, registeredReturnedAt: T0 - 4_000 });

/** A leg's run directory: run.json with its --shard, its history, its pool, and its snapshots. */
function makeLeg(name: string, spec: LegSpec): string {
  const dir = test.info().outputPath('legs', name);
  fs.mkdirSync(path.join(dir, 'history'), { recursive: true });
  const ops = spec.ops ?? [];
  fs.writeFileSync(path.join(dir, 'history', 'worker-0.jsonl'), ops.map((op) => `${JSON.stringify(op)}\n`).join(''));
  const who = [ALICE, BOB].filter((u) => ops.some((op) => op.vu === u.vu));
  fs.writeFileSync(path.join(dir, 'pool.json'), JSON.stringify(who.map(pool)));
  writeDataDir(path.join(dir, 'database_snapshots'), spec.users ?? baseUsers());
  const info: RunInfo = {
    id: spec.id ?? 'unit-merge-abc',
    epochMs: spec.epochMs ?? T0,
    startedAt: new Date(T0 - 10_000).toISOString(),
    profile: 'unit',
    baseUrl: 'http://127.0.0.1:8000',
    dataDir: path.join(dir, 'target-data'),
    serverLog: null,
    embedded: spec.embedded ?? false,
    faults: null,
    shard: { current: spec.shard[0], total: spec.shard[1] },
    projects: spec.projects ?? ['writers'],
    status: 'complete',
    finishedAt: new Date(spec.finishedAt ?? T0 + 60_000).toISOString(),
  };
  fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify(info));
  const outcomes = { status: 'passed', projects: Object.fromEntries(info.projects!.map((p) => [p, { planned: 1, passed: 1, failed: 0, skipped: 0, interrupted: 0, failures: [] }])) };
  fs.writeFileSync(path.join(dir, 'test_outcomes.json'), JSON.stringify(outcomes));
  fs.writeFileSync(path.join(dir, 'profile.json'), JSON.stringify(WRITERS_ONLY));
  return dir;
}

function runMerge(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  return main(
    argv,
    (t) => out.push(t),
    (t) => err.push(t),
    { runsDir: test.info().outputPath('merged-runs') },
  ).then((code) => ({ code, out, err }));
}

/** Alice (w01, leg 1) and Bob (w02, leg 2) each add one card; the world holds both unless told otherwise. */
function twoWriters(options: { loseBob?: boolean; separateServers?: boolean } = {}) {
  const h = historyBuilder('unit-merge-abc');
  const alice = h.add({ ...ALICE, seq: 1, deckId: HISTORY_DECK, at: T0, cardId: T0 + 1 });
  const bob = h.add({ ...BOB, seq: 1, deckId: HISTORY_DECK, at: T0 + 2_000, cardId: T0 + 2_001 });
  const world = baseUsers();
  userOf(world, 1).cards.push(rowFor(alice.card, T0 + 1, HISTORY_DECK));
  if (!options.loseBob) userOf(world, 2).cards.push(rowFor(bob.card, T0 + 2_001, HISTORY_DECK));
  const embedded = options.separateServers ?? false;
  // One server: the last leg's snapshot holds everything; separate servers: each its own cards.
  const leg1World = embedded ? baseUsers() : baseUsers();
  if (embedded) userOf(leg1World, 1).cards.push(rowFor(alice.card, T0 + 1, HISTORY_DECK));
  const leg2World = embedded ? baseUsers() : world;
  if (embedded && !options.loseBob) userOf(leg2World, 2).cards.push(rowFor(bob.card, T0 + 2_001, HISTORY_DECK));
  const leg1 = makeLeg('w-1of2', { shard: [1, 2], ops: h.ops.filter((op) => op.vu === ALICE.vu), embedded, users: leg1World, finishedAt: T0 + 30_000 });
  const leg2 = makeLeg('w-2of2', { shard: [2, 2], ops: h.ops.filter((op) => op.vu === BOB.vu), embedded, users: leg2World, finishedAt: T0 + 40_000 });
  return { leg1, leg2, ops: h.ops };
}

test('a missing leg is named and the merge exits 2 with one line', async () => {
  const { leg1 } = twoWriters();
  const result = await runMerge([leg1]);
  expect(result.code).toBe(2);
  expect(result.err).toEqual(['error: missing leg writers 2/2 of run unit-merge-abc: a merge judges only a whole run: rerun the missing legs, or pass their run directories.']);
  // A project of the matrix that no leg ran is missing too.
  const both = twoWriters();
  const withReviewers = await runMerge(['--projects', 'writers,reviewers', both.leg1, both.leg2]);
  expect(withReviewers.code).toBe(2);
  expect(withReviewers.err[0]).toMatch(/^error: missing legs reviewers 1\/2, reviewers 2\/2 of run unit-merge-abc/);
});

test('legs of another run, another epoch, another shard count, a leg twice or a folder that is no leg are refused', () => {
  const a = makeLeg('a', { shard: [1, 2] });
  const b = makeLeg('b', { shard: [2, 2] });
  expect(() => checkLegs(readLegs([a, b]))).not.toThrow();
  expect(() => checkLegs(readLegs([a, makeLeg('other-run', { shard: [2, 2], id: 'unit-other-xyz' })]))).toThrow(/is run unit-other-xyz, .* is run unit-merge-abc: merge the legs of one run/);
  expect(() => checkLegs(readLegs([a, makeLeg('late', { shard: [2, 2], epochMs: T0 + 1 })]))).toThrow(/give every leg one RUN_EPOCH/);
  expect(() => checkLegs(readLegs([a, b]), { shards: 3 })).toThrow(/leg writers 1\/2 is one of 2 shards, not of 3/);
  expect(() => checkLegs(readLegs([a, b, makeLeg('again', { shard: [2, 2] })]))).toThrow(/leg writers 2\/2 was given twice/);
  const plain = makeLeg('plain', { shard: [1, 1] });
  const info = JSON.parse(fs.readFileSync(path.join(plain, 'run.json'), 'utf8')) as RunInfo;
  fs.writeFileSync(path.join(plain, 'run.json'), JSON.stringify({ ...info, shard: null }));
  expect(() => readLegs([plain])).toThrow(/is not a leg of a sharded run/);
});

test('whole legs against one server merge into one run judged once, with every request of every leg', async () => {
  const { leg1, leg2, ops } = twoWriters();
  const runsDir = test.info().outputPath('merged-runs');
  const result = await runMerge([leg1, leg2]);
  expect(result.err).toEqual([]);
  const dir = result.out.at(-1)!;
  expect(dir).toBe(path.join(runsDir, 'unit-merge-abc-merged'));
  expect(fs.realpathSync(path.join(runsDir, 'latest'))).toBe(fs.realpathSync(dir));
  expect(result.code).toBe(0);
  expect(
    readHistory(dir)
      .operations.map((op) => op.id)
      .sort(),
  ).toEqual(ops.map((op) => op.id).sort());
  const summary = JSON.parse(fs.readFileSync(path.join(dir, 'test_results_summary.json'), 'utf8')) as { result: string; counts: { cardsAcknowledged: number } };
  expect(summary).toMatchObject({ result: 'passed', counts: { cardsAcknowledged: 2 } });
  for (const file of [
    'integrity_violations.json',
    'performance_metrics.json',
    'session_analysis.json',
    'api_request_log.jsonl',
    'server_logs.txt',
    'report.html',
    'verdict.md',
    'database_snapshots/admin.db',
  ])
    expect(fs.existsSync(path.join(dir, file)), file).toBe(true);
  const info = JSON.parse(fs.readFileSync(path.join(dir, 'run.json'), 'utf8')) as RunInfo;
  expect(info.legs?.map((l) => l.name)).toEqual(['writers 1/2', 'writers 2/2']);
  expect(info.note).toContain('from the snapshot of leg writers 2/2, the last to end');
});

test('a card lost in one leg fails the merged run; legs on separate servers are judged against their own databases', async () => {
  const lost = twoWriters({ loseBob: true });
  const failed = await runMerge([lost.leg1, lost.leg2]);
  expect(failed.code).toBe(1);
  expect(failed.out.join('\n')).toContain('criterion 2 failed: no lost cards (1 lost)');

  const separate = twoWriters({ separateServers: true });
  const clean = await runMerge([separate.leg1, separate.leg2]);
  expect(clean.code).toBe(0);
  const info = JSON.parse(fs.readFileSync(path.join(clean.out.at(-1)!, 'run.json'), 'utf8')) as RunInfo;
  expect(info.servers?.map((s) => [s.snapshots, s.vus])).toEqual([
    ['database_snapshots/writers-1of2', ['w01']],
    ['database_snapshots/writers-2of2', ['w02']],
  ]);
  const separateLost = twoWriters({ separateServers: true, loseBob: true });
  expect((await runMerge([separateLost.leg1, separateLost.leg2])).code).toBe(1);
});

test('verdicts of separate servers join: a violation wins over unknown, counts add up', () => {
  const lost = fakeVerdict([{ class: 'lost', message: 'lost', opIds: ['w01#1'], cause: { kind: 'unknown', missing: 'a unit test' } }]);
  const unknown = fakeVerdict([], { valid: 'unknown', ok: false, unjudged: ['user_2.db unreadable'] });
  const clean = fakeVerdict();
  expect(combineVerdicts('r', [clean, unknown])).toMatchObject({ valid: 'unknown', ok: false, unjudged: ['user_2.db unreadable'] });
  expect(combineVerdicts('r', [unknown, lost])).toMatchObject({ valid: false, ok: false });
  expect(combineVerdicts('r', [lost, lost]).countsByClass.lost).toBe(2);
  expect(combineVerdicts('r', [clean, clean])).toMatchObject({ valid: true, ok: true, usersJudged: clean.usersJudged * 2 });
});

test('npm run merge --help says how, and bad arguments exit 2', async () => {
  const help = await runMerge(['--help']);
  expect(help.code).toBe(0);
  expect(help.out[0]).toMatch(/^Usage: npm run merge -- \[--projects a,b,…\] \[--shards n\] <leg run dir>/);
  expect((await runMerge([])).code).toBe(2);
  expect((await runMerge(['--frobnicate', 'x'])).err[0]).toMatch(/^error: Unknown option '--frobnicate'/);
  expect((await runMerge(['--shards', 'two', 'x'])).err[0]).toMatch(/^error: --shards "two" is not a whole number/);
});
