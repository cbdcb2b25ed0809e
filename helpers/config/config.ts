/**
 * The one place that reads the environment (after loading `.env` with dotenv).
 * Everything is validated here and exported frozen; a bad value stops the run with
 * one line naming the variable and the fix (ConfigError).
 */
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { ConfigError } from './errors/config-error.ts';
import { ONE_ADD_PER_SECOND_MS } from './whole-second-ids.ts';
import { failWithOneLine } from './fail.ts';
import { PROFILES, type Profile } from './profiles.ts';
import { isLoopbackHost } from '../../embedded-server/loopback.ts';
import { PLAN_LIMITS } from './plan-limits.ts';
import { TARGET_DEFAULTS, parseSessionStore } from '../../embedded-server/cli-args.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
dotenv.config({ path: path.join(root, '.env'), quiet: true });

type Env = Readonly<Record<string, string | undefined>>;

import type { Thresholds } from './plan-limits.ts';
export type { Thresholds };

export interface Config {
  root: string;
  runsDir: string;
  /** Null: start the embedded target. */
  baseUrl: string | null;
  dataDir: string | null;
  serverLog: string | null;
  allowRemoteTarget: boolean;
  profile: Profile;
  target: { workers: number; faults: string | null; faultSeed: number; bcryptCost: number; enhancedLog: boolean; sessionStore: string };
  thresholds: Thresholds;
  /** Per-request timeout of a VU's HTTP client. */
  requestTimeoutMs: number;
  /** Most API VUs (writers, reviewers) one Playwright test and worker drives at once. */
  vusPerWorker: number;
  /**
   * API_TRANSPORT: how API VUs send requests — `node` (Node's http client) or `playwright`
   * (an APIRequestContext, every call in the trace); null: Playwright's when the run records
   * traces (one VU chosen, or `--trace`), Node's otherwise (`helpers/vu/http-transport.ts`).
   */
  apiTransport: 'node' | 'playwright' | null;
  /** Pid of an external server's primary process on this machine, so its CPU is measured beside the generator's. */
  serverPid: number | null;
  /** Print the live progress line. */
  progress: boolean;
  /** The live web dashboard (report/dashboard/): DASHBOARD (default on, off under CI), DASHBOARD_PORT (0: a free port). */
  dashboard: { enabled: boolean; port: number };
  ci: boolean;
  /** Run directory of the current run; set by global setup for the workers. */
  runDir: string | null;
  /** Per-run secret the pool passwords are derived from; set by global setup, never written to disk. */
  runSecret: string | null;
  /** Browser: slow motion for headed debugging. */
  slowMoMs: number;
  /** Select VUs by id, e.g. `w03` or `w03,r01`; empty = all. */
  onlyVus: readonly string[];
  /** Override of the time between setup and the run epoch (default grows with the VU count). */
  epochLeadMs: number | null;
  /** The finished run the deliverables check of `npm test` inspects. */
  runToCheck: string;
  /** RUN_ID: the id every leg of a distributed run shares (its run directory's name); null: a new id per run. */
  runId: string | null;
  /** RUN_PROJECTS: every project of a distributed run, over all its legs; null: this run's selection. */
  runProjects: readonly string[] | null;
  /** RUN_EPOCH: epoch ms at which stage 1 starts, common to every leg; null: set by global setup. */
  runEpochMs: number | null;
  /** DATA_FETCH_CMD: a shell command that copies a remote deployment's data folder into `$SNAPSHOT_DIR` before each audit. */
  dataFetchCmd: string | null;
  /** The known-findings baseline (KNOWN_FINDINGS, default known-findings.json at the root). */
  knownFindingsFile: string;
  /** True when KNOWN_FINDINGS named the file: then it must exist. */
  knownFindingsRequired: boolean;
}

function int(env: Env, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new ConfigError(name, `"${raw}" is not a whole number`, `set ${name} to an integer between ${min} and ${max}`);
  if (n < min || n > max) throw new ConfigError(name, `${n} is out of range`, `set ${name} to an integer between ${min} and ${max}`);
  return n;
}

function num(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new ConfigError(name, `"${raw}" is not a number in [${min}, ${max}]`, `set ${name} to a number between ${min} and ${max}`);
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `"${env[name]}" is not a boolean`, `set ${name} to true or false`);
}

