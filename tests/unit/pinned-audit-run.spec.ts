/**
 * Auditing a run directory from its own files: `runs/latest` may be a file naming the run;
 * a relative data folder is found from where the command runs or else inside the run; the
 * run's copy of the server log comes first; and a merged run whose legs drove separate
 * servers is judged server by server, each against its own users, with the history's unread
 * lines reported and a request no server received making the verdict unknown, never a pass.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { auditRunDir, chooseDataDir, chooseServerLog, resolveRunDir } from '../../db/audit-run.ts';
import { AuditInputError } from '../../db/errors/audit-input-error.ts';
import { AdminDbMissingError } from '../../db/errors/admin-db-missing-error.ts';
import type { Operation } from '../../helpers/history/operation.ts';
import type { PoolUser, RunInfo, ServerData } from '../../helpers/run/run-dir.ts';
import { writeAdminDb, writeDataDir, writeUserDb, type FixtureUser } from './support/anki-fixture.ts';
import { historyBuilder, type VuIdentity } from './support/history-builder.ts';
import { ALICE, BOB, CAROL, HISTORY_DECK, T0, rowFor } from './support/checker-scenario.ts';
import { fakeRunInfo } from './report-fake-run.ts';

const JUDGED_AT = new Date(Date.UTC(2026, 5, 1, 8, 30));

function infoOf(id: string, over: Partial<RunInfo> = {}): RunInfo {
  return fakeRunInfo({ id, epochMs: T0, startedAt: new Date(T0).toISOString(), profile: 'unit', baseUrl: 'http://127.0.0.1:8000', dataDir: 'target-data', ...over });
}

const poolUser = (who: VuIdentity): PoolUser => ({ vu: who.vu, username: who.username, name: who.username, userId: who.userId, registeredSentAt: T0 - 5_000, registeredReturnedAt: T0 - 4_000 });

interface ServerSpec {
  name: string;
  vus: string[];
  users: FixtureUser[];
  /** Write admin.db without these accounts (an admin.db that lags its user databases). */
  adminLacks?: boolean;
}

/** A run directory: run.json, history/ (with `extraLines` appended raw), pool.json, and per server its snapshot folder. */
function writeRun(name: string, spec: { ops: Operation[]; pool: PoolUser[]; servers?: ServerSpec[]; extraLines?: string; info?: Partial<RunInfo> }): string {
  const dir = test.info().outputPath(name);
  fs.mkdirSync(path.join(dir, 'history'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'history', 'worker-0.jsonl'), spec.ops.map((op) => `${JSON.stringify(op)}\n`).join('') + (spec.extraLines ?? ''));
  fs.writeFileSync(path.join(dir, 'pool.json'), JSON.stringify(spec.pool));
  const servers: ServerData[] = [];
  for (const server of spec.servers ?? []) {
    const snapshots = path.join('servers', server.name);
    if (server.adminLacks) {
      writeAdminDb(path.join(dir, snapshots), []);
      for (const user of server.users) writeUserDb(path.join(dir, snapshots), user);
    } else writeDataDir(path.join(dir, snapshots), server.users);
    servers.push({ name: server.name, snapshots, serverLog: null, vus: server.vus });
  }
  fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify(infoOf(name, { ...(spec.servers ? { servers } : {}), ...spec.info })));
  return dir;
}

/** alice01 (w01) adds one card on server a, bob02 (w02) one on server b; `loseBob` leaves bob's out of server b. */
function twoServers(options: { loseBob?: boolean } = {}) {
  const h = historyBuilder();
  const alice = h.add({ ...ALICE, seq: 1, deckId: HISTORY_DECK, at: T0, cardId: T0 + 1 });
  const bob = h.add({ ...BOB, seq: 1, deckId: 1, at: T0 + 2_000, cardId: T0 + 2_001 });
  const a: ServerSpec = { name: 'a', vus: [ALICE.vu], users: [{ userId: 1, username: 'alice01', decks: { [HISTORY_DECK]: 'History' }, cards: [rowFor(alice.card, T0 + 1, HISTORY_DECK)] }] };
  const b: ServerSpec = { name: 'b', vus: [BOB.vu], users: [{ userId: 2, username: 'bob02', cards: options.loseBob ? [] : [rowFor(bob.card, T0 + 2_001, 1)] }] };
  return { h, servers: [a, b], pool: [poolUser(ALICE), poolUser(BOB)] };
}

