/**
 * admin.db: the accounts table. Opened per request like the real server, which runs
 * `CREATE TABLE IF NOT EXISTS` (and logs it) at every register and login.
 */
import Database from 'better-sqlite3';
import type { DataPaths } from './data-paths.ts';
import type { ServerLog } from './log.ts';
import { BUSY_TIMEOUT_MS } from './anki/user-db.ts';

const USERS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS users (
    user_id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL
)`;

export interface UserRow {
  user_id: number;
  username: string;
  name: string;
  password_hash: string;
}

export function openAdminDb(paths: DataPaths, log: ServerLog): Database.Database {
  const db = new Database(paths.adminDb, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.exec(USERS_TABLE_SQL);
  } catch (err) {
    db.close();
    throw err;
  }
  log.info(`Admin database '${paths.adminDb}' initialized.`);
  return db;
}

/** The account with this username; `username` may be any scalar the client sent. */
export function findUser(db: Database.Database, username: string | number | bigint | null): UserRow | undefined {
  return db.prepare('SELECT user_id, username, name, password_hash FROM users WHERE username = ?').get(username) as UserRow | undefined;
}

export function insertUser(db: Database.Database, username: string, name: string, passwordHash: string): number {
  const info = db.prepare('INSERT INTO users (username, name, password_hash) VALUES (?, ?, ?)').run(username, name, passwordHash);
  return Number(info.lastInsertRowid);
}