function apiTransportOf(env: Env): 'node' | 'playwright' | null {
  const raw = env.API_TRANSPORT?.trim();
  if (!raw) return null;
  if (raw === 'node' || raw === 'playwright') return raw;
  throw new ConfigError('API_TRANSPORT', `"${raw}" is not a transport`, 'give node (Node http, lean) or playwright (APIRequestContext, traced), or unset it to choose by tracing');
}

/** JAVUMBO_SESSION_STORE for the embedded target: files (default), redis (it starts its own redis-server), or redis://127.0.0.1:<port>. */
function sessionStoreOf(env: Env): string {
  const raw = env.JAVUMBO_SESSION_STORE?.trim() || 'files';
  try {
    parseSessionStore(raw);
  } catch {
    throw new ConfigError('JAVUMBO_SESSION_STORE', `"${raw}" is not a session store`, 'give files, redis (the embedded target starts its own redis-server) or redis://127.0.0.1:<port>');
  }
  return raw;
}

function parseBaseUrl(env: Env, allowRemote: boolean): string | null {
  const raw = env.BASE_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('BASE_URL', `"${raw}" is not a URL`, 'set BASE_URL like http://127.0.0.1:8000, or unset it to use the embedded target');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('BASE_URL', `protocol ${url.protocol} is not http(s)`, 'use an http:// or https:// URL');
  if (!isLoopbackHost(url.hostname) && !allowRemote)
    throw new ConfigError('BASE_URL', `${url.hostname} is not a loopback address`, 'load tests only target this machine; set ALLOW_REMOTE_TARGET=true if you really own that server');
  return raw.replace(/\/+$/, '');
}

/** Profile from PROFILE (a built-in name) or PROFILE_FILE (a JSON file of the Profile shape), with count overrides. */
function loadProfile(env: Env): Profile {
  const file = env.PROFILE_FILE?.trim();
  let base: Profile;
  if (file) {
    const p = path.resolve(root, file);
    if (!fs.existsSync(p)) throw new ConfigError('PROFILE_FILE', `${p} does not exist`, 'point PROFILE_FILE at a JSON profile (see profiles/example.json)');
    try {
      base = JSON.parse(fs.readFileSync(p, 'utf8')) as Profile;
    } catch (e) {
      throw new ConfigError('PROFILE_FILE', `${p} is not valid JSON (${(e as Error).message})`, 'fix the JSON syntax');
    }
  } else {
    const name = env.PROFILE?.trim() || 'plan';
    const found = PROFILES[name];
    if (!found) throw new ConfigError('PROFILE', `unknown profile "${name}"`, `use one of: ${Object.keys(PROFILES).join(', ')}, or PROFILE_FILE=<json>`);
    base = found;
  }
  const profile: Profile = structuredClone(base);
  const writers = int(env, 'WRITERS', -1, 0, 500);
  if (writers >= 0) profile.writers.stages = scaleStages(profile.writers.stages, writers);
  const reviewers = int(env, 'REVIEWERS', -1, 0, 500);
  if (reviewers >= 0) profile.reviewers.stages = scaleStages(profile.reviewers.stages, reviewers);
  const scale = num(env, 'DURATION_SCALE', 1, 0.01, 100);
  if (env.DURATION_SCALE !== undefined && env.DURATION_SCALE.trim() !== '' && Number(env.DURATION_SCALE) <= 0)
    throw new ConfigError('DURATION_SCALE', 'must be positive', 'set DURATION_SCALE to e.g. 0.5 or 2');
  if (scale !== 1) scaleDurations(profile, scale);
  const leftOut = notPartOfRun(env);
  if (leftOut.length > 0) profile.notPartOfRun = [...new Set([...(profile.notPartOfRun ?? []), ...leftOut])];
  validateProfile(profile);
  return profile;
}

/** Criteria a run may leave out with NOT_PART_OF_RUN: what it could not judge then leaves it decided, not unknown. */
const LEAVABLE_CRITERIA = ['performance-thresholds', 'scenario-tests'] as const;

