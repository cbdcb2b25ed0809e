/**
 * Fixtures of the robustness tests. Every child run gets a runs folder of its own, so the
 * user's runs/latest is never touched.
 * - `runsDir` (test): an empty runs folder in the test's output.
 * - `suite` (test): runs `playwright test` of the load run as a bounded child; any process
 *   group left behind is killed after the test.
 * - `audit` (test): runs `npm run audit -- <run dir>` as a bounded child.
 * - `launchTarget` (test): an embedded target on a fresh data dir, stopped after the test.
 * - `stub` (test): a throwaway HTTP server on 127.0.0.1, closed after the test.
 * - `finishedRun`, `interruptedRun` (worker): a whole smoke run each, made once per proof run
 *   (see madeOnce) and only when a test asks (not `auto`): each costs a minute of a busy machine.
 * None is `auto`: each test pays only for what it uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test as base, type TestInfo } from '@playwright/test';
import { startTarget, type RunningTarget } from '../../../embedded-server/start.ts';
import { startAudit, startSuite, type Child, type ChildResult } from './child-process.ts';
import { EXIT_AFTER_INTERRUPT_BOUND_MS, WHOLE_RUN_BOUND_MS, finishedSmokeRun, interruptedSmokeRun, madeOnce, type FinishedRun, type InterruptedRun } from './child-runs.ts';
import { runningInGroup } from './processes.ts';
import { startStub, type StubAnswer, type StubServer } from './stub-server.ts';
import { suiteEnv } from './suite-env.ts';

/** A refused run stops in config loading or global setup: seconds, or a minute with a target to boot. */
const REFUSAL_BOUND_MS = 90_000;
/** The audit of a smoke run reads ~25 databases. */
const AUDIT_BOUND_MS = 60_000;

export type SuiteRunner = (args: readonly string[], env?: Readonly<Record<string, string>>) => Promise<ChildResult>;
export type AuditRunner = (runDir: string, options?: readonly string[]) => Promise<ChildResult>;

interface TestFixtures {
  runsDir: string;
  suite: SuiteRunner;
  audit: AuditRunner;
  launchTarget: (dataDir: string) => Promise<RunningTarget>;
  stub: (answer: StubAnswer) => Promise<StubServer>;
}

interface WorkerFixtures {
  finishedRun: FinishedRun;
  interruptedRun: InterruptedRun;
}

/** The child's whole output, as a file beside the test's other output (the reporter shows only its start). */
async function attachOutput(testInfo: TestInfo, name: string, result: ChildResult): Promise<void> {
  const file = testInfo.outputPath(`${name.replace(/[^\w.-]+/g, '-').slice(0, 60)}-${testInfo.attachments.length}.log`);
  fs.writeFileSync(file, `exit ${result.code ?? result.signal}${result.timedOut ? ' (timed out)' : ''}\n${result.output}`);
  await testInfo.attach(name, { path: file, contentType: 'text/plain' });
}

function killLeftovers(children: readonly Child[]): void {
  for (const child of children) if (child.groupAlive()) child.signalGroup('SIGKILL');
}

function freshDir(dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  runsDir: async ({}, use, testInfo) => {
    const dir = testInfo.outputPath('runs');
    fs.mkdirSync(dir, { recursive: true });
    await use(dir);
  },

  suite: async ({ runsDir }, use, testInfo) => {
    const children: Child[] = [];
    await use(async (args, env = {}) => {
      const child = startSuite(args, suiteEnv(runsDir, env), REFUSAL_BOUND_MS);
      children.push(child);
      const result = await child.result;
      await attachOutput(testInfo, `playwright test ${args.join(' ')}`, result);
      return result;
    });
    killLeftovers(children);
  },

  audit: async ({ runsDir }, use, testInfo) => {
    const children: Child[] = [];
    await use(async (runDir, options = []) => {
      const child = startAudit([runDir, ...options], suiteEnv(runsDir), AUDIT_BOUND_MS);
      children.push(child);
      const result = await child.result;
      await attachOutput(testInfo, `npm run audit -- ${[path.basename(runDir), ...options].join(' ')}`, result);
      return result;
    });
    killLeftovers(children);
  },

  launchTarget: async ({}, use) => {
    const started: RunningTarget[] = [];
    await use(async (dataDir) => {
      // One worker is enough to answer a probe and a registration burst, and spares the CPU.
      const target = await startTarget({ port: 0, dataDir, workers: 1, bcryptCost: 4 });
      started.push(target);
      return target;
    });
    for (const target of started) await target.stop();
  },

  stub: async ({}, use) => {
    const servers: StubServer[] = [];
    await use(async (answer) => {
      const server = await startStub(answer);
      servers.push(server);
      return server;
    });
    for (const server of servers) await server.close();
  },

  finishedRun: [
    async ({}, use, workerInfo) => {
      const base = path.join(workerInfo.project.outputDir, 'robustness-finished-run');
      await use(await madeOnce(`${base}.json`, () => finishedSmokeRun(freshDir(`${base}-${workerInfo.workerIndex}`))));
    },
    { scope: 'worker', timeout: WHOLE_RUN_BOUND_MS + 30_000 },
  ],

  interruptedRun: [
    async ({}, use, workerInfo) => {
      const base = path.join(workerInfo.project.outputDir, 'robustness-interrupted-run');
      const run = await madeOnce(`${base}.json`, () => interruptedSmokeRun(freshDir(`${base}-${workerInfo.workerIndex}`)));
      await use(run);
      // Whatever the tests found, nothing of the run may outlive the suite.
      for (const pid of runningInGroup(run.pgid)) process.kill(pid, 'SIGKILL');
    },
    { scope: 'worker', timeout: WHOLE_RUN_BOUND_MS + EXIT_AFTER_INTERRUPT_BOUND_MS + 30_000 },
  ],
});

export { expect } from '@playwright/test';
