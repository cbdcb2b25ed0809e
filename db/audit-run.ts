/**
 * Auditing a run directory: everything the audit needs is read from the run's own files
 * (run.json, pool.json, history/, database_snapshots/ or the live data directory, the
 * server log), so a run can be judged later, elsewhere, or after an interruption.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runPaths, type RunInfo, type ServerData } from '../helpers/run/run-dir.ts';
import { combineVerdicts } from './verdict-merge.ts';
import { readPool, readRunInfo } from '../helpers/run/run-store.ts';
import type { Operation } from '../helpers/history/operation.ts';
import type { Verdict } from './verdict.ts';
import { adminDbPath } from './admin-db.ts';
import { audit } from './checker.ts';
import { AdminDbMissingError } from './errors/admin-db-missing-error.ts';
import { AuditInputError } from './errors/audit-input-error.ts';
import { readHistory } from '../helpers/history/reader.ts';

export interface RunAudit {
  runDir: string;
  info: RunInfo;
  /** Folder the databases were read from. */
  dataDir: string;
  serverLog: string | null;
  /** The history as read (what the verdict judged). */
  operations: Operation[];
  verdict: Verdict;
}

/** Resolve `runs/latest` (a symlink, or a file naming the run) and check the folder exists. */
export function resolveRunDir(arg: string): string {
  const given = path.resolve(arg);
  if (!fs.existsSync(given)) throw new AuditInputError(`Run directory ${arg} does not exist. Pass a folder under runs/, e.g. runs/latest.`);
  const stat = fs.statSync(given);
  if (stat.isDirectory()) return fs.realpathSync(given);
  const named = fs.readFileSync(given, 'utf8').trim();
  const target = path.resolve(path.dirname(given), named);
  if (named === '' || !fs.existsSync(target) || !fs.statSync(target).isDirectory()) {
    throw new AuditInputError(`${arg} is not a run directory and does not name one. Pass a folder under runs/.`);
  }
  return target;
}

/**
 * Where to read the databases: the run's snapshots when they exist (the state the run
 * ended with), else the live data directory named in run.json.
 */
export function chooseDataDir(runDir: string, info: RunInfo, options: { preferSnapshots?: boolean } = {}): { dataDir: string; source: 'live' | 'snapshots' } {
  const snapshots = runPaths(runDir).snapshots;
  if ((options.preferSnapshots ?? true) && fs.existsSync(adminDbPath(snapshots))) return { dataDir: snapshots, source: 'snapshots' };
  const live = path.isAbsolute(info.dataDir) || fs.existsSync(info.dataDir) ? path.resolve(info.dataDir) : path.resolve(runDir, info.dataDir);
  if (!fs.existsSync(adminDbPath(live))) throw new AdminDbMissingError(adminDbPath(live));
  return { dataDir: live, source: 'live' };
}

/** The server log to match against: the run's copy first, else the file run.json names. */
export function chooseServerLog(runDir: string, info: RunInfo): string | null {
  const copy = runPaths(runDir).serverLogs;
  if (fs.existsSync(copy)) return copy;
  return info.serverLog && fs.existsSync(info.serverLog) ? info.serverLog : null;
}

/** Audit a run directory end to end. */
export function auditRunDir(runDir: string, now?: Date): RunAudit {
  const info = readRunInfo(runDir);
  if (info.servers?.length) return auditServers(runDir, info, info.servers, now);
  const { dataDir, source } = chooseDataDir(runDir, info);
  const serverLog = chooseServerLog(runDir, info);
  const history = readHistory(runDir);
  const verdict = audit({
    runId: info.id,
    history: history.operations,
    dataDir,
    users: readPool(runDir),
    serverLog,
    source,
    historyCoverage: {
      files: history.files.length,
      truncatedLines: history.truncatedLines.length,
      malformedLines: history.malformedLines.length,
    },
    ...(now ? { now } : {}),
  });
  return { runDir, info, dataDir, serverLog, operations: history.operations, verdict };
}

/**
 * A merged run whose legs drove separate servers: each server judged on the requests its legs
 * sent, against its own snapshots, and the verdicts joined. A request of a VU no server names
 * could not be judged, which makes the verdict unknown, never a pass.
 */
function auditServers(runDir: string, info: RunInfo, servers: readonly ServerData[], now?: Date): RunAudit {
  const history = readHistory(runDir);
  const pool = readPool(runDir);
  const historyCoverage = { files: history.files.length, truncatedLines: history.truncatedLines.length, malformedLines: history.malformedLines.length };
  const verdicts = servers.map((server) => {
    const vus = new Set(server.vus);
    const dataDir = path.resolve(runDir, server.snapshots);
    // Stryker disable next-line ConditionalExpression: without it audit() fails opening admin.db with the same AdminDbMissingError for the same path
    if (!fs.existsSync(adminDbPath(dataDir))) throw new AdminDbMissingError(adminDbPath(dataDir));
    return audit({
      runId: info.id,
      history: history.operations.filter((op) => vus.has(op.vu)),
      dataDir,
      users: pool.filter((u) => vus.has(u.vu)),
      serverLog: server.serverLog ? path.resolve(runDir, server.serverLog) : null,
      source: 'snapshots',
      historyCoverage,
      ...(now ? { now } : {}),
    });
  });
  const verdict = combineVerdicts(info.id, verdicts);
  const named = new Set(servers.flatMap((s) => s.vus));
  const stray = history.operations.filter((op) => !named.has(op.vu));
  if (stray.length > 0) {
    const vus = [...new Set(stray.map((op) => op.vu))].slice(0, 5).join(', ');
    verdict.unjudged.push(`${stray.length} operation(s) of VUs no server of the merged run names (${vus}) were not judged`);
    if (verdict.valid === true) verdict.valid = 'unknown';
    verdict.ok = false;
  }
  return { runDir, info, dataDir: runPaths(runDir).snapshots, serverLog: null, operations: history.operations, verdict };
}
