/**
 * Creating, finding and updating run directories (`runs/<id>/`, `runs/latest`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { RunDirError } from './errors/run-dir-error.ts';
import { runPaths, type PoolUser, type RunInfo } from './run-dir.ts';

export function newRunId(now = new Date(), tag = ''): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\..*$/, '');
  return tag ? `${stamp}-${tag}` : stamp;
}

/** Make `runs/<id>/` and, for a load run, point `runs/latest` at it. */
export function createRunDir(runsDir: string, id: string, { latest: moveLatest = true } = {}): string {
  const dir = path.join(runsDir, id);
  fs.mkdirSync(path.join(dir, 'history'), { recursive: true });
  if (!moveLatest) return dir;
  const latest = path.join(runsDir, 'latest');
  fs.rmSync(latest, { force: true });
  fs.symlinkSync(id, latest, 'dir');
  return dir;
}

function writeJson(file: string, value: unknown): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
  fs.renameSync(tmp, file);
}

export function writeRunInfo(runDir: string, info: RunInfo): void {
  writeJson(runPaths(runDir).info, info);
}

export function updateRunInfo(runDir: string, patch: Partial<RunInfo>): RunInfo {
  const info = { ...readRunInfo(runDir), ...patch };
  writeRunInfo(runDir, info);
  return info;
}

/** Read and check run.json: a RunDirError says what is wrong with the folder. */
export function readRunInfo(runDir: string): RunInfo {
  const file = runPaths(runDir).info;
  if (!fs.existsSync(file)) throw new RunDirError(`No run.json in ${runDir}: not a run directory (or the run never started). Pass a folder under runs/.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new RunDirError(`${file} is not valid JSON; the run's setup was interrupted while writing it.`);
  }
  const info = parsed as Partial<RunInfo>;
  if (typeof info.id !== 'string' || typeof info.dataDir !== 'string') {
    throw new RunDirError(`${file} lacks "id" or "dataDir"; it was not written by this suite.`);
  }
  return parsed as RunInfo;
}

export function writePool(runDir: string, pool: PoolUser[]): void {
  writeJson(runPaths(runDir).pool, pool);
}

/** The user pool of the run; none when pool.json does not exist (setup never got that far). */
export function readPool(runDir: string): PoolUser[] {
  const file = runPaths(runDir).pool;
  if (!fs.existsSync(file)) return [];
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  return Array.isArray(parsed) ? (parsed as PoolUser[]) : [];
}
