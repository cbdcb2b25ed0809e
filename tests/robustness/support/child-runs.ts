/**
 * The two whole load runs these tests judge: one that finishes, and one interrupted
 * with Ctrl-C while its writers are adding cards. Each is a child `playwright test`
 * with the smoke profile's writers, in a runs folder of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { PROFILES } from '../../../helpers/config/profiles.ts';
import { runPaths, type RunInfo } from '../../../helpers/run/run-dir.ts';
import { newRunId } from '../../../helpers/run/run-store.ts';
import { newRunSecret, newRunTag } from '../../../helpers/secrets/run-secret.ts';
import { startSuite, type ChildResult } from './child-process.ts';
import { operationIds } from './history-files.ts';
import { suiteEnv } from './suite-env.ts';

/** Six writers over about 25 s, plus booting six workers and the target on a busy 2-core machine. */
export const WHOLE_RUN_BOUND_MS = 240_000;
/** The interrupted run's writers must have added this many cards before Ctrl-C. */
const ADDS_BEFORE_INTERRUPT = 4;
/** Ctrl-C to exit: workers stop, teardown snapshots and judges; generous for a loaded machine. */
export const EXIT_AFTER_INTERRUPT_BOUND_MS = 90_000;

export interface FinishedRun {
  dir: string;
  info: RunInfo;
  /** The run secret pinned for the child, so the test can derive the pool's passwords. */
  secret: string;
  result: ChildResult;
}

function tail(result: ChildResult): string {
  return result.output.trim().split('\n').slice(-15).join('\n');
}

function readInfo(dir: string): RunInfo {
  return JSON.parse(fs.readFileSync(runPaths(dir).info, 'utf8')) as RunInfo;
}

/**
 * The smoke profile as these runs play it: writers alone, judged on what the run leaves behind.
 * Their latency is not part of it (no GET /review is sent, and the proof keeps the machine busy
 * enough that add_card may be measured only through a saturated generator), so the profile says
 * so: a run is otherwise unknown on what it could not measure.
 */
function smokeWritersProfile(runsDir: string): string {
  const file = path.join(runsDir, 'smoke-writers.profile.json');
  fs.mkdirSync(runsDir, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ ...PROFILES.smoke, notPartOfRun: ['performance-thresholds'] }, null, 2)}\n`);
  return file;
}

/** A smoke run of the writers that runs to its end (its thresholds may fail on a busy machine). */
export async function finishedSmokeRun(runsDir: string): Promise<FinishedRun> {
  const dir = path.join(runsDir, newRunId(new Date(), newRunTag()));
  const secret = newRunSecret();
  // Pinning JAVUMBO_RUN_DIR and JAVUMBO_RUN_SECRET is how the main process hands them to its workers; here the test hands them in.
  const env = suiteEnv(runsDir, { PROFILE_FILE: smokeWritersProfile(runsDir), JAVUMBO_RUN_DIR: dir, JAVUMBO_RUN_SECRET: secret });
  const result = await startSuite(['--project=writers'], env, WHOLE_RUN_BOUND_MS).result;
  if (result.timedOut || !fs.existsSync(runPaths(dir).summary))
    throw new Error(`the smoke run did not finish (exit ${result.code}, ${result.timedOut ? 'timed out' : 'no summary written'}):\n${tail(result)}`);
  return { dir, info: readInfo(dir), secret, result };
}

export interface InterruptedRun {
  dir: string;
  /** Process group of the run (the pid of its main process): everything it started belongs to it. */
  pgid: number;
  result: ChildResult;
  /** add_card operations in the history when Ctrl-C was sent. */
  addsBeforeInterrupt: string[];
  /** From Ctrl-C to the exit of the child. */
  exitMs: number;
}

function latestRunDir(runsDir: string): string | null {
  const latest = path.join(runsDir, 'latest');
  return fs.existsSync(latest) ? fs.realpathSync(latest) : null;
}

/**
 * The smoke writers, interrupted like Ctrl-C (SIGINT to the whole process group, the
 * embedded target included) once they have added a few cards. Nothing is pinned: the run
 * picks its own directory and secret, exactly as when a person types the command.
 */
export async function interruptedSmokeRun(runsDir: string): Promise<InterruptedRun> {
  // With traces on, as a user debugging would run it: the interrupted tests' traces must be scrubbed too.
  const child = startSuite(['--project=writers', '--trace', 'retain-on-failure'], suiteEnv(runsDir, { PROFILE: 'smoke' }), WHOLE_RUN_BOUND_MS + EXIT_AFTER_INTERRUPT_BOUND_MS);
  let ended = false;
  void child.result.then(() => (ended = true));
  await expect
    .poll(
      () => {
        const dir = latestRunDir(runsDir);
        if (ended) return 'ended before the interruption';
        return dir && operationIds(dir, 'add_card').length >= ADDS_BEFORE_INTERRUPT ? 'adding cards' : 'starting';
      },
      { message: `the writers add ${ADDS_BEFORE_INTERRUPT} cards`, timeout: WHOLE_RUN_BOUND_MS, intervals: [500] },
    )
    .not.toBe('starting');
  if (ended) {
    const result = await child.result;
    throw new Error(`the run ended before it could be interrupted (exit ${result.code}):\n${tail(result)}`);
  }
  const dir = latestRunDir(runsDir)!;
  const addsBeforeInterrupt = operationIds(dir, 'add_card');
  const sentAt = Date.now();
  child.signalGroup('SIGINT');
  const result = await child.result;
  return { dir, pgid: child.pid, result, addsBeforeInterrupt, exitMs: Date.now() - sentAt };
}

/**
 * A whole child run is made once per proof run and kept as JSON beside the test output:
 * Playwright replaces a worker after a failed test, and the replacement reads the run back
 * instead of driving another minute of load on a busy machine.
 */
export async function madeOnce<T>(file: string, make: () => Promise<T>): Promise<T> {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  const value = await make();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
  return value;
}
