/**
 * Writes crafted data directories (admin.db + user_dbs/user_{id}.db) with the same schema
 * the real JAVUMBO server writes (see the real sample's `.schema`), so the checker can be
 * tested against exactly the states it must recognise. Used by the unit tests and the bench.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface FixtureCard {
  cardId: number;
  /** Defaults to cardId − 1, as the server does. */
  noteId?: number;
  deckId: string | number;
  front: string;
  back: string;
  queue?: number;
  type?: number;
  reps?: number;
}

export interface FixtureRevlog {
  /** Epoch ms. */
  id: number;
  cardId: number;
  ease: number;
  time?: number;
  type?: number;
}

export interface FixtureUser {
  userId: number;
  username: string;
  name?: string;
  /** Decks besides MyFirstDeck (1) and Verbal Tenses (2): id → name. */
  decks?: Record<string, string>;
  currentDeck?: string | number;
  cards?: FixtureCard[];
  revlog?: FixtureRevlog[];
  /** Registration second: adds the sample deck's cards (ids T*1000+1…) to deck 2. */
  sampleDeckSecond?: number;
  sampleCards?: number;
}

const ADMIN_SCHEMA = `
CREATE TABLE users (
  user_id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT UNIQUE NOT NULL,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL
);`;

const ANKI_SCHEMA = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null,
  ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null,
  models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null,
  usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null,
  flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
  mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null,
  ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null,
  odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null,
  ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);`;

const MODEL_ID = '1700000000001';

/** Write admin.db with the given accounts (any previous file is replaced). */
export function writeAdminDb(dataDir: string, users: readonly Pick<FixtureUser, 'userId' | 'username' | 'name'>[]): string {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'admin.db');
  fs.rmSync(file, { force: true });
  const db = openForWriting(file);
  try {
    db.exec(ADMIN_SCHEMA);
    const insert = db.prepare('INSERT INTO users (user_id, username, name, password_hash) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (const user of users) insert.run(user.userId, user.username, user.name ?? user.username, '$2b$12$fixture');
    })();
  } finally {
    db.close();
  }
  return file;
}

/** Write one user's collection (any previous file is replaced). */
export function writeUserDb(dataDir: string, user: FixtureUser): string {
  const dir = path.join(dataDir, 'user_dbs');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `user_${user.userId}.db`);
  fs.rmSync(file, { force: true });
  const db = openForWriting(file);
  try {
    db.exec(ANKI_SCHEMA);
    const decks: Record<string, { id: string | number; name: string }> = {
      '1': { id: 1, name: 'MyFirstDeck' },
      '2': { id: 2, name: 'Verbal Tenses' },
    };
    for (const [id, name] of Object.entries(user.decks ?? {})) decks[id] = { id, name };
    const conf = { curDeck: Number(user.currentDeck ?? 1) };
    db.prepare('INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)').run(
      user.sampleDeckSecond ?? 1_795_743_678,
      0,
      0,
      JSON.stringify(conf),
      JSON.stringify({ [MODEL_ID]: { id: MODEL_ID, name: 'Basic', flds: [{ name: 'Front' }, { name: 'Back' }] } }),
      JSON.stringify(decks),
      JSON.stringify({ '1': { id: 1, name: 'Default' } }),
      '{}',
    );
    const cards = [...sampleCards(user), ...(user.cards ?? [])];
    const insertNote = db.prepare("INSERT INTO notes VALUES (?, ?, ?, 0, -1, '', ?, ?, 0, 0, '')");
    const insertCard = db.prepare("INSERT INTO cards VALUES (?, ?, ?, 0, 0, -1, ?, ?, ?, 0, 2500, ?, 0, 0, 0, 0, 0, '')");
    const insertRevlog = db.prepare('INSERT INTO revlog VALUES (?, ?, -1, ?, 0, 0, 2500, ?, ?)');
    db.transaction(() => {
      for (const card of cards) {
        const noteId = card.noteId ?? card.cardId - 1;
        insertNote.run(noteId, `g${noteId}`, Number(MODEL_ID), `${card.front}\x1f${card.back}`, card.front);
        insertCard.run(card.cardId, noteId, Number(card.deckId), card.type ?? 0, card.queue ?? 0, noteId, card.reps ?? 0);
      }
      for (const row of user.revlog ?? []) insertRevlog.run(row.id, row.cardId, row.ease, row.time ?? 0, row.type ?? 0);
    })();
  } finally {
    db.close();
  }
  return file;
}

/** Write a whole data directory: admin.db and one collection per user. */
export function writeDataDir(dataDir: string, users: readonly FixtureUser[]): void {
  writeAdminDb(dataDir, users);
  for (const user of users) writeUserDb(dataDir, user);
}

/**
 * A new file without fsync or rollback journal: fixtures are rebuilt, never recovered, and the
 * bench writes a thousand of them. Neither setting is stored in the file, which stays in the
 * server's default (delete) journal mode for the readers.
 */
function openForWriting(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('synchronous = OFF');
  db.pragma('journal_mode = OFF');
  return db;
}

function sampleCards(user: FixtureUser): FixtureCard[] {
  if (user.sampleDeckSecond === undefined) return [];
  const base = user.sampleDeckSecond * 1000;
  return Array.from({ length: user.sampleCards ?? 108 }, (_, i) => ({
    cardId: base + i + 1,
    noteId: base + i,
    deckId: 2,
    front: `Sample sentence ${i + 1}.`,
    back: `(a) tradução ${i + 1}`,
  }));
}