/** NOT_PART_OF_RUN: comma-separated criterion keys added to the profile's `notPartOfRun`. */
function notPartOfRun(env: Env): string[] {
  const keys = (env.NOT_PART_OF_RUN ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  const unknown = keys.filter((key) => !(LEAVABLE_CRITERIA as readonly string[]).includes(key));
  if (unknown.length > 0) throw new ConfigError('NOT_PART_OF_RUN', `"${unknown.join(', ')}" is not a criterion a run can leave out`, `use ${LEAVABLE_CRITERIA.join(' or ')}`);
  return keys;
}

/** Keep the stage times, rescale the counts so the last stage reaches `peak`. */
function scaleStages(stages: Profile['writers']['stages'], peak: number): Profile['writers']['stages'] {
  const old = stages.reduce((m, s) => Math.max(m, s.count), 0) || 1;
  return stages.map((s) => ({ atMs: s.atMs, count: Math.min(peak, Math.round((s.count * peak) / old)) }));
}

function scaleDurations(p: Profile, k: number): void {
  for (const group of [p.writers, p.reviewers]) {
    group.stages = group.stages.map((s) => ({ atMs: Math.round(s.atMs * k), count: s.count }));
    group.budgetMs = Math.round(group.budgetMs * k);
  }
  p.sessions.budgetMs = Math.round(p.sessions.budgetMs * k);
  const back = p.sessions.returning;
  if (back) p.sessions.returning = { ...back, maxIdleMs: Math.round(back.maxIdleMs * k), budgetMs: Math.round(back.budgetMs * k) };
  p.browser.budgetMs = Math.round(p.browser.budgetMs * k);
}

function validateProfile(p: Profile): void {
  const where = `profile "${p.name}"`;
  const ranges: [string, readonly number[]][] = [
    ['writers.cards', p.writers.cards],
    ['reviewers.reviews', p.reviewers.reviews],
    ['writers.thinkMs', p.writers.thinkMs],
    ['reviewers.thinkMs', p.reviewers.thinkMs],
  ];
  for (const [name, r] of ranges) {
    if (!Array.isArray(r) || r.length !== 2 || !r.every((x) => Number.isFinite(x) && x >= 0) || r[0]! > r[1]!)
      throw new ConfigError(`${where} ${name}`, `${JSON.stringify(r)} is not a [min, max] range of non-negative numbers`, 'give two numbers, min first');
  }
  if (p.writers.thinkMs[0] < ONE_ADD_PER_SECOND_MS)
    throw new ConfigError(
      `${where} writers.thinkMs`,
      `${JSON.stringify(p.writers.thinkMs)} lets a writer add twice within a second, which the server refuses (card ids are whole seconds)`,
      `start the range at ${ONE_ADD_PER_SECOND_MS} or more`,
    );
  for (const [name, stages] of [
    ['writers', p.writers.stages],
    ['reviewers', p.reviewers.stages],
  ] as const) {
    if (!Array.isArray(stages) || stages.some((s) => !Number.isInteger(s.count) || s.count < 0 || !Number.isFinite(s.atMs) || s.atMs < 0))
      throw new ConfigError(`${where} ${name}.stages`, 'counts and times must be non-negative integers', 'fix the stage list');
  }
  for (const [name, v] of [
    ['writers.budgetMs', p.writers.budgetMs],
    ['reviewers.budgetMs', p.reviewers.budgetMs],
  ] as const) {
    if (!Number.isFinite(v) || v <= 0) throw new ConfigError(`${where} ${name}`, `${v} is not a positive duration`, 'give a duration in ms > 0');
  }
  const concurrency = p.registration.concurrency;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1))
    throw new ConfigError(`${where} registration.concurrency`, `${concurrency} is not a count of signups in flight`, 'give an integer ≥ 1, or leave it out for all at once');
  if (p.sessions.returning) validateReturning(where, p.sessions.returning);
}

