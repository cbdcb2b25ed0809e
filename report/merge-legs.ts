/**
 * One run from its legs: the legs of a sharded run (one RUN_ID and RUN_EPOCH, each its own
 * `--shard=i/n` of some projects) are checked to make a whole run, their files are united in
 * a merged run directory (`runs/<id>-merged/`: history, pool, test outcomes, health samples,
 * Allure results, blob reports, database snapshots), and the union is judged once, as the
 * teardown judges one run, with every deliverable written. Latency figures are recomputed from
 * the union of the raw latencies, so every percentile is exact, never an average of the legs'.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveRunDir } from '../db/audit-run.ts';
import { judgementLines, judgeRunDir } from '../db/decision/judge-run-dir.ts';
import type { ThresholdLimits } from '../db/decision/thresholds.ts';
import { snapshotDatabases } from '../db/snapshots.ts';
import { readHistory } from '../helpers/history/reader.ts';
import { healthDir } from '../helpers/monitor/health-samples.ts';
import { runPaths, type MergedLeg, type PoolUser, type RunInfo, type ServerData } from '../helpers/run/run-dir.ts';
import { createRunDir, readPool, readRunInfo, writePool, writeRunInfo } from '../helpers/run/run-store.ts';
import { writeAllureCategories, writeAllureEnvironment } from './allure-categories.ts';
import { MergeError } from './errors/merge-error.ts';
import { OUTCOMES_FILE, readOutcomes, type ProjectOutcome, type TestOutcomes } from '../helpers/monitor/outcomes-reporter.ts';
import type { TestResultsSummary } from './summary.ts';
import { writeVerdictMarkdown } from './verdict-markdown.ts';
import { writeDeliverables } from './write-deliverables.ts';

export interface Leg {
  dir: string;
  info: RunInfo;
  /** `writers 1/2`. */
  name: string;
  /** `writers-1of2`: a file-name prefix. */
  slug: string;
}

export interface MergeExpectation {
  /** Projects the run selected: a project no leg ran is a missing leg. */
  projects?: readonly string[];
  /** Shards per project: a leg sharded otherwise does not belong. */
  shards?: number;
}

/** Where the databases of one server come from, when the merge was told how to read them now. */
export interface LiveData {
  baseUrl: string;
  dataDir: string;
  /** Runs first and fills dataDir (DATA_FETCH_CMD); null: dataDir is read as it is. */
  fetch: ((into: string) => void) | null;
}

export interface MergeResult {
  dir: string;
  summary: TestResultsSummary;
  /** The lines the teardown would print: verdict, generator health, thresholds, known findings, result. */
  text: string;
}

const projectsKey = (projects: readonly string[]): string => [...projects].sort().join('+');

/** Read and name each leg; a folder that is not a leg of a sharded run is refused. */
export function readLegs(dirs: readonly string[]): Leg[] {
  return dirs.map((given) => {
    const dir = resolveRunDir(given);
    const info = readRunInfo(dir);
    if (!info.shard || !info.projects?.length)
      throw new MergeError(`${given} is not a leg of a sharded run (its run.json records no --shard)`, 'run each leg with RUN_ID, RUN_EPOCH and --shard=i/n, and pass the legs’ run directories');
    const key = projectsKey(info.projects);
    return { dir, info, name: `${key} ${info.shard.current}/${info.shard.total}`, slug: `${key}-${info.shard.current}of${info.shard.total}` };
  });
}

