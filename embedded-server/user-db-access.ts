/** Open a user's collection for the duration of one piece of work, then close it. */
import type Database from 'better-sqlite3';
import { openUserDb } from './anki/user-db.ts';
import type { AppContext } from './context.ts';
import { userDbPath } from './data-paths.ts';

export function withUserDb<T>(ctx: AppContext, userId: number, work: (db: Database.Database) => T): T {
  const db = openUserDb(userDbPath(ctx.paths, userId));
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** Python's `str(e)` of a caught exception, for log lines and error texts. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