/** A returning user must be able to wait its whole idle bound and still have time to work. */
function validateReturning(where: string, r: NonNullable<Profile['sessions']['returning']>): void {
  const cards = r.cards;
  if (!Array.isArray(cards) || cards.length !== 2 || !cards.every((x) => Number.isInteger(x) && x >= 1) || cards[0] > cards[1])
    throw new ConfigError(`${where} sessions.returning.cards`, `${JSON.stringify(cards)} is not a [min, max] range of cards`, 'give two integers ≥ 1, min first');
  for (const [name, v] of [
    ['users', r.users],
    ['afterLogins', r.afterLogins],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) throw new ConfigError(`${where} sessions.returning.${name}`, `${v} is not a count`, 'give an integer ≥ 0');
  }
  if (!Number.isFinite(r.maxIdleMs) || r.maxIdleMs <= 0) throw new ConfigError(`${where} sessions.returning.maxIdleMs`, `${r.maxIdleMs} is not a positive duration`, 'give a duration in ms > 0');
  if (!Number.isFinite(r.budgetMs) || r.budgetMs <= r.maxIdleMs)
    throw new ConfigError(`${where} sessions.returning.budgetMs`, `${r.budgetMs} leaves no time to work after an idle of up to ${r.maxIdleMs} ms`, 'make budgetMs longer than maxIdleMs');
}

/** RUN_ID names a folder and its last 3 characters tag every pool username of the run. */
function parseRunId(env: Env): string | null {
  const raw = env.RUN_ID?.trim();
  if (!raw) return null;
  if (!/^[a-z0-9][a-z0-9._-]{0,60}[a-z0-9]{3}$/.test(raw))
    throw new ConfigError('RUN_ID', `"${raw}" is not a run id`, 'use 4–64 lowercase letters, digits, ".", "_" or "-", ending in 3 letters or digits (e.g. gh-1234567-1)');
  return raw;
}

/** Epoch ms, between 2020 and 2100: a value in seconds, or a date string, is refused. */
function parseRunEpoch(env: Env): number | null {
  const raw = env.RUN_EPOCH?.trim();
  if (!raw) return null;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1_577_836_800_000 || n > 4_102_444_800_000)
    throw new ConfigError('RUN_EPOCH', `"${raw}" is not an epoch in milliseconds`, 'set RUN_EPOCH to the epoch ms at which stage 1 starts, e.g. $(( ($(date +%s) + 120) * 1000 ))');
  return n;
}

