/**
 * The tests' one way into a server's SQLite files (admin.db and user_dbs/user_{id}.db), in
 * small named queries, for the contract and the target's own tests alike. Files are opened
 * read-only and must exist: a missing file is a finding, never something to create. A worker
 * killed mid-transaction leaves a hot journal behind; a read-only connection still reads the
 * database as it was before that transaction.
 */
import path from 'node:path';
import Database from 'better-sqlite3';

/** How long a read waits for a writer's lock before failing. */
const BUSY_TIMEOUT_MS = 2_000;

type Db = Database.Database;

function open(file: string): Db {
  return new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
}

/** Runs `read` on the user's collection file and closes it. */
export function readUserDb<T>(dataDir: string, userId: number, read: (db: Db) => T): T {
  const db = open(path.join(dataDir, 'user_dbs', `user_${userId}.db`));
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Runs `read` on admin.db and closes it. */
export function readAdminDb<T>(dataDir: string, read: (db: Db) => T): T {
  const db = open(path.join(dataDir, 'admin.db'));
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export interface NoteRow {
  id: number;
  guid: string;
  mid: number;
  mod: number;
  usn: number;
  tags: string;
  flds: string;
  sfld: string;
  csum: number;
  flags: number;
  data: string;
}

export interface CardRow {
  id: number;
  nid: number;
  did: number;
  ord: number;
  mod: number;
  usn: number;
  type: number;
  queue: number;
  due: number;
  ivl: number;
  factor: number;
  reps: number;
  lapses: number;
  left: number;
  odue: number;
  odid: number;
  flags: number;
  data: string;
}

export interface RevlogRow {
  id: number;
  cid: number;
  usn: number;
  ease: number;
  ivl: number;
  lastIvl: number;
  factor: number;
  time: number;
  type: number;
}

export interface UserRow {
  user_id: number;
  username: string;
  name: string;
  password_hash: string;
}

/** The `col` row with its JSON columns parsed. */
export interface Collection {
  id: number;
  crt: number;
  conf: Record<string, unknown>;
  models: Record<string, { id: string; flds: { name: string }[] } & Record<string, unknown>>;
  decks: Record<string, { id: number | string; name: string } & Record<string, unknown>>;
  dconf: Record<string, DeckConf>;
}

export interface DeckConf {
  new: { delays: number[] } & Record<string, unknown>;
  lapse: { delays: number[] } & Record<string, unknown>;
  rev: { hardFactor: number; ease4: number; ivlFct: number } & Record<string, unknown>;
}

/** The note with this id, or undefined. */
export function noteById(db: Db, id: number): NoteRow | undefined {
  return db.prepare('SELECT * FROM notes WHERE id = ?').get(id) as NoteRow | undefined;
}

/** The card with this id, or undefined. */
export function cardById(db: Db, id: number): CardRow | undefined {
  return db.prepare('SELECT * FROM cards WHERE id = ?').get(id) as CardRow | undefined;
}

/** Every card of a deck, by id. */
export function cardsInDeck(db: Db, did: number): CardRow[] {
  return db.prepare('SELECT * FROM cards WHERE did = ? ORDER BY id').all(did) as CardRow[];
}

/** Notes whose cards are in a deck, by id. */
export function notesInDeck(db: Db, did: number): NoteRow[] {
  return db.prepare('SELECT n.* FROM notes n JOIN cards c ON c.nid = n.id WHERE c.did = ? ORDER BY n.id').all(did) as NoteRow[];
}

/** Review log rows of one card, oldest first. */
export function revlogOf(db: Db, cid: number): RevlogRow[] {
  return db.prepare('SELECT * FROM revlog WHERE cid = ? ORDER BY id').all(cid) as RevlogRow[];
}

/** Every review log row, oldest first. */
export function allRevlog(db: Db): RevlogRow[] {
  return db.prepare('SELECT * FROM revlog ORDER BY id').all() as RevlogRow[];
}

/** Row count of a table named by the caller (a fixed identifier, never user input). */
export function countRows(db: Db, table: 'notes' | 'cards' | 'revlog' | 'graves' | 'col'): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** The single `col` row, JSON parsed. */
export function collection(db: Db): Collection {
  const row = db.prepare('SELECT id, crt, conf, models, decks, dconf FROM col').get() as Record<string, string | number>;
  const json = (k: string): unknown => JSON.parse(String(row[k]));
  return {
    id: Number(row.id),
    crt: Number(row.crt),
    conf: json('conf') as Collection['conf'],
    models: json('models') as Collection['models'],
    decks: json('decks') as Collection['decks'],
    dconf: json('dconf') as Collection['dconf'],
  };
}

/** Names of the user tables (not sqlite_*) and of the explicit indexes. */
export function schemaNames(db: Db): { tables: string[]; indexes: string[] } {
  const names = (type: string): string[] => (db.prepare("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name").all(type) as { name: string }[]).map((r) => r.name);
  return { tables: names('table'), indexes: names('index') };
}

/** Column names of a table, in declaration order. */
export function columnsOf(db: Db, table: string): string[] {
  return (db.pragma(`table_info(${JSON.stringify(table)})`) as { name: string }[]).map((c) => c.name);
}

/** The users row for a username, or undefined. */
export function userByName(db: Db, username: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
}

/** A user card with its note's fields split. */
export interface StoredCard {
  cardId: number;
  noteId: number;
  deckId: number;
  front: string;
  back: string;
  reps: number;
}

/** Cards whose note contains `text` (a marker), with their note's fields, by card id. */
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

/** Every card the load phase added (a `[USER:` marker) to the user's database. */
export function userCards(dataDir: string, userId: number): StoredCard[] {
  return cardsContaining(dataDir, userId, '[USER:');
}

/** Every review log row of the user's database, oldest first. */
export function revlog(dataDir: string, userId: number): RevlogRow[] {
  return readUserDb(dataDir, userId, allRevlog);
}

/** `reps` of one card, or undefined when the card is not there. */
export function cardReps(dataDir: string, userId: number, cardId: number): number | undefined {
  return readUserDb(dataDir, userId, (db) => cardById(db, cardId)?.reps);
}
