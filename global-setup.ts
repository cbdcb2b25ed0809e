/**
 * Before any virtual user runs: a run directory, a reachable target (the embedded one
 * unless BASE_URL says otherwise), the user pool registered concurrently, and the run
 * epoch every VU's schedule counts from. Bad input stops here with one line.
 */
import fs from 'node:fs';
import type { FullConfig } from '@playwright/test';
import { config } from './helpers/config/config.ts';
import { currentRun, runTagOf } from './helpers/run/current-run.ts';
import { HistoryWriter } from './helpers/history/writer.ts';
import { registerPool } from './helpers/vu/register-pool.ts';
import { runPaths, type RunInfo, type Shard } from './helpers/run/run-dir.ts';
import { listShardVus, type ShardListing } from './helpers/vu/shard-vus.ts';
import { createRunDir, updateRunInfo, writePool, writeRunInfo } from './helpers/run/run-store.ts';
import { buildSchedule, isScenarioAUser, poolKeysOf, vuLanes, type Scenario, type VuSpec } from './helpers/vu/schedule.ts';
import { ConfigError } from './helpers/config/errors/config-error.ts';
import { probeTarget, probeWebClient } from './helpers/config/target-probe.ts';
import { checkAdminDb, checkDataDir } from './db/data-dir-check.ts';
import { generateUsers } from './helpers/vu/users.ts';
import { hashSeed } from './helpers/vu/random.ts';
import { startTarget } from './embedded-server/start.ts';
import { serverTicksNow } from './helpers/monitor/cpu-sampler.ts';
import { readMachineCpu, type MachineCpu } from './helpers/monitor/proc-stat.ts';
import { failWithOneLine } from './helpers/config/fail.ts';
import { configuredKnownFindings } from './db/decision/known-findings.ts';
import { fetchData } from './db/data-fetch.ts';

/**
 * Time between setup finishing and the run epoch: every Playwright worker must boot (about
 * 2.3 CPU-s each, Chromium on top for browser lanes) before the first stage starts, or the
 * first seconds of load are timed by a machine still busy starting its generator. With 700 ms
 * per worker the CI smoke run was CPU-bound 12.7 s from 4.6 s before the epoch.
 */
const LEAD_PER_WORKER_MS = 1_500;
function epochLeadMs(workerCount: number): number {
  return config.epochLeadMs ?? 3_000 + LEAD_PER_WORKER_MS * workerCount;
}

/**
 * Every pool user registers at once and each registration costs a bcrypt hash, so the last
 * ones queue behind the first: they get longer than a VU's request timeout. Whether they made
 * the plan's window is judged by the registration project, not by timing out here.
 */
const REGISTRATION_TIMEOUT_MS = 60_000;
/**
 * A large pool waits longer still: every signup is one bcrypt hash (about 0.25 CPU-s at the
 * real server's cost 12), and they queue on the server's cores. On 2 cores 500 users took
 * 104 s once and more than 125 s another time; the bound leaves room for twice that.
 */
const REGISTRATION_MS_PER_USER = 600;

/** Projects whose tests are exactly the profile's VUs of that scenario. */
const VU_PROJECTS: ReadonlySet<string> = new Set<Scenario>(['writers', 'reviewers', 'sessions', 'browser-writers', 'browser-reviewers']);

/**
 * The selected projects must have VUs, and every one of them needs a worker of its own from
 * the start: with fewer, a later stage's VU waits for an earlier one to finish and starts late,
 * silently bending the ramp-up the run claims to have driven. Refuse before anything is created.
 */
function checkSelectedVus(cfg: FullConfig): { vus: VuSpec[]; tests: number; allVus: VuSpec[]; leg: ShardListing | null } {
  const selected = new Set(cfg.filteredProjects.map((p) => p.name));
  const only = config.onlyVus;
  const allVus = buildSchedule(config.profile).filter((v) => selected.has(v.scenario) && (only.length === 0 || only.includes(v.vu)));
  // One leg of a sharded run plays only the VUs of its own tests, as Playwright shards them.
  const leg = cfg.shard && cfg.configFile ? listShardVus(cfg.configFile, [...selected], cfg.shard) : null;
  const vus = leg ? allVus.filter((v) => leg.vus.has(v.vu)) : allVus;
  // Only VU projects selected, none with a VU (WRITERS=0, a VU= that matches nothing): the run
  // would register a pool, find no test and audit nothing. Say so instead.
  if (allVus.length === 0 && [...selected].every((name) => VU_PROJECTS.has(name))) {
    const projects = [...selected].join(', ');
    if (only.length > 0)
      throw new ConfigError('VU', `${only.join(',')} matches no virtual user of profile "${config.profile.name}" in ${projects}`, 'use ids such as w01 or r02 of the selected projects, or unset VU');
    throw new ConfigError('WRITERS / REVIEWERS', `profile "${config.profile.name}" leaves no virtual user in ${projects}`, 'set WRITERS / REVIEWERS to 1 or more, or select another --project');
  }
  const tests = vuLanes(vus, config.vusPerWorker).length;
  if (tests > cfg.workers)
    throw new ConfigError(
      '--workers',
      `${cfg.workers} worker(s) cannot run the ${vus.length} virtual users of profile "${config.profile.name}" (${[...selected].join(', ')}) at once: they run in ${tests} tests (${config.vusPerWorker} API VUs per worker), so later stages would start late`,
      `drop --workers (the config gives every test a worker), pass --workers=${tests} or more, or raise VUS_PER_WORKER`,
    );
  return { vus, tests, allVus, leg };
}

