/**
 * The one check of a data directory named on a command line (`npm run scan`, `npm run
 * validate-user`): it exists, is a folder, and holds a JAVUMBO admin.db. Each failure is a
 * one-line `DataDirInputError`; the accounts are returned so the caller need not read them again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { adminDbPath, readAdminUsers, type AdminUser } from './admin-db.ts';
import { AdminSchemaError } from './errors/admin-schema-error.ts';
import { DataDirInputError } from './errors/data-dir-input-error.ts';

/** The absolute path of `dataDir` once it is known to hold a readable admin.db. */
export function requireDataDir(dataDir: string): string {
  return readDataDirAccounts(dataDir).dir;
}

/** Check `dataDir` and read its accounts. */
export function readDataDirAccounts(dataDir: string): { dir: string; users: AdminUser[] } {
  const dir = path.resolve(dataDir);
  if (!fs.existsSync(dir)) throw new DataDirInputError(`${dataDir} does not exist`);
  if (!fs.statSync(dir).isDirectory()) throw new DataDirInputError(`${dataDir} is a file, not a folder`);
  if (!fs.existsSync(adminDbPath(dir))) {
    // A run directory keeps its databases one level down.
    const snapshots = path.join(dataDir, 'database_snapshots');
    if (fs.existsSync(adminDbPath(snapshots))) throw new DataDirInputError(`${dataDir} has no admin.db but is a run directory`, `pass its ${snapshots}`);
    throw new DataDirInputError(`${dataDir} has no admin.db`);
  }
  try {
    return { dir, users: readAdminUsers(dir) };
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: every failure after the existence check is an AdminSchemaError; only admin.db vanishing between check and open (a race no test can stage) gives another
    if (error instanceof AdminSchemaError) throw new DataDirInputError(`${error.file} is not a JAVUMBO admin database: ${error.problem}`);
    throw error;
  }
}
