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

const root = path.resolve(import.meta.dirname, '..');
dotenv.config({ path: path.join(root, '.env'), quiet: true });

type Env = Readonly<Record<string, string | undefined>>;

export interface Thresholds {
  addCardAvgMs: number;
  reviewAvgMs: number;
  /** Fraction, 0.01 = 1 %. */
  errorRate: number;
  /** When true, the real server's same-second 500s (id collisions) do not count as errors. */
  errorRateExcludesIdCollisions: boolean;
  maxViolations: number;
}

export interface Config {
  root: string;
  runsDir: string;
  /** Null: start the embedded target. */
  baseUrl: string | null;
  dataDir: string | null;
  serverLog: string | null;
  allowRemoteTarget: boolean;
  profile: Profile;
  target: { workers: number; faults: string | null; faultSeed: number; bcryptCost: number; enhancedLog: boolean };
  thresholds: Thresholds;
  /** Per-request timeout of a VU's HTTP client. */
  requestTimeoutMs: number;
  /** Most API VUs (writers, reviewers) one Playwright test and worker drives at once. */
  vusPerWorker: number;
  /** Pid of an external server's primary process on this machine, so its CPU is measured beside the generator's. */
  serverPid: number | null;
  /** Print the live progress line. */
  progress: boolean;
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

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
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
  validateProfile(profile);
  return profile;
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
  const profile = loadProfile(env);
  const config: Config = {
    root,
    runsDir: path.resolve(root, env.RUNS_DIR?.trim() || 'runs'),
    baseUrl,
    dataDir: dataDirRaw ? path.resolve(root, dataDirRaw) : null,
    serverLog: env.SERVER_LOG?.trim() ? path.resolve(root, env.SERVER_LOG.trim()) : null,
    allowRemoteTarget,
    profile,
    target: {
      workers: int(env, 'TARGET_WORKERS', 3, 1, 32),
      faults: env.TARGET_FAULTS?.trim() || null,
      faultSeed: int(env, 'FAULT_SEED', 1, 0),
      bcryptCost: int(env, 'BCRYPT_COST', 12, 4, 15),
      enhancedLog: bool(env, 'TARGET_ENHANCED_LOG', false),
    },
    thresholds: {
      addCardAvgMs: num(env, 'THRESHOLD_ADD_CARD_MS', 500, 1, 600_000),
      reviewAvgMs: num(env, 'THRESHOLD_REVIEW_MS', 300, 1, 600_000),
      errorRate: num(env, 'THRESHOLD_ERROR_RATE', 0.01, 0, 1),
      errorRateExcludesIdCollisions: bool(env, 'THRESHOLD_ERRORS_EXCLUDE_ID_COLLISIONS', false),
      maxViolations: int(env, 'THRESHOLD_MAX_VIOLATIONS', 0, 0),
    },
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 10_000, 100, 600_000),
    vusPerWorker: int(env, 'VUS_PER_WORKER', 25, 1, 500),
    serverPid: env.SERVER_PID?.trim() ? int(env, 'SERVER_PID', 0, 1) : null,
    progress: bool(env, 'PROGRESS', !env.CI),
    ci: !!env.CI,
    runDir: env.JAVUMBO_RUN_DIR?.trim() || null,
    runSecret: env.JAVUMBO_RUN_SECRET?.trim() || null,
    slowMoMs: int(env, 'SLOWMO_MS', 0, 0, 10_000),
    onlyVus: parseOnly(env),
    epochLeadMs: env.EPOCH_LEAD_MS?.trim() ? int(env, 'EPOCH_LEAD_MS', 0, 0, 600_000) : null,
    runToCheck: path.resolve(root, env.RUN_TO_CHECK?.trim() || path.join(env.RUNS_DIR?.trim() || 'runs', 'latest')),
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
    dir = path.join(config.runsDir, newId());
    secret = newSecret();
    process.env[RUN_ENV.runDir] = dir;
    process.env[RUN_ENV.runSecret] = secret;
  }
  return { id: path.basename(dir), dir, secret };
}
