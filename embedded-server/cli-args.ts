/**
 * Command line (and JAVUMBO_FAULTS / JAVUMBO_FAULT_SEED / JAVUMBO_ENHANCED_LOG) of the target, validated into
 * frozen options. The only module of the target that reads process.env; the command
 * line wins over the environment.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseFaultSpec, type FaultRates } from './fault-spec.ts';
import { isLoopbackHost } from './loopback.ts';
import type { SessionStoreOption } from './session.ts';

/** What --session-store asks for: files, a Redis already running, or one the target starts itself (`redis`). */
export type SessionStoreChoice = SessionStoreOption | { kind: 'own-redis' };
import { TargetUsageError } from './usage-error.ts';

export interface TargetOptions {
  readonly port: number;
  readonly host: string;
  /** Absolute; a fresh temporary folder when not given. */
  readonly dataDir: string;
  readonly workers: number;
  readonly faults: Readonly<FaultRates>;
  readonly faultSeed: number;
  readonly bcryptCost: number;
  /** Write the diagnostic add_card lines (ADD_CARD_START, …) to the server log. */
  readonly enhancedLog: boolean;
  /** Exit when stdin closes: set by startTarget so a target never outlives its parent. */
  readonly stopOnStdinClose: boolean;
  /** Where sessions live: `files` in flask_session/ (default), a Redis the target starts (`redis`), or one on loopback (`redis://127.0.0.1:6379`). */
  readonly sessionStore: SessionStoreChoice;
}

export const USAGE =
  'usage: npm run target -- [--port 8000] [--data-dir DIR] [--workers 3] [--faults name:rate,...] [--fault-seed N] [--bcrypt-cost 12] [--session-store files|redis|redis://127.0.0.1:6379] [--host 127.0.0.1] [--enhanced-log]';

/** The target's defaults, also the suite's when it starts the embedded target (helpers/config/config.ts). */
export const TARGET_DEFAULTS = { port: 8000, host: '127.0.0.1', workers: 3, faultSeed: 1, bcryptCost: 12 } as const;

function integer(flag: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\s*-?\d+\s*$/.test(raw) || value < min || value > max) {
    throw new TargetUsageError(`--${flag} '${raw}' is not valid; give a whole number from ${min} to ${max}`);
  }
  return value;
}

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): TargetOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        workers: { type: 'string' },
        faults: { type: 'string' },
        'fault-seed': { type: 'string' },
        'bcrypt-cost': { type: 'string' },
        'session-store': { type: 'string' },
        'stop-on-stdin-close': { type: 'boolean' },
        'enhanced-log': { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new TargetUsageError(`${err instanceof Error ? err.message : String(err)}; ${USAGE}`);
  }
  if (values.help === true) throw new TargetUsageError(USAGE);

  const host = values.host ?? TARGET_DEFAULTS.host;
  // Loopback only: the target is a test double and must never face a network.
  if (!isLoopbackHost(host)) {
    throw new TargetUsageError(`--host '${host}' is not a loopback address; the target only listens on 127.0.0.1 (or ::1)`);
  }
  const faultSpec = values.faults ?? env.JAVUMBO_FAULTS ?? '';
  const seedRaw = values['fault-seed'] ?? env.JAVUMBO_FAULT_SEED;
  const dataDir = values['data-dir'];
  const enhancedEnv = env.JAVUMBO_ENHANCED_LOG?.trim().toLowerCase() ?? '';
  if (!['', '0', '1', 'true', 'false'].includes(enhancedEnv)) {
    throw new TargetUsageError(`JAVUMBO_ENHANCED_LOG '${env.JAVUMBO_ENHANCED_LOG}' is not valid; give true or false (or pass --enhanced-log)`);
  }
  if (dataDir !== undefined && dataDir.trim() === '') {
    throw new TargetUsageError('--data-dir is empty; give a folder for admin.db, user_dbs/ and flask_session/');
  }
  return Object.freeze({
    port: integer('port', values.port, TARGET_DEFAULTS.port, 0, 65535),
    host,
    dataDir: dataDir !== undefined ? path.resolve(dataDir) : path.join(os.tmpdir(), `javumbo-target-${Date.now()}-${process.pid}`),
    workers: integer('workers', values.workers, TARGET_DEFAULTS.workers, 1, 64),
    faults: Object.freeze(parseFaultSpec(faultSpec)),
    faultSeed: integer('fault-seed', seedRaw, TARGET_DEFAULTS.faultSeed, 0, 2 ** 32 - 1),
    bcryptCost: integer('bcrypt-cost', values['bcrypt-cost'], TARGET_DEFAULTS.bcryptCost, 4, 31),
    stopOnStdinClose: values['stop-on-stdin-close'] === true,
    enhancedLog: values['enhanced-log'] === true || enhancedEnv === '1' || enhancedEnv === 'true',
    sessionStore: parseSessionStore(values['session-store'] ?? env.JAVUMBO_SESSION_STORE ?? 'files'),
  });
}

/** `files`, `redis`, or `redis://<loopback host>:<port>[/<db>]`: like the target itself, its session server stays on this machine. */
export function parseSessionStore(raw: string): SessionStoreChoice {
  const value = raw.trim();
  if (value === '' || value === 'files') return { kind: 'files' };
  if (value === 'redis') return { kind: 'own-redis' };
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || url.protocol !== 'redis:' || !url.port)
    throw new TargetUsageError(`--session-store '${value}' is not valid; give files, redis (the target starts its own redis-server), or redis://127.0.0.1:<port> of a running one`);
  if (!isLoopbackHost(url.hostname)) throw new TargetUsageError(`--session-store '${value}' is not on loopback; the target only talks to a Redis on 127.0.0.1`);
  return { kind: 'redis', url: value };
}
