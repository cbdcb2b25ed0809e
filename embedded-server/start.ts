/**
 * Programmatic start of the embedded target for global setup and tests: spawns
 * `node --import tsx embedded-server/main.ts ...` as a child process (its own cluster primary),
 * waits for the BASE_URL line and a first answer, and returns a handle whose stop()
 * sends SIGTERM and waits for the exit. The child also stops when this process goes
 * away (its stdin closes), so an interrupted test run leaves no server behind.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TargetStartError } from './target-start-error.ts';

export interface StartTargetOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  dataDir: string;
  workers?: number;
  /** `name:rate,...`; null or undefined for none. */
  faults?: string | null;
  faultSeed?: number;
  bcryptCost?: number;
  /** Write the diagnostic add_card lines (ADD_CARD_START, …) to the server log. */
  enhancedLog?: boolean;
  /** `files` (default), `redis` (the target starts its own redis-server) or `redis://127.0.0.1:<port>`. */
  sessionStore?: string;
}

export interface RunningTarget {
  baseUrl: string;
  dataDir: string;
  logFile: string;
  /** Pid of the primary process. */
  pid: number;
  stop(): Promise<void>;
}

/** Booting three workers under tsx takes a few seconds on a busy 2-core machine. */
const READY_TIMEOUT_MS = 60_000;
/** Workers get 10 s to finish in-flight requests; the primary a little more. */
const STOP_TIMEOUT_MS = 15_000;

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function cliArgs(opts: StartTargetOptions): string[] {
  return [
    '--port',
    String(opts.port ?? 0),
    '--data-dir',
    opts.dataDir,
    '--workers',
    String(opts.workers ?? 3),
    '--faults',
    opts.faults?.trim() ? opts.faults.trim() : 'none',
    '--fault-seed',
    String(opts.faultSeed ?? 1),
    '--bcrypt-cost',
    String(opts.bcryptCost ?? 12),
    '--stop-on-stdin-close',
    ...(opts.enhancedLog === true ? ['--enhanced-log'] : []),
    '--session-store',
    opts.sessionStore ?? 'files',
  ];
}

export async function startTarget(opts: StartTargetOptions): Promise<RunningTarget> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN, ...cliArgs(opts)], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderrTail: string[] = [];
  readline.createInterface({ input: child.stderr }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 20) stderrTail.shift();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const announced = new Promise<Record<string, string>>((resolve, reject) => {
    const seen: Record<string, string> = {};
    const timer = setTimeout(() => reject(new TargetStartError(`target did not report BASE_URL within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^(BASE_URL|DATA_DIR|SERVER_LOG)=(.*)$/.exec(line);
      if (!m) return;
      seen[m[1]!] = m[2]!;
      if (seen.BASE_URL !== undefined && seen.DATA_DIR !== undefined && seen.SERVER_LOG !== undefined) {
        clearTimeout(timer);
        resolve(seen);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const said = stderrTail
        .filter((l) => l.trim() !== '')
        .slice(-3)
        .join(' | ');
      reject(new TargetStartError(`target exited (${signal ?? `code ${code}`}) before it was ready${said ? `: ${said}` : ''}`));
    });
  });

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(killer);
  };

  try {
    const seen = await announced;
    const baseUrl = seen.BASE_URL!;
    const res = await fetch(`${baseUrl}/`);
    if (!res.ok) throw new TargetStartError(`target at ${baseUrl} answered GET / with ${res.status}`);
    return { baseUrl, dataDir: seen.DATA_DIR!, logFile: seen.SERVER_LOG!, pid: child.pid ?? -1, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
