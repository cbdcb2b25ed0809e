/**
 * One child load run of the fault matrix: `playwright test --project=writers
 * --project=reviewers --project=sessions` in its own process group, with its output in a
 * file beside its run directory, bounded in time. The child starts its own embedded target
 * (global setup) on a fresh data directory, so rows share nothing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { childEnv, type ChildSettings } from './child-env.ts';

const PLAYWRIGHT_CLI = createRequire(import.meta.url).resolve('@playwright/test/cli');
const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const PROJECTS = ['writers', 'reviewers', 'sessions'] as const;

/** After SIGTERM the child's teardown still stops its target; then it is killed. */
const KILL_GRACE_MS = 15_000;

export interface ChildRunOptions extends ChildSettings {
  /** Longest the child may run before its process group is stopped. */
  timeoutMs: number;
  /** The projects to run; default the matrix's writers, reviewers and sessions. */
  projects?: readonly string[];
}

export interface ChildRunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  wallMs: number;
  /** The child's run directory (`<runsDir>/latest` resolved), or null when it made none. */
  runDir: string | null;
  /** stdout and stderr of the child. */
  outputFile: string;
}

/** Run one child load run to its end (or its time limit) and say where it left its run. */
export async function runChild(options: ChildRunOptions): Promise<ChildRunResult> {
  fs.mkdirSync(options.runsDir, { recursive: true });
  const outputFile = path.join(options.runsDir, 'child-output.log');
  const out = fs.openSync(outputFile, 'w');
  const started = Date.now();
  const args = [PLAYWRIGHT_CLI, 'test', ...(options.projects ?? PROJECTS).map((p) => `--project=${p}`)];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: childEnv(options),
    stdio: ['ignore', out, out],
    // Its own process group, so a timeout stops the Playwright workers and the target with it.
    detached: true,
  });
  fs.closeSync(out);

  let timedOut = false;
  let killer: NodeJS.Timeout | undefined;
  const stopGroup = (signal: NodeJS.Signals): void => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const limit = setTimeout(() => {
    timedOut = true;
    stopGroup('SIGTERM');
    killer = setTimeout(() => stopGroup('SIGKILL'), KILL_GRACE_MS);
  }, options.timeoutMs);
  // If this process goes away first (an interrupted proof run), the child goes with it.
  const onExit = (): void => stopGroup('SIGKILL');
  process.once('exit', onExit);

  try {
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, sig) => resolve([code, sig]));
    });
    return { exitCode, signal, timedOut, wallMs: Date.now() - started, runDir: latestRunDir(options.runsDir), outputFile };
  } finally {
    clearTimeout(limit);
    clearTimeout(killer);
    process.off('exit', onExit);
  }
}

function latestRunDir(runsDir: string): string | null {
  const latest = path.join(runsDir, 'latest');
  return fs.existsSync(latest) ? fs.realpathSync(latest) : null;
}

/** The last lines of the child's output, for a failure message. */
export function outputTail(result: ChildRunResult, lines = 15): string {
  if (!fs.existsSync(result.outputFile)) return '(no output)';
  return fs.readFileSync(result.outputFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