/**
 * The users to register: those the selected VUs log in as, and the whole pool when scenario A
 * is selected. A leg registers its own VUs' users, and the leg running scenario A's tests the
 * pool's users no VU of the run's projects (RUN_PROJECTS, over all legs) logs in as: the legs of
 * a matrix never register one user twice, and together register what one run would.
 */
function poolKeysFor(cfg: FullConfig, selected: { vus: VuSpec[]; allVus: VuSpec[]; leg: ShardListing | null }): string[] {
  const own = selected.vus.flatMap((v) => v.users);
  const registration = selected.leg ? selected.leg.projects.has('registration') : cfg.filteredProjects.some((p) => p.name === 'registration');
  if (!registration) return [...new Set(own)];
  // The VUs of the whole run: of every leg's projects (RUN_PROJECTS), not only of this leg's.
  const runProjects = new Set(config.runProjects ?? cfg.filteredProjects.map((p) => p.name));
  const only = config.onlyVus;
  const runVus = buildSchedule(config.profile).filter((v) => runProjects.has(v.scenario) && (only.length === 0 || only.includes(v.vu)));
  const played = new Set(runVus.flatMap((v) => v.users));
  return [...new Set([...own, ...poolKeysOf(config.profile).filter((key) => !played.has(key) || own.includes(key))])];
}

/**
 * The run epoch: RUN_EPOCH when the legs of a distributed run share one, else now plus the lead.
 * A shared epoch that leaves this leg less than the lead would start its VUs late, bending the ramp.
 */
function epochFor(leadMs: number, now = Date.now()): number {
  if (config.runEpochMs === null) return now + leadMs;
  if (config.runEpochMs < now + leadMs)
    throw new ConfigError(
      'RUN_EPOCH',
      `${new Date(config.runEpochMs).toISOString()} is ${Math.round((now + leadMs - config.runEpochMs) / 1000)} s too soon: this leg was ready at ${new Date(now).toISOString()} and its workers need ${Math.round(leadMs / 1000)} s to boot`,
      'set RUN_EPOCH later (the workflow: raise EPOCH_LEAD_SECONDS)',
    );
  return config.runEpochMs;
}

async function globalSetup(cfg: FullConfig): Promise<void> {
  // A bad baseline is refused now, not after the run at its audit.
  configuredKnownFindings();
  const selected = checkSelectedVus(cfg);
  const plan: RunPlan = {
    poolKeys: poolKeysFor(cfg, selected),
    leadMs: epochLeadMs(selected.tests),
    shard: cfg.shard ? { current: cfg.shard.current, total: cfg.shard.total } : null,
    projects: cfg.filteredProjects.map((p) => p.name),
  };
  // An external target is checked before the run directory exists: a wrong BASE_URL or
  // DATA_DIR then leaves no empty run behind, and runs/latest keeps naming the last real run.
  if (config.baseUrl && config.dataDir) {
    await probeTarget(config.baseUrl);
    if (cfg.filteredProjects.some((p) => p.name.startsWith('browser-'))) await probeWebClient(config.baseUrl);
    fetchRemoteData(config.dataDir);
    checkDataDir(config.dataDir);
  }
  const { id: runId, dir: runDir, secret } = currentRun();
  const runTag = runTagOf(runId);
  // A shared RUN_ID names the folder: two legs on one machine need a RUNS_DIR each.
  if (config.runId && fs.existsSync(runDir)) throw new ConfigError('RUN_ID', `run directory ${runDir} already exists`, 'give each leg on this machine its own RUNS_DIR, or a new RUN_ID');
  createRunDir(config.runsDir, runId);

  let baseUrl = config.baseUrl;
  let dataDir = config.dataDir;
  let serverLog = config.serverLog;
  let target: Awaited<ReturnType<typeof startTarget>> | null = null;
  if (!baseUrl || !dataDir) {
    target = await startTarget({
      port: 0,
      dataDir: runPaths(runDir).targetData,
      workers: config.target.workers,
      faults: config.target.faults,
      faultSeed: config.target.faultSeed,
      bcryptCost: config.target.bcryptCost,
      enhancedLog: config.target.enhancedLog,
      sessionStore: config.target.sessionStore,
    });
    baseUrl = target.baseUrl;
    dataDir = target.dataDir;
    serverLog = target.logFile;
  }
  try {
    if (!baseUrl || !dataDir) throw new Error('unreachable: target neither configured nor started');
    await prepareRun(runDir, runId, runTag, secret, { baseUrl, dataDir, serverLog, targetPid: target?.pid ?? null }, plan);
  } catch (e) {
    await target?.stop();
    // runs/latest already names this run: say in run.json why it never ran, for whoever audits it.
    if (fs.existsSync(runPaths(runDir).info)) updateRunInfo(runDir, { status: 'incomplete', note: `setup refused: ${e instanceof Error ? e.message : String(e)}` });
    throw e;
  }
}

