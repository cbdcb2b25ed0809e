/**
 * Child runs of the suite (`playwright test`, the audit CLI) in a process group of their
 * own, so a test can interrupt the whole group the way Ctrl-C does, and a child that
 * overruns its bound is killed with everything it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PLAYWRIGHT_CLI = createRequire(import.meta.url).resolve('@playwright/test/cli');

export interface ChildResult {
  /** Exit code; null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout then stderr. */
  output: string;
  /** The bound ran out and the group was killed. */
  timedOut: boolean;
}

export interface Child {
  pid: number;
  /** Send `signal` to the child's whole process group. */
  signalGroup(signal: NodeJS.Signals): void;
  /** Whether any process of the group is still alive. */
  groupAlive(): boolean;
  result: Promise<ChildResult>;
}

function start(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Child {
  const child: ChildProcess = spawn(command, args, { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${args.join(' ')}`);
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const groupAlive = (): boolean => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    signalGroup('SIGKILL');
  }, timeoutMs);
  const result = new Promise<ChildResult>((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, output: `${stdout}\n${stderr}`, timedOut });
    });
  });
  return { pid, signalGroup, groupAlive, result };
}

/** `playwright test <args>` of the load run (playwright.config.ts) with `env`. */
export function startSuite(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Child {
  return start(process.execPath, [PLAYWRIGHT_CLI, 'test', ...args], env, timeoutMs);
}

/** `npm run audit -- <args>`, exactly as a person types it. */
export function startAudit(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Child {
  return start('npm', ['run', 'audit', '--', ...args], env, timeoutMs);
}