test.describe('runs/latest as a file naming the run', () => {
  function runsWith(latest: string): { runs: string; run: string; latest: string } {
    const runs = test.info().outputPath('runs');
    const run = path.join(runs, '20260101-000000-abc');
    fs.mkdirSync(run, { recursive: true });
    fs.writeFileSync(path.join(runs, 'a-file'), 'not a folder');
    fs.writeFileSync(path.join(runs, 'latest'), latest);
    return { runs, run, latest: path.join(runs, 'latest') };
  }

  test('a file naming a run folder beside it (newline and all) resolves to that folder', () => {
    const { run, latest } = runsWith('20260101-000000-abc\n');
    expect(resolveRunDir(latest)).toBe(run);
  });

  test('an empty file, or one naming a missing folder or a plain file, is refused as naming no run', () => {
    for (const content of ['', '\n', '20251231-000000-zzz', 'a-file']) {
      const { latest } = runsWith(content);
      expect(() => resolveRunDir(latest), JSON.stringify(content)).toThrow(AuditInputError);
      expect(() => resolveRunDir(latest), JSON.stringify(content)).toThrow(`${latest} is not a run directory and does not name one. Pass a folder under runs/.`);
    }
  });
});

test.describe('where the databases and the log are read from', () => {
  test('a relative data folder that is not found from here is read inside the run directory', () => {
    const run = test.info().outputPath('run');
    writeDataDir(path.join(run, 'target-data'), []);
    expect(chooseDataDir(run, infoOf('run'))).toEqual({ dataDir: path.join(run, 'target-data'), source: 'live' });
  });

  test('a relative data folder found from where the command runs is read there, not inside the run', () => {
    const live = test.info().outputPath('elsewhere', 'data');
    writeDataDir(live, []);
    const run = test.info().outputPath('run');
    fs.mkdirSync(run, { recursive: true });
    expect(chooseDataDir(run, infoOf('run', { dataDir: path.relative(process.cwd(), live) }))).toEqual({ dataDir: live, source: 'live' });
  });

  test('a run whose data folder holds no admin.db is refused by naming where it was looked for', () => {
    const run = test.info().outputPath('run');
    fs.mkdirSync(path.join(run, 'target-data'), { recursive: true });
    expect(() => chooseDataDir(run, infoOf('run'))).toThrow(AdminDbMissingError);
    expect(() => chooseDataDir(run, infoOf('run'))).toThrow(`No admin.db at ${path.join(run, 'target-data', 'admin.db')}`);
  });

  test("the run's copy of the server log comes before the file run.json names", () => {
    const run = test.info().outputPath('run');
    fs.mkdirSync(run, { recursive: true });
    const named = test.info().outputPath('server.log');
    fs.writeFileSync(named, '');
    fs.writeFileSync(path.join(run, 'server_logs.txt'), '');
    expect(chooseServerLog(run, infoOf('run', { serverLog: named }))).toBe(path.join(run, 'server_logs.txt'));
  });

  test('without a copy, the log run.json names is read only when it exists', () => {
    const run = test.info().outputPath('run');
    fs.mkdirSync(run, { recursive: true });
    const named = test.info().outputPath('server.log');
    fs.writeFileSync(named, '');
    expect(chooseServerLog(run, infoOf('run', { serverLog: named }))).toBe(named);
    expect(chooseServerLog(run, infoOf('run', { serverLog: test.info().outputPath('gone.log') }))).toBeNull();
    expect(chooseServerLog(run, infoOf('run', { serverLog: null }))).toBeNull();
  });

  test('a run judged later carries the judging time it was given', () => {
    const { h, servers, pool } = twoServers();
    const run = writeRun('one-server', { ops: h.ops, pool, info: { dataDir: 'servers/a' } });
    writeDataDir(path.join(run, 'servers', 'a'), [...servers[0]!.users, ...servers[1]!.users]);
    const { verdict, dataDir } = auditRunDir(run, JUDGED_AT);
    expect(dataDir).toBe(path.join(run, 'servers', 'a'));
    expect(verdict.ok).toBe(true);
    expect(verdict.judgedAt).toBe(JUDGED_AT.toISOString());
  });
});

test('an unreadable line of a single-server run is reported, and makes the verdict unknown', () => {
  const { h, servers, pool } = twoServers();
  const run = writeRun('one-server', { ops: h.ops, pool, info: { dataDir: 'servers/a' }, extraLines: '{"half a record"\n' });
  writeDataDir(path.join(run, 'servers', 'a'), [...servers[0]!.users, ...servers[1]!.users]);
  const { verdict } = auditRunDir(run, JUDGED_AT);
  expect(verdict.history).toEqual({ files: 1, truncatedLines: 0, malformedLines: 1 });
  expect(verdict.unjudged).toEqual(['1 line(s) of the history could not be read, so the requests they held were not judged']);
  expect(verdict.valid).toBe('unknown');
});