function parseOnly(env: Env): string[] {
  return (env.VU ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function loadConfig(env: Env = process.env): Config {
  const allowRemoteTarget = bool(env, 'ALLOW_REMOTE_TARGET', false);
  const baseUrl = parseBaseUrl(env, allowRemoteTarget);
  const dataDirRaw = env.DATA_DIR?.trim() || null;
  if (baseUrl && !dataDirRaw)
    throw new ConfigError('DATA_DIR', 'is required when BASE_URL is set', "set DATA_DIR to the server's folder holding admin.db and user_dbs/ (the bind-mounted server/ of a compose deployment)");
  if (env.DATA_FETCH_CMD?.trim() && !baseUrl)
    throw new ConfigError('DATA_FETCH_CMD', 'is set without BASE_URL: the embedded target keeps its data on this machine', 'set BASE_URL and DATA_DIR for the deployment, or unset DATA_FETCH_CMD');
  const profile = loadProfile(env);
  // One name for the fault switches, the target's own: a suite run and `npm run target` read the same variables.
  for (const [old, now] of [
    ['TARGET_FAULTS', 'JAVUMBO_FAULTS'],
    ['FAULT_SEED', 'JAVUMBO_FAULT_SEED'],
  ] as const) {
    if (env[old]?.trim()) throw new ConfigError(old, `is no longer read`, `rename it ${now} (the same name the target reads)`);
  }
  const config: Config = {
    root,
    runsDir: path.resolve(root, env.RUNS_DIR?.trim() || 'runs'),
    baseUrl,
    dataDir: dataDirRaw ? path.resolve(root, dataDirRaw) : null,
    serverLog: env.SERVER_LOG?.trim() ? path.resolve(root, env.SERVER_LOG.trim()) : null,
    allowRemoteTarget,
    profile,
    target: {
      workers: int(env, 'TARGET_WORKERS', TARGET_DEFAULTS.workers, 1, 32),
      faults: env.JAVUMBO_FAULTS?.trim() || null,
      faultSeed: int(env, 'JAVUMBO_FAULT_SEED', TARGET_DEFAULTS.faultSeed, 0),
      bcryptCost: int(env, 'BCRYPT_COST', TARGET_DEFAULTS.bcryptCost, 4, 15),
      enhancedLog: bool(env, 'JAVUMBO_ENHANCED_LOG', false),
      sessionStore: sessionStoreOf(env),
    },
    thresholds: {
      addCardAvgMs: num(env, 'THRESHOLD_ADD_CARD_MS', PLAN_LIMITS.addCardAvgMs, 1, 600_000),
      reviewAvgMs: num(env, 'THRESHOLD_REVIEW_MS', PLAN_LIMITS.reviewAvgMs, 1, 600_000),
      errorRate: num(env, 'THRESHOLD_ERROR_RATE', PLAN_LIMITS.errorRate, 0, 1),
      errorRateExcludesIdCollisions: bool(env, 'THRESHOLD_ERRORS_EXCLUDE_ID_COLLISIONS', PLAN_LIMITS.errorRateExcludesIdCollisions),
      maxViolations: int(env, 'THRESHOLD_MAX_VIOLATIONS', PLAN_LIMITS.maxViolations, 0),
    },
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 10_000, 100, 600_000),
    vusPerWorker: int(env, 'VUS_PER_WORKER', 25, 1, 500),
    apiTransport: apiTransportOf(env),
    serverPid: env.SERVER_PID?.trim() ? int(env, 'SERVER_PID', 0, 1) : null,
    progress: bool(env, 'PROGRESS', !env.CI),
    dashboard: { enabled: bool(env, 'DASHBOARD', !env.CI), port: int(env, 'DASHBOARD_PORT', 0, 0, 65_535) },
    ci: !!env.CI,
    runDir: env.JAVUMBO_RUN_DIR?.trim() || null,
    runSecret: env.JAVUMBO_RUN_SECRET?.trim() || null,
    slowMoMs: int(env, 'SLOWMO_MS', 0, 0, 10_000),
    onlyVus: parseOnly(env),
    epochLeadMs: env.EPOCH_LEAD_MS?.trim() ? int(env, 'EPOCH_LEAD_MS', 0, 0, 600_000) : null,
    runToCheck: path.resolve(root, env.RUN_TO_CHECK?.trim() || path.join(env.RUNS_DIR?.trim() || 'runs', 'latest')),
    runId: parseRunId(env),
    runEpochMs: parseRunEpoch(env),
    runProjects: env.RUN_PROJECTS?.trim()
      ? env.RUN_PROJECTS.split(',')
          .map((p) => p.trim())
          .filter(Boolean)
      : null,
    dataFetchCmd: env.DATA_FETCH_CMD?.trim() || null,
    knownFindingsFile: path.resolve(root, env.KNOWN_FINDINGS?.trim() || 'known-findings.json'),
    knownFindingsRequired: !!env.KNOWN_FINDINGS?.trim(),
  };
  return Object.freeze(config);
}

/** Values handed from global setup to the Playwright workers (inherited environment). */
export const RUN_ENV = { runDir: 'JAVUMBO_RUN_DIR', runSecret: 'JAVUMBO_RUN_SECRET' } as const;

/**
 * Loaded while Playwright reads its config file: an error escaping here would be printed by
 * Playwright with its stack, so bad input ends the process with the one line instead.
 */
export const config: Config = (() => {
  try {
    return loadConfig();
  } catch (e) {
    return failWithOneLine(e);
  }
})();

export interface RunLocation {
  id: string;
  dir: string;
  secret: string;
}

/**
 * The current run's id, directory and secret. The first call in Playwright's main process
 * picks them and puts them in the environment, which global setup and every worker inherit;
 * later calls (and workers) read them back. Nothing is created on disk here.
 */
export function runLocation(newId: () => string, newSecret: () => string): RunLocation {
  let dir = process.env[RUN_ENV.runDir];
  let secret = process.env[RUN_ENV.runSecret];
  if (!dir || !secret) {
    dir = path.join(config.runsDir, config.runId ?? newId());
    secret = newSecret();
    process.env[RUN_ENV.runDir] = dir;
    process.env[RUN_ENV.runSecret] = secret;
  }
  return { id: path.basename(dir), dir, secret };
}