/** The legs must be one run (one id, profile and epoch) and whole: every shard of every project, once. */
export function checkLegs(legs: readonly Leg[], expect: MergeExpectation = {}): void {
  const first = legs[0];
  if (!first) throw new MergeError('no leg given', 'pass every leg’s run directory: npm run merge -- <leg dir> <leg dir> …');
  for (const leg of legs) {
    if (!leg.info.epochMs) throw new MergeError(`leg ${leg.name} never started its stages${leg.info.note ? ` (${leg.info.note})` : ''}`, 'rerun that leg: a merge judges only a whole run');
    if (leg.info.id !== first.info.id) throw new MergeError(`${leg.dir} is run ${leg.info.id}, ${first.dir} is run ${first.info.id}`, 'merge the legs of one run (one RUN_ID)');
    if (leg.info.profile !== first.info.profile)
      throw new MergeError(`leg ${leg.name} ran profile ${leg.info.profile}, leg ${first.name} ${first.info.profile}`, 'run every leg with the same PROFILE');
    if (leg.info.epochMs !== first.info.epochMs)
      throw new MergeError(
        `leg ${leg.name} started its stages at ${new Date(leg.info.epochMs).toISOString()}, leg ${first.name} at ${new Date(first.info.epochMs).toISOString()}`,
        'give every leg one RUN_EPOCH',
      );
  }
  const missing: string[] = [];
  const groups = new Map<string, Leg[]>();
  for (const leg of legs) groups.set(projectsKey(leg.info.projects!), [...(groups.get(projectsKey(leg.info.projects!)) ?? []), leg]);
  for (const [key, group] of groups) {
    const total = expect.shards ?? group[0]!.info.shard!.total;
    for (const leg of group)
      if (leg.info.shard!.total !== total) throw new MergeError(`leg ${leg.name} is one of ${leg.info.shard!.total} shards, not of ${total}`, 'merge legs of one matrix (one shard count)');
    for (let i = 1; i <= total; i++) {
      const found = group.filter((leg) => leg.info.shard!.current === i);
      if (found.length > 1) throw new MergeError(`leg ${key} ${i}/${total} was given twice (${found.map((l) => l.dir).join(', ')})`, 'pass each leg once');
      if (found.length === 0) missing.push(`${key} ${i}/${total}`);
    }
  }
  const ran = new Set(legs.flatMap((leg) => leg.info.projects!));
  const total = expect.shards ?? first.info.shard!.total;
  for (const project of expect.projects ?? []) if (!ran.has(project)) for (let i = 1; i <= total; i++) missing.push(`${project} ${i}/${total}`);
  if (missing.length > 0)
    throw new MergeError(
      `missing leg${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of run ${first.info.id}`,
      'a merge judges only a whole run: rerun the missing legs, or pass their run directories',
    );
}

function copyDir(from: string, to: string, rename: (name: string) => string = (n) => n, skip: (name: string) => boolean = () => false): void {
  if (!fs.existsSync(from)) return;
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, rename(entry.name));
    if (entry.isDirectory()) copyDir(source, target);
    else fs.copyFileSync(source, target);
  }
}

/** Playwright's counts per project, added over the legs (each leg planned its own shard's tests). */
function mergeOutcomes(legs: readonly Leg[]): TestOutcomes {
  const projects: Record<string, ProjectOutcome> = {};
  let status: TestOutcomes['status'] = 'passed';
  for (const leg of legs) {
    const outcomes = readOutcomes(leg.dir);
    if (!outcomes) {
      status = 'interrupted';
      continue;
    }
    if (outcomes.status !== 'passed') status = outcomes.status === 'running' ? 'interrupted' : outcomes.status;
    for (const [name, o] of Object.entries(outcomes.projects)) {
      const into = (projects[name] ??= { planned: 0, passed: 0, failed: 0, skipped: 0, interrupted: 0, failures: [] });
      into.planned += o.planned;
      into.passed += o.passed;
      into.failed += o.failed;
      into.skipped += o.skipped;
      into.interrupted += o.interrupted ?? 0;
      into.failures.push(...o.failures);
    }
  }
  return { projects, status };
}

/** The server a leg drove: the embedded target it started itself, or the BASE_URL every leg shares. */
function serverOf(leg: Leg): string {
  return leg.info.embedded ? `embedded target of leg ${leg.name}` : leg.info.baseUrl;
}

const finishedAt = (leg: Leg): number => Date.parse(leg.info.finishedAt ?? leg.info.startedAt);

/**
 * The databases of the one server every leg drove: read now, after every leg ended, when the
 * merge can reach them (DATA_DIR, or DATA_FETCH_CMD); else the snapshot of the leg that ended last,
 * which was taken after every other leg had stopped writing.
 */
async function oneServerData(legs: readonly Leg[], merged: string, live: LiveData | null): Promise<{ serverLog: string | null; note: string }> {
  const snapshots = runPaths(merged).snapshots;
  // A leg whose shard held no test took no snapshot (the target may not even have made admin.db).
  const withData = legs.filter((leg) => fs.existsSync(path.join(runPaths(leg.dir).snapshots, 'admin.db')));
  const last = [...(withData.length ? withData : legs)].sort((a, b) => finishedAt(a) - finishedAt(b)).at(-1)!;
  const lastLog = runPaths(last.dir).serverLogs;
  const serverLog = fs.existsSync(lastLog) ? lastLog : null;
  if (live && !legs[0]!.info.embedded && live.baseUrl === legs[0]!.info.baseUrl) {
    live.fetch?.(live.dataDir);
    await snapshotDatabases(live.dataDir, snapshots);
    return { serverLog, note: `databases read from ${live.dataDir} after every leg ended` };
  }
  copyDir(runPaths(last.dir).snapshots, snapshots);
  return { serverLog, note: `databases from the snapshot of leg ${last.name}, the last to end` };
}

