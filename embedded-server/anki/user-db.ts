/**
 * Opening and creating a user's collection file. Like the real server, every request
 * opens its own connection (default rollback journal, 5 s busy timeout like Python's
 * sqlite3) and closes it when done.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { defaultConf, defaultDconf, defaultDecks, defaultModels } from './collection-json.ts';
import { pythonJsonDumps } from './python-json.ts';
import { ANKI_TABLES_SQL } from './schema.ts';

export const BUSY_TIMEOUT_MS = 5000;

export function openUserDb(dbPath: string): Database.Database {
  return new Database(dbPath, { timeout: BUSY_TIMEOUT_MS });
}

/** Creates the tables and the col row; a file that already exists is left alone (as upstream). */
export function createCollection(dbPath: string, userName: string, nowMs: number = Date.now()): boolean {
  if (fs.existsSync(dbPath)) return false;
  const crt = Math.floor(nowMs / 1000);
  const db = openUserDb(dbPath);
  try {
    db.transaction(() => {
      db.exec(ANKI_TABLES_SQL);
      db.prepare('INSERT INTO col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        1,
        crt,
        nowMs,
        nowMs,
        11,
        0,
        -1,
        0,
        pythonJsonDumps(defaultConf()),
        pythonJsonDumps(defaultModels(crt)),
        pythonJsonDumps(defaultDecks(crt, userName)),
        pythonJsonDumps(defaultDconf(crt)),
        pythonJsonDumps({}),
      );
    })();
  } finally {
    db.close();
  }
  return true;
}