/** DATA_FETCH_CMD, when set: bring the deployment's databases into DATA_DIR before they are read. */
function fetchRemoteData(dataDir: string): void {
  if (config.dataFetchCmd) fetchData(config.dataFetchCmd, dataDir, config.root);
}

interface RunPlan {
  poolKeys: string[];
  leadMs: number;
  shard: Shard | null;
  projects: string[];
}

interface Reached {
  baseUrl: string;
  dataDir: string;
  serverLog: string | null;
  targetPid: number | null;
}

/** The machine's CPU counters and the server's ticks now (null off Linux): scenario A's window is judged against them. */
function machineAndServerTicks(serverPid: number | null): { machine: MachineCpu; server: number | null } | null {
  const machine = readMachineCpu();
  if (!machine) return null;
  return { machine, server: serverPid === null ? null : Object.values(serverTicksNow(serverPid)).reduce((a, b) => a + b, 0) };
}

async function prepareRun(runDir: string, runId: string, runTag: string, secret: string, t: Reached, plan: RunPlan): Promise<void> {
  const { baseUrl, dataDir, serverLog, targetPid } = t;
  const paths = runPaths(runDir);
  const serverPid = targetPid ?? config.serverPid;
  const info: RunInfo = {
    id: runId,
    epochMs: 0,
    startedAt: new Date().toISOString(),
    profile: config.profile.name,
    baseUrl,
    dataDir,
    serverLog,
    embedded: targetPid !== null,
    faults: targetPid !== null ? config.target.faults : null,
    targetWorkers: targetPid !== null ? config.target.workers : null,
    ...(targetPid !== null && config.target.enhancedLog ? { enhancedLog: true } : {}),
    ...(targetPid !== null ? { sessionStore: config.target.sessionStore } : {}),
    targetPid,
    ...(serverPid !== null ? { serverTicksAtStart: serverTicksNow(serverPid) } : {}),
    runTag,
    shard: plan.shard,
    projects: plan.projects,
    status: 'running',
  };
  writeRunInfo(runDir, info);
  fs.writeFileSync(paths.profile, JSON.stringify(config.profile, null, 2) + '\n');

  await probeTarget(baseUrl);
  checkDataDir(info.dataDir);

  // Named from the whole pool, so a user has the same name in every leg and legs never collide.
  const keys = new Set(plan.poolKeys);
  const users = generateUsers([...new Set([...poolKeysOf(config.profile), ...plan.poolKeys])], runTag, hashSeed(runId)).filter((u) => keys.has(u.key));
  const history = new HistoryWriter(paths.historyDir, 'setup');
  const register = (group: typeof users) =>
    registerPool(
      baseUrl,
      group,
      secret,
      runId,
      (op) => history.append(op),
      Math.max(config.requestTimeoutMs, REGISTRATION_TIMEOUT_MS, group.length * REGISTRATION_MS_PER_USER),
      config.apiTransport ?? 'node',
      config.profile.registration.concurrency,
    );
  // Scenario A is the plan's writers and reviewers signing up at once; the session and
  // browser users sign up after it, so they do not stretch the window it is judged on.
  const cpuBefore = machineAndServerTicks(serverPid);
  const scenarioA = await register(users.filter((u) => isScenarioAUser(u.key)));
  const cpuAfter = machineAndServerTicks(serverPid);
  const others = await register(users.filter((u) => !isScenarioAUser(u.key)));
  const pool = [...scenarioA.pool, ...others.pool];
  const windowMs = scenarioA.windowMs;
  writePool(runDir, pool);
  // A leg whose shard holds no VU test registers nobody: there is no account to look for.
  if (pool.length > 0) {
    if (!info.embedded) fetchRemoteData(info.dataDir);
    checkAdminDb(
      info.dataDir,
      pool.map((user) => user.username),
    );
  }
  const signupWindowCpu =
    cpuBefore && cpuAfter
      ? {
          machineBusyTicks: cpuAfter.machine.busyTicks - cpuBefore.machine.busyTicks,
          machineTotalTicks: cpuAfter.machine.totalTicks - cpuBefore.machine.totalTicks,
          serverTicks: cpuAfter.server !== null && cpuBefore.server !== null ? cpuAfter.server - cpuBefore.server : null,
        }
      : null;
  writeRunInfo(runDir, { ...info, ...(signupWindowCpu ? { signupWindowCpu } : {}), epochMs: epochFor(plan.leadMs) });
  console.log(
    `run ${runId}${plan.shard ? ` leg ${plan.projects.join('+')} ${plan.shard.current}/${plan.shard.total}` : ''}: ${pool.length} users registered in ${windowMs} ms against ${baseUrl}${info.embedded ? ' (embedded target)' : ''}; run dir ${runDir}`,
  );
}

export default async function (cfg: FullConfig): Promise<void> {
  await globalSetup(cfg).catch(failWithOneLine);
}
