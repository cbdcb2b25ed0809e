/**
 * A copy of the real server's sample where one of alice01's cards (card and note rows) was
 * moved into bob02's database, as a misrouted write would leave it: what `npm run scan` and
 * `npm run validate-user` must find by markers alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { REAL_SAMPLE_DIR } from './real-sample.ts';

/** alice01's first card: the one moved. */
export const MOVED_CARD = { marker: 'alice01_1', cardId: 1_795_743_681_001, noteId: 1_795_743_681_000 } as const;

/** Copy the sample (admin.db and user_dbs/) into `dir`. */
export function copyRealSample(dir: string): string {
  fs.mkdirSync(path.join(dir, 'user_dbs'), { recursive: true });
  fs.copyFileSync(path.join(REAL_SAMPLE_DIR, 'admin.db'), path.join(dir, 'admin.db'));
  for (const file of fs.readdirSync(path.join(REAL_SAMPLE_DIR, 'user_dbs'))) fs.copyFileSync(path.join(REAL_SAMPLE_DIR, 'user_dbs', file), path.join(dir, 'user_dbs', file));
  return dir;
}

/** Copy the sample into `dir` and move alice01_1 from user_1.db into user_2.db (bob02's). */
export function contaminatedSample(dir: string): string {
  copyRealSample(dir);
  const from = new Database(path.join(dir, 'user_dbs', 'user_1.db'));
  const to = new Database(path.join(dir, 'user_dbs', 'user_2.db'));
  try {
    const note = from.prepare('SELECT * FROM notes WHERE id = ?').get(MOVED_CARD.noteId) as Record<string, unknown>;
    const card = from.prepare('SELECT * FROM cards WHERE id = ?').get(MOVED_CARD.cardId) as Record<string, unknown>;
    const insert = (db: Database.Database, table: string, row: Record<string, unknown>): void => {
      const columns = Object.keys(row);
      db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
    };
    insert(to, 'notes', note);
    insert(to, 'cards', card);
    from.prepare('DELETE FROM cards WHERE id = ?').run(MOVED_CARD.cardId);
    from.prepare('DELETE FROM notes WHERE id = ?').run(MOVED_CARD.noteId);
  } finally {
    from.close();
    to.close();
  }
  return dir;
}
