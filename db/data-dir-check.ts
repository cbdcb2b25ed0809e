/**
 * Fail-fast checks of a target's data directory, before and right after the pool is
 * registered: it looks like JAVUMBO's, and it is the one the server at BASE_URL writes to.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TargetError } from '../helpers/config/errors/target-error.ts';
import { readAdminUsers } from './admin-db.ts';
import { AdminSchemaError } from './errors/admin-schema-error.ts';

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
  if (!fs.existsSync(path.join(dataDir, 'admin.db'))) throw new TargetError(`DATA_DIR ${dataDir} has no admin.db after registering users — DATA_DIR is not the folder this server writes to`);
  let accounts: Set<string>;
  try {
    accounts = new Set(readAdminUsers(dataDir).map((user) => user.username));
  } catch (e) {
    // Stryker disable next-line ConditionalExpression: every failure after the existence check is an AdminSchemaError; only admin.db vanishing between check and read (a race no test can stage) gives another
    if (e instanceof AdminSchemaError) throw new TargetError(`DATA_DIR ${e.file} is not a JAVUMBO admin database: ${e.problem} — ${SET_DATA_DIR}`);
    throw e;
  }
  const missing = registered.filter((username) => !accounts.has(username));
  if (missing.length > 0)
    throw new TargetError(
      `DATA_DIR ${dataDir} is not the folder this server writes to: its admin.db lacks ${missing.length} of the ${registered.length} users just registered (e.g. ${missing[0]}) — ${SET_DATA_DIR}`,
    );
}