/** Legs that each drove their own server: one snapshot folder and server log per server, and the VUs that sent to it. */
function perServerData(legs: readonly Leg[], merged: string): ServerData[] {
  // A leg that sent nothing (its shard held no test) drove a server nobody else used: nothing to judge there.
  const sent = legs.filter((leg) => readHistory(leg.dir).operations.length > 0);
  return sent.map((leg) => {
    const snapshots = path.join('database_snapshots', leg.slug);
    copyDir(runPaths(leg.dir).snapshots, path.join(merged, snapshots));
    const logCopy = path.join('server-logs', `${leg.slug}.txt`);
    let serverLog: string | null = null;
    if (fs.existsSync(runPaths(leg.dir).serverLogs)) {
      fs.mkdirSync(path.join(merged, 'server-logs'), { recursive: true });
      fs.copyFileSync(runPaths(leg.dir).serverLogs, path.join(merged, logCopy));
      serverLog = logCopy;
    }
    const vus = new Set([...readHistory(leg.dir).operations.map((op) => op.vu), ...readPool(leg.dir).map((u) => u.vu)]);
    return { name: serverOf(leg), snapshots, serverLog, vus: [...vus].sort() };
  });
}

/** Merge whole legs into `<runsDir>/<id>-merged/`, judge it once by `limits`, write every deliverable; `runs/latest` names it. */
export async function mergeLegs(legs: readonly Leg[], runsDir: string, limits: ThresholdLimits, live: LiveData | null = null): Promise<MergeResult> {
  const first = legs[0]!;
  const id = first.info.id;
  const dir = path.join(runsDir, `${id}-merged`);
  // A merged run is derived from its legs: merging again replaces it.
  fs.rmSync(dir, { recursive: true, force: true });
  createRunDir(runsDir, `${id}-merged`);
  const paths = runPaths(dir);

  const pool: PoolUser[] = [];
  for (const leg of legs) {
    copyDir(runPaths(leg.dir).historyDir, paths.historyDir, (name) => `${leg.slug}--${name}`);
    copyDir(healthDir(leg.dir), healthDir(dir), (name) => `${leg.slug}--${name}`);
    copyDir(
      runPaths(leg.dir).allureResults,
      paths.allureResults,
      (n) => n,
      (name) => name === 'categories.json' || name === 'environment.properties',
    );
    copyDir(runPaths(leg.dir).blobReport, paths.blobReport, (name) => `${leg.slug}--${name}`);
    pool.push(...readPool(leg.dir));
  }
  writePool(dir, pool);
  // The legs played one profile (checked above); it says what is not part of the run.
  if (fs.existsSync(runPaths(first.dir).profile)) fs.copyFileSync(runPaths(first.dir).profile, paths.profile);
  const outcomes = mergeOutcomes(legs);
  fs.writeFileSync(path.join(dir, OUTCOMES_FILE), `${JSON.stringify(outcomes, null, 2)}\n`);

  const servers = new Set(legs.map(serverOf));
  const one = servers.size === 1 ? await oneServerData(legs, dir, live) : null;
  const perServer = one ? null : perServerData(legs, dir);
  const incomplete = legs.filter((leg) => leg.info.status !== 'complete');
  const mergedLegs: MergedLeg[] = legs.map((leg) => ({ name: leg.name, dir: leg.dir, shard: leg.info.shard!, projects: leg.info.projects!, status: leg.info.status }));
  const notes = [
    `merged from ${legs.length} legs (${legs.map((l) => l.name).join(', ')})`,
    one ? one.note : `${servers.size} servers, each judged on its own legs' requests`,
    ...(incomplete.length ? [`incomplete legs: ${incomplete.map((l) => `${l.name} (${l.info.status}${l.info.note ? `: ${l.info.note}` : ''})`).join(', ')}`] : []),
  ];
  const info: RunInfo = {
    ...first.info,
    startedAt: legs.map((l) => l.info.startedAt).sort()[0]!,
    dataDir: 'database_snapshots',
    serverLog: one?.serverLog ?? null,
    targetPid: null,
    shard: null,
    projects: [...new Set(legs.flatMap((l) => l.info.projects!))],
    legs: mergedLegs,
    ...(perServer ? { servers: perServer } : {}),
    status: incomplete.length ? 'incomplete' : 'complete',
    note: notes.join('; '),
    finishedAt: new Date().toISOString(),
  };
  writeRunInfo(dir, info);

  // The one judgement stage, as the teardown judges one run.
  const judgement = judgeRunDir(dir, { limits, projectOutcomes: outcomes.projects });
  const summary = writeDeliverables(judgement, { serverLogPath: one?.serverLog ?? null });
  writeAllureCategories(paths.allureResults);
  writeAllureEnvironment(paths.allureResults, info);
  writeVerdictMarkdown(paths.verdictMarkdown, summary, judgement.verdict, judgement.perf);
  const text = judgementLines(judgement, (word) => `run ${id} (${notes[0]}): ${word}`).join('\n');
  return { dir, summary, text };
}