test.describe('a merged run whose legs drove separate servers', () => {
  test('each server is judged on its own requests, at the judging time given', () => {
    const { h, servers, pool } = twoServers();
    const { verdict } = auditRunDir(writeRun('merged', { ops: h.ops, pool, servers }), JUDGED_AT);
    expect(verdict.violations).toEqual([]);
    expect(verdict.valid).toBe(true);
    expect(verdict.judgedAt).toBe(JUDGED_AT.toISOString());
    // Every server was judged from its snapshot folder.
    expect(verdict.source).toBe('snapshots');
  });

  test('a lost card on one server fails the merged run', () => {
    const { h, servers, pool } = twoServers({ loseBob: true });
    const { verdict } = auditRunDir(writeRun('merged', { ops: h.ops, pool, servers }), JUDGED_AT);
    expect(verdict.violations.map((v) => [v.class, v.vu])).toEqual([['lost', BOB.vu]]);
    expect(verdict.valid).toBe(false);
  });

  test('an unreadable line of the merged history is reported, and makes the verdict unknown', () => {
    const { h, servers, pool } = twoServers();
    const { verdict } = auditRunDir(writeRun('merged', { ops: h.ops, pool, servers, extraLines: '{"half a record"\n' }), JUDGED_AT);
    expect(verdict.history).toEqual({ files: 1, truncatedLines: 0, malformedLines: 1 });
    expect(verdict.unjudged).toEqual(['1 line(s) of the history could not be read, so the requests they held were not judged']);
    expect(verdict.valid).toBe('unknown');
  });

  test('requests of VUs no server names are counted, their VUs named once each, and the verdict is unknown', () => {
    const { h, servers, pool } = twoServers();
    h.answer(CAROL, 1_795_743_678_001, 3, T0 + 5_000);
    h.answer(CAROL, 1_795_743_678_002, 3, T0 + 6_000);
    h.op({ vu: 'w09', username: 'ghost09', userId: 9 }, 'list_decks', { at: T0 + 7_000 });
    const { verdict } = auditRunDir(writeRun('merged', { ops: h.ops, pool, servers }), JUDGED_AT);
    expect(verdict.violations).toEqual([]);
    expect(verdict.unjudged).toEqual(['3 operation(s) of VUs no server of the merged run names (r01, w09) were not judged']);
    expect(verdict.valid).toBe('unknown');
    expect(verdict.ok).toBe(false);
  });

  test('the unjudged line names the first five VUs no server names, not all of them', () => {
    const { h, servers, pool } = twoServers();
    for (const n of [1, 2, 3, 4, 5, 6]) h.op({ vu: `x0${n}`, username: `extra0${n}`, userId: 10 + n }, 'list_decks', { at: T0 + 5_000 + n });
    const { verdict } = auditRunDir(writeRun('merged', { ops: h.ops, pool, servers }), JUDGED_AT);
    expect(verdict.unjudged).toEqual(['6 operation(s) of VUs no server of the merged run names (x01, x02, x03, x04, x05) were not judged']);
  });

  test('requests no server received do not turn a failed merged run into an unknown one', () => {
    const { h, servers, pool } = twoServers({ loseBob: true });
    h.answer(CAROL, 1_795_743_678_001, 3, T0 + 5_000);
    const { verdict } = auditRunDir(writeRun('merged', { ops: h.ops, pool, servers }), JUDGED_AT);
    expect(verdict.valid).toBe(false);
    expect(verdict.ok).toBe(false);
    expect(verdict.unjudged).toEqual(['1 operation(s) of VUs no server of the merged run names (r01) were not judged']);
  });

  test("a server's audit knows only its own users: another server's user with the same id does not own its files", () => {
    // Each embedded target numbered its first user 1; server a's admin.db lags its user database.
    const h = historyBuilder();
    const bobOnB = { ...BOB, userId: 1 };
    const alice = h.add({ ...ALICE, seq: 1, deckId: HISTORY_DECK, at: T0, cardId: T0 + 1 });
    const bob = h.add({ ...bobOnB, seq: 1, deckId: 1, at: T0 + 2_000, cardId: T0 + 2_001 });
    const servers: ServerSpec[] = [
      { name: 'a', vus: [ALICE.vu], adminLacks: true, users: [{ userId: 1, username: 'alice01', decks: { [HISTORY_DECK]: 'History' }, cards: [rowFor(alice.card, T0 + 1, HISTORY_DECK)] }] },
      { name: 'b', vus: [BOB.vu], users: [{ userId: 1, username: 'bob02', cards: [rowFor(bob.card, T0 + 2_001, 1)] }] },
    ];
    const { verdict } = auditRunDir(writeRun('merged', { ops: h.ops, pool: [poolUser(bobOnB), poolUser(ALICE)], servers }), JUDGED_AT);
    expect(verdict.violations.map((v) => v.message)).toEqual([]);
    expect(verdict.valid).toBe(true);
  });

  test('a server whose snapshot folder has no admin.db is refused by naming it', () => {
    const { h, servers, pool } = twoServers();
    const run = writeRun('merged', { ops: h.ops, pool, servers });
    fs.rmSync(path.join(run, 'servers', 'b', 'admin.db'));
    expect(() => auditRunDir(run)).toThrow(AdminDbMissingError);
    expect(() => auditRunDir(run)).toThrow(`No admin.db at ${path.join(run, 'servers', 'b', 'admin.db')}`);
  });
});
