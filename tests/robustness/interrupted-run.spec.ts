/**
 * Ctrl-C in the middle of a load run (SIGINT to the whole process group, as a terminal
 * sends it) must lose nothing already recorded: the history stays readable up to the
 * interruption, run.json says the run is incomplete, no embedded target is left running,
 * and `npm run audit` judges what was recorded. Nothing is pinned: the run picks its own
 * directory and secret, exactly as when a person types the command.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runPaths, type RunInfo } from '../../helpers/run/run-dir.ts';
import { test, expect } from './support/fixtures.ts';
import { EXIT_AFTER_INTERRUPT_BOUND_MS } from './support/child-runs.ts';
import { describeHits, findSecrets } from './support/file-scan.ts';
import { historyFiles, operationIds, readHistoryLines } from './support/history-files.ts';
import { isRunning, runningInGroup } from './support/processes.ts';
import { PASSWORD_FIELD, sessionIdSecrets } from './support/run-secrets.ts';

/** The target's primary gets SIGINT with everyone else; its workers have 10 s to finish requests. */
const TARGET_GONE_BOUND_MS = 20_000;

/** Whether a history line is a whole JSON record. */
function parses(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

function runInfo(dir: string): RunInfo {
  return JSON.parse(fs.readFileSync(runPaths(dir).info, 'utf8')) as RunInfo;
}

// Checked first, in the worker that ran it: a replacement worker's fixture would have cleaned up already.
test('no process of the embedded target survives the interruption', async ({ interruptedRun }) => {
  const { targetPid } = runInfo(interruptedRun.dir);
  expect(targetPid, 'run.json names the embedded target it started').toEqual(expect.any(Number));
  await expect.poll(() => isRunning(targetPid!), { message: `target pid ${targetPid} still running`, timeout: TARGET_GONE_BOUND_MS }).toBe(false);
  // Its cluster workers share the run's process group: none of that group may be left either.
  await expect.poll(() => runningInGroup(interruptedRun.pgid), { message: 'processes of the run still running', timeout: TARGET_GONE_BOUND_MS }).toEqual([]);
});

test('Ctrl-C ends the run within its bound and with a non-zero exit', ({ interruptedRun }) => {
  const { result, exitMs, addsBeforeInterrupt } = interruptedRun;
  test.info().annotations.push({ type: 'interrupted', description: `${addsBeforeInterrupt.length} adds recorded at Ctrl-C; exit ${result.code ?? result.signal} after ${exitMs} ms` });
  expect(result.timedOut).toBe(false);
  expect(exitMs).toBeLessThan(EXIT_AFTER_INTERRUPT_BOUND_MS);
  expect(result.code, 'an interrupted run does not exit 0').not.toBe(0);
});

test('every history line written before Ctrl-C parses, at most a cut-off last line, and no add seen before it is lost', ({ interruptedRun }) => {
  const files = historyFiles(interruptedRun.dir);
  expect(files.map((f) => path.basename(f))).toContain('setup.jsonl');
  for (const file of files) {
    const lines = readHistoryLines(file);
    expect(lines.broken, `${path.basename(file)}: complete lines that do not parse`).toEqual([]);
    const cutOff = lines.unterminated;
    expect(cutOff === null || !parses(cutOff), `${path.basename(file)}: an unterminated last line is a cut-off record`).toBe(true);
  }
  const after = new Set(operationIds(interruptedRun.dir, 'add_card'));
  expect(
    interruptedRun.addsBeforeInterrupt.filter((id) => !after.has(id)),
    'adds in the history at Ctrl-C, missing afterwards',
  ).toEqual([]);
});

test('no history write fails while the run winds down', ({ interruptedRun }) => {
  // A VU whose request returns after its worker closed the history file loses that operation (EBADF).
  const failedWrites = interruptedRun.result.output.split('\n').filter((line) => /EBADF|ERR_STREAM_WRITE_AFTER_END|write after end/.test(line));
  expect(failedWrites, 'history writes that failed during the interruption').toEqual([]);
});

test('run.json marks the interrupted run incomplete', ({ interruptedRun }) => {
  const info = runInfo(interruptedRun.dir);
  expect(info.status, `run.json after Ctrl-C: ${JSON.stringify(info)}`).toBe('incomplete');
  expect(info.note ?? '').toMatch(/interrupted/);
});

test('npm run audit judges what the interrupted run recorded', async ({ interruptedRun, audit }) => {
  const result = await audit(interruptedRun.dir);
  expect([0, 1], `exit 0 (clean) or 1 (violations), not 2 (refused):\n${result.output}`).toContain(result.code);
  expect(result.stdout).toMatch(new RegExp(`Audit of run ${path.basename(interruptedRun.dir)} \\((snapshots|live) databases\\): (PASS|FAIL)`));
  expect(result.stdout).toMatch(/read \d+ user databases, \d+ cards, [1-9]\d* operations/);
});

test('no file of the interrupted run holds a password or a live session id, traces of the interrupted tests included', ({ interruptedRun }) => {
  const sessions = sessionIdSecrets(interruptedRun.dir);
  expect(sessions.length, 'sessions left on the target to search for').toBeGreaterThan(0);
  const hits = findSecrets(interruptedRun.dir, [...sessions, PASSWORD_FIELD]);
  expect(describeHits(hits), `secrets written into ${interruptedRun.dir}`).toEqual([]);
});
