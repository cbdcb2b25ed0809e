/**
 * DATA_FETCH_CMD: the databases of a remote deployment live on its host, not on the machine
 * that drives it. A command the user supplies (`docker cp javumbo_server:/app/server/. ./snap`,
 * an `rsync`, an `scp`) copies its admin.db and user_dbs/ into DATA_DIR each time the suite is
 * about to read them: at setup, before the snapshots of the teardown, and before a merge's audit.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { adminDbPath } from './admin-db.ts';
import { DataFetchError } from './errors/data-fetch-error.ts';

/** A copy of a deployment's data over the network can be slow; past this it is refused as hung. */
const FETCH_TIMEOUT_MS = 10 * 60_000;

/** Run `command` in `cwd` (a shell command line); it must leave admin.db in `dataDir`. */
export function fetchData(command: string, dataDir: string, cwd: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  // Stryker disable next-line ArrayDeclaration: the default gives the command a closed pipe for stdin instead of /dev/null; either way it reads end of file at once
  const child = spawnSync(command, { shell: true, cwd, encoding: 'utf8', timeout: FETCH_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
  const said = (child.stderr || child.stdout || '').trim().split('\n').at(-1);
  const fix = `make DATA_FETCH_CMD copy the deployment's admin.db and user_dbs/ into DATA_DIR (${dataDir})`;
  if (child.error) throw new DataFetchError(`DATA_FETCH_CMD "${command}" could not run (${child.error.message})`, fix);
  if (child.status !== 0)
    throw new DataFetchError(`DATA_FETCH_CMD "${command}" failed with ${child.status === null ? `signal ${child.signal}` : `exit ${child.status}`}${said ? `: ${said}` : ''}`, fix);
  if (!fs.existsSync(adminDbPath(dataDir))) throw new DataFetchError(`DATA_FETCH_CMD "${command}" succeeded but left no admin.db in ${dataDir}`, fix);
}
