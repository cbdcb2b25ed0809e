/**
 * Creating, finding and updating run directories (`runs/<id>/`, `runs/latest`).
 */
import fs from 'node:fs';
import path from 'node:path';
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

export function readRunInfo(runDir: string): RunInfo {
  const file = runPaths(runDir).info;
  if (!fs.existsSync(file)) throw new Error(`${file} not found: ${runDir} is not a run directory (it has no run.json)`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RunInfo;
}

export function writePool(runDir: string, pool: PoolUser[]): void {
  writeJson(runPaths(runDir).pool, pool);
}

export function readPool(runDir: string): PoolUser[] {
  const file = runPaths(runDir).pool;
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as PoolUser[]) : [];
}
