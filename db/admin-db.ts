/**
 * Read-only access to JAVUMBO's accounts database, `admin.db`:
 * `users(user_id, username, name, password_hash)`. Password hashes are never selected.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AdminDbMissingError } from './errors/admin-db-missing-error.ts';
import { AdminSchemaError } from './errors/admin-schema-error.ts';

export interface AdminUser {
  userId: number;
  username: string;
  name: string;
}

const REQUIRED_USER_COLUMNS = ['user_id', 'username', 'name'] as const;

/** Path of admin.db inside a data directory (live server folder or snapshot folder). */
export function adminDbPath(dataDir: string): string {
  return path.join(dataDir, 'admin.db');
}

/** Open admin.db read-only; a missing file is an `AdminDbMissingError`, never an empty database. */
export function openAdminDb(dataDir: string): Database.Database {
  const file = adminDbPath(dataDir);
  if (!fs.existsSync(file)) throw new AdminDbMissingError(file);
  try {
    // Stryker disable next-line BooleanLiteral: a read-only open never creates the file, so a missing one fails the same way either way
    return new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new AdminSchemaError(file, `cannot be opened (${errorText(error)})`);
  }
}

/** Column names of the `users` table; empty when the table does not exist. */
export function selectUserColumns(db: Database.Database): string[] {
  const rows = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('users')`).all();
  return rows.map((row) => row.name);
}

/** Throw an `AdminSchemaError` unless `users` has the columns the checker reads. */
export function assertAdminSchema(db: Database.Database): void {
  let columns: string[];
  try {
    columns = selectUserColumns(db);
  } catch (error) {
    throw new AdminSchemaError(db.name, `cannot be read (${errorText(error)})`);
  }
  if (columns.length === 0) throw new AdminSchemaError(db.name, 'it has no users table');
  const missing = REQUIRED_USER_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new AdminSchemaError(db.name, `table users lacks column(s) ${missing.join(', ')} (found ${columns.join(', ')})`);
  }
}

/** Every account, by ascending user id. */
export function selectUsers(db: Database.Database): AdminUser[] {
  return db.prepare<[], AdminUser>('SELECT user_id AS userId, username, name FROM users ORDER BY user_id').all();
}

/** Open, validate and read every account of a data directory, closing the file afterwards. */
export function readAdminUsers(dataDir: string): AdminUser[] {
  const db = openAdminDb(dataDir);
  try {
    assertAdminSchema(db);
    try {
      return selectUsers(db);
    } catch (error) {
      throw new AdminSchemaError(db.name, `its users table cannot be read (${errorText(error)})`);
    }
  } finally {
    db.close();
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
