/**
 * Prepares a data directory before any worker exists: the primary creates
 * flask_session/ and user_dbs/ itself, because workers racing to create them is what
 * kills Gunicorn boots of the real server ("Worker failed to boot").
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DataPaths } from './data-paths.ts';
import { TargetUsageError } from './usage-error.ts';

export function prepareDataDir(paths: DataPaths): void {
  try {
    fs.mkdirSync(paths.sessionDir, { recursive: true });
    fs.mkdirSync(paths.userDbDir, { recursive: true });
    const probe = path.join(paths.dataDir, `.write-probe-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
    fs.appendFileSync(paths.serverLog, '');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new TargetUsageError(`data dir ${paths.dataDir} is not writable (${reason}); pass --data-dir with a folder you can write`);
  }
}
