/**
 * Read-only looks into a target's files, in small named queries. A worker killed
 * mid-transaction leaves a hot journal behind; a read-only connection still reads the
 * database as it was before that transaction.
 */
import path from 'node:path';
import Database from 'better-sqlite3';

export interface StoredCard {
  cardId: number;
  noteId: number;
  deckId: number;
  front: string;
  back: string;
  reps: number;
}

export interface RevlogRow {
  id: number;
  cid: number;
  ease: number;
  type: number;
}

function readUserDb<T>(dataDir: string, userId: number, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'user_dbs', `user_${userId}.db`), { readonly: true, fileMustExist: true, timeout: 2_000 });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Cards whose front contains `text` (a marker), with their note's fields. */
export function cardsContaining(dataDir: string, userId: number, text: string): StoredCard[] {
  return readUserDb(dataDir, userId, (db) =>
    (
      db
        .prepare('SELECT c.id AS cardId, n.id AS noteId, c.did AS deckId, n.flds AS flds, c.reps AS reps FROM cards c JOIN notes n ON n.id = c.nid WHERE instr(n.flds, ?) > 0 ORDER BY c.id')
        .all(text) as { cardId: number; noteId: number; deckId: number; flds: string; reps: number }[]
    ).map((r) => {
      const [front = '', back = ''] = r.flds.split('\x1f');
      return { cardId: r.cardId, noteId: r.noteId, deckId: r.deckId, front, back, reps: r.reps };
    }),
  );
}

/** Every user card (no sample tag) of the user's database. */
export function userCards(dataDir: string, userId: number): StoredCard[] {
  return cardsContaining(dataDir, userId, '[USER:');
}

export function revlog(dataDir: string, userId: number): RevlogRow[] {
  return readUserDb(dataDir, userId, (db) => db.prepare('SELECT id, cid, ease, type FROM revlog ORDER BY id').all() as RevlogRow[]);
}

export function cardReps(dataDir: string, userId: number, cardId: number): number | undefined {
  return readUserDb(dataDir, userId, (db) => (db.prepare('SELECT reps FROM cards WHERE id = ?').get(cardId) as { reps: number } | undefined)?.reps);
}
