/**
 * DATA_FETCH_CMD: a user's command copies a deployment's databases into DATA_DIR before they
 * are read. Proven with a local `cp` standing in for `docker cp` or `rsync`: what it copies is
 * what gets judged; a failing command, or one that brings no admin.db, is one line and exit 2.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { fetchData } from '../../db/data-fetch.ts';
import { DataFetchError } from '../../db/errors/data-fetch-error.ts';
import { loadConfig } from '../../helpers/config/config.ts';
import { ConfigError } from '../../helpers/config/errors/config-error.ts';
import { checkLegs, mergeLegs, readLegs } from '../../report/merge-legs.ts';
import { PLAN_LIMITS } from '../../db/decision/thresholds.ts';
import type { RunInfo } from '../../helpers/run/run-dir.ts';
import { writeDataDir } from './support/anki-fixture.ts';
import { historyBuilder } from './support/history-builder.ts';
import { ALICE, HISTORY_DECK, T0, baseUsers, rowFor, userOf } from './support/checker-scenario.ts';

const cp = (from: string) => `cp -R '${from}/.' "$(pwd)/fetched"`;

test('the command copies the data folder; its files are then in DATA_DIR', () => {
  const remote = test.info().outputPath('remote');
  writeDataDir(remote, baseUsers());
  const cwd = test.info().outputPath('here');
  fs.mkdirSync(cwd, { recursive: true });
  fetchData(cp(remote), path.join(cwd, 'fetched'), cwd);
  expect(fs.existsSync(path.join(cwd, 'fetched', 'admin.db'))).toBe(true);
  expect(fs.readdirSync(path.join(cwd, 'fetched', 'user_dbs')).sort()).toEqual(fs.readdirSync(path.join(remote, 'user_dbs')).sort());
});

test('a failing command, or one that brings no admin.db, is one line naming the command and the fix', () => {
  const cwd = test.info().outputPath('here');
  fs.mkdirSync(cwd, { recursive: true });
  const failing = () => fetchData("echo 'ssh: connect to host javumbo port 22: Connection refused' >&2; exit 255", path.join(cwd, 'a'), cwd);
  expect(failing).toThrow(DataFetchError);
  expect(failing).toThrow(
    /^DATA_FETCH_CMD ".*" failed with exit 255: ssh: connect to host javumbo port 22: Connection refused: make DATA_FETCH_CMD copy the deployment's admin\.db and user_dbs\/ into DATA_DIR \(.*\/a\)\.$/,
  );
  expect(() => fetchData('true', path.join(cwd, 'b'), cwd)).toThrow(/^DATA_FETCH_CMD "true" succeeded but left no admin\.db in .*\/b: /);
  const e = (() => {
    try {
      fetchData('exit 3', path.join(cwd, 'c'), cwd);
    } catch (error) {
      return error as Error;
    }
    return null;
  })();
  expect(e?.message).not.toContain('\n');
});

test('DATA_FETCH_CMD without BASE_URL is refused: the embedded target keeps its data here', () => {
  expect(() => loadConfig({ DATA_FETCH_CMD: 'rsync a b' })).toThrow(ConfigError);
  expect(() => loadConfig({ DATA_FETCH_CMD: 'rsync a b' })).toThrow(/DATA_FETCH_CMD.*without BASE_URL/);
  expect(loadConfig({ DATA_FETCH_CMD: 'rsync a b', BASE_URL: 'http://127.0.0.1:8000', DATA_DIR: 'snap' }).dataFetchCmd).toBe('rsync a b');
});

test('a merge with a fetch command judges the data it fetched after every leg ended, not the legs’ stale snapshot', async () => {
  const h = historyBuilder('unit-fetch-abc');
  const alice = h.add({ ...ALICE, seq: 1, deckId: HISTORY_DECK, at: T0, cardId: T0 + 1 });
  // The deployment holds the card; the leg's own snapshot (taken from a stale copy) does not.
  const remote = test.info().outputPath('remote');
  const world = baseUsers();
  userOf(world, 1).cards.push(rowFor(alice.card, T0 + 1, HISTORY_DECK));
  writeDataDir(remote, world);
  const leg = test.info().outputPath('leg');
  fs.mkdirSync(path.join(leg, 'history'), { recursive: true });
  fs.writeFileSync(path.join(leg, 'history', 'w.jsonl'), h.ops.map((op) => `${JSON.stringify(op)}\n`).join(''));
  fs.writeFileSync(
    path.join(leg, 'pool.json'),
    JSON.stringify([{ vu: ALICE.vu, username: ALICE.username, name: 'a', userId: ALICE.userId, registeredSentAt: T0 - 5_000, registeredReturnedAt: T0 - 4_000 }]),
  );
  fs.writeFileSync(path.join(leg, 'test_outcomes.json'), JSON.stringify({ status: 'passed', projects: { writers: { planned: 1, passed: 1, failed: 0, skipped: 0, interrupted: 0, failures: [] } } }));
  // Writers only: no GET /review, whose latency the profile says is not part of the run.
  fs.writeFileSync(path.join(leg, 'profile.json'), JSON.stringify({ name: 'unit', notPartOfRun: ['average GET /review'] }));
  writeDataDir(path.join(leg, 'database_snapshots'), baseUsers());
  const info: RunInfo = {
    id: 'unit-fetch-abc',
    epochMs: T0,
    startedAt: new Date(T0).toISOString(),
    profile: 'unit',
    baseUrl: 'http://127.0.0.1:8000',
    dataDir: 'snap',
    serverLog: null,
    embedded: false,
    faults: null,
    shard: { current: 1, total: 1 },
    projects: ['writers'],
    status: 'complete',
  };
  fs.writeFileSync(path.join(leg, 'run.json'), JSON.stringify(info));
  const legs = readLegs([leg]);
  checkLegs(legs);
  const here = test.info().outputPath('here');
  fs.mkdirSync(here, { recursive: true });
  const dataDir = path.join(here, 'fetched');

  const stale = await mergeLegs(legs, test.info().outputPath('stale-runs'), PLAN_LIMITS);
  expect(stale.summary.result).toBe('failed');
  expect(stale.summary.counts.violationsByClass.lost).toBe(1);

  const fetched = await mergeLegs(legs, test.info().outputPath('fetched-runs'), PLAN_LIMITS, { baseUrl: info.baseUrl, dataDir, fetch: (into) => fetchData(cp(remote), into, here) });
  expect(fetched.summary.result).toBe('passed');
  expect(fetched.text).toContain('PASS — no integrity violations');
});
