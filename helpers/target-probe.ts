/**
 * Fail-fast checks of a target before any load is sent: it answers, it answers like
 * JAVUMBO (JSON 401 on a protected route), and its data directory looks like one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readAdminUsers } from '../db/admin-db.ts';
import { AdminSchemaError } from '../db/errors/admin-schema-error.ts';
import { TargetError } from './errors/target-error.ts';

/** GET /decks without a session must be a JSON 401 `{"error":"Authentication required"}`. */
export async function probeTarget(baseUrl: string, timeoutMs = 5_000): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`${baseUrl}/decks`, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (e) {
    // fetch wraps the socket error: its cause carries ECONNREFUSED and the like, or says "bad port".
    const inner = (e as { cause?: { code?: string; message?: string } }).cause;
    const cause = inner?.code ?? inner?.message ?? (e as Error).name;
    throw new TargetError(`BASE_URL ${baseUrl} is unreachable (${cause}) — start the server or fix BASE_URL in .env (unset it to use the embedded target)`);
  }
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  if (!type.includes('application/json')) {
    const what = type.includes('text/html') ? 'an HTML page' : `"${type || 'no content type'}"`;
    throw new TargetError(`BASE_URL ${baseUrl} answered GET /decks with ${what} (status ${res.status}), not JSON — point BASE_URL at the JAVUMBO API (behind a proxy, check that /decks is proxied to it)`);
  }
  if (res.status !== 401 || !text.includes('Authentication required'))
    throw new TargetError(`BASE_URL ${baseUrl} answered GET /decks without a session with ${res.status} ${text.slice(0, 80)} instead of 401 "Authentication required" — is this a JAVUMBO server?`);
}

/** DATA_DIR must exist and hold user_dbs/ (admin.db may appear only with the first registration). */
export function checkDataDir(dataDir: string): void {
  if (!fs.existsSync(dataDir)) throw new TargetError(`DATA_DIR ${dataDir} does not exist — set DATA_DIR to the server's folder holding admin.db and user_dbs/`);
  if (!fs.existsSync(path.join(dataDir, 'user_dbs')))
    throw new TargetError(`DATA_DIR ${dataDir} has no user_dbs/ folder — set DATA_DIR to the server's data folder (the one with admin.db and user_dbs/), not its parent`);
}

const SET_DATA_DIR = 'set DATA_DIR to the folder of the server at BASE_URL, the one holding its admin.db and user_dbs/';

/**
 * After the pool is registered, DATA_DIR's admin.db must be JAVUMBO's and hold every user just
 * registered. Otherwise the server writes somewhere else, and the audit would call every card
 * of the run lost, or stop on a schema it cannot read.
 */
export function checkAdminDb(dataDir: string, registered: readonly string[]): void {
  if (!fs.existsSync(path.join(dataDir, 'admin.db')))
    throw new TargetError(`DATA_DIR ${dataDir} has no admin.db after registering users — DATA_DIR is not the folder this server writes to`);
  let accounts: Set<string>;
  try {
    accounts = new Set(readAdminUsers(dataDir).map((user) => user.username));
  } catch (e) {
    if (e instanceof AdminSchemaError) throw new TargetError(`DATA_DIR ${e.file} is not a JAVUMBO admin database: ${e.problem} — ${SET_DATA_DIR}`);
    throw e;
  }
  const missing = registered.filter((username) => !accounts.has(username));
  if (missing.length > 0)
    throw new TargetError(
      `DATA_DIR ${dataDir} is not the folder this server writes to: its admin.db lacks ${missing.length} of the ${registered.length} users just registered (e.g. ${missing[0]}) — ${SET_DATA_DIR}`,
    );
}

/** Browser VUs need the web client at `/` (the real deployment puts nginx in front of the API). */
export async function probeWebClient(baseUrl: string, timeoutMs = 5_000): Promise<void> {
  let text = '';
  let status = 0;
  try {
    const res = await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'text/html' } });
    status = res.status;
    text = await res.text();
  } catch (e) {
    throw new TargetError(`BASE_URL ${baseUrl} did not answer GET / (${(e as Error).name}) — the browser projects need the web client there`);
  }
  if (status !== 200 || !/<script/i.test(text))
    throw new TargetError(`BASE_URL ${baseUrl} serves no web client at / (status ${status}: "${text.slice(0, 40).trim()}") — browser projects need the client (nginx in front of the API); point BASE_URL at it or drop the browser-* projects`);
}
