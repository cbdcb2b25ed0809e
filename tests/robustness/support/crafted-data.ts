/**
 * Data directories and databases that are wrong in one precise way, for the tests that
 * point the suite (or the audit) at them.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** A folder with user_dbs/ but no admin.db: looks like a data dir, is not the server's. */
export function dataDirWithoutAdminDb(dir: string): string {
  fs.mkdirSync(path.join(dir, 'user_dbs'), { recursive: true });
  return dir;
}

/** An accounts database whose `users` table is not JAVUMBO's (no user_id, username, name). */
export function writeForeignAdminDb(file: string): void {
  fs.rmSync(file, { force: true });
  const db = new Database(file);
  try {
    db.exec(`CREATE TABLE users (id INTEGER PRIMARY KEY, login TEXT NOT NULL, email TEXT); INSERT INTO users (login, email) VALUES ('ana', 'ana@example.org');`);
  } finally {
    db.close();
  }
}

/** JAVUMBO's accounts schema holding some other server's users. */
export function writeOtherServersAdminDb(file: string): void {
  fs.rmSync(file, { force: true });
  const db = new Database(file);
  try {
    db.exec(`CREATE TABLE users (user_id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT UNIQUE NOT NULL, name TEXT NOT NULL, password_hash TEXT NOT NULL);
      INSERT INTO users (username, name, password_hash) VALUES ('someone', 'Some One', 'x');`);
  } finally {
    db.close();
  }
}

/** A folder with user_dbs/ and an admin.db of `write`. */
export function dataDirWithAdminDb(dir: string, write: (file: string) => void): string {
  dataDirWithoutAdminDb(dir);
  write(path.join(dir, 'admin.db'));
  return dir;
}

/** Cut a database file to its first `bytes` bytes, as a crash in mid-copy would. */
export function truncateFile(file: string, bytes: number): void {
  fs.truncateSync(file, bytes);
}

/** Overwrite the SQLite header ("SQLite format 3\0") so the file is no database at all. */
export function corruptHeader(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.from('this is not a database file!'), 0, 28, 0);
  } finally {
    fs.closeSync(fd);
  }
}
