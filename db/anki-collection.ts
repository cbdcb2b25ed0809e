/**
 * Read-only access to one user's Anki collection, `user_dbs/user_{id}.db`.
 * Every read of a user database goes through these query functions.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UnreadableCollectionError } from './errors/unreadable-collection-error.ts';

/** One card joined with its note, fields split on the 0x1f separator. */
export interface CollectionCard {
  cardId: number;
  noteId: number;
  /** Deck id as the decks JSON keys it (a string: `"1"`, `"1795743680526"`). */
  deckId: string;
  front: string;
  back: string;
  queue: number;
  type: number;
  reps: number;
}

export interface RevlogRow {
  /** Epoch ms of the answer (the server's clock). */
  id: number;
  cardId: number;
  ease: number;
  ivl: number;
  lastIvl: number;
  factor: number;
  /** timeTaken as sent by the client, in ms. */
  time: number;
  type: number;
}

export interface UserCollection {
  file: string;
  /** Deck id → deck name, from `col.decks`. */
  decks: Map<string, string>;
  /** `conf.curDeck`: where the next `POST /add_card` of this user goes. */
  currentDeckId: string | null;
  cards: CollectionCard[];
  revlog: RevlogRow[];
}

export interface UserDbFile {
  userId: number;
  file: string;
}

const USER_DB_NAME = /^user_(\d+)\.db$/;
const FIELD_SEPARATOR = '\x1f';

/** Path of a user's collection inside a data directory. */
export function userDbPath(dataDir: string, userId: number): string {
  return path.join(dataDir, 'user_dbs', `user_${userId}.db`);
}

/** Every `user_dbs/user_{id}.db` of a data directory, by ascending user id; none when the folder is absent. */
export function listUserDbFiles(dataDir: string): UserDbFile[] {
  const dir = path.join(dataDir, 'user_dbs');
  if (!fs.existsSync(dir)) return [];
  const files: UserDbFile[] = [];
  for (const entry of fs.readdirSync(dir)) {
    const match = USER_DB_NAME.exec(entry);
    if (match) files.push({ userId: Number(match[1]), file: path.join(dir, entry) });
  }
  return files.sort((a, b) => a.userId - b.userId);
}

/** Open a user collection read-only; never creates a file. */
export function openCollection(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true });
}

/** Deck id → name from the `col.decks` JSON (keys are the ids the server uses). */
export function selectDecks(db: Database.Database): Map<string, string> {
  const json = db.prepare<[], string>('SELECT decks FROM col ORDER BY id LIMIT 1').pluck().get();
  return json === undefined ? new Map<string, string>() : parseDecks(json);
}

/** `conf.curDeck` of the collection, as a string id; null when unset. */
export function selectCurrentDeck(db: Database.Database): string | null {
  const json = db.prepare<[], string>('SELECT conf FROM col ORDER BY id LIMIT 1').pluck().get();
  return json === undefined ? null : parseCurrentDeck(json);
}

function parseDecks(json: string): Map<string, string> {
  const decks = new Map<string, string>();
  const parsed = JSON.parse(json) as Record<string, { name?: unknown } | null>;
  for (const [id, deck] of Object.entries(parsed)) decks.set(id, typeof deck?.name === 'string' ? deck.name : '');
  return decks;
}

function parseCurrentDeck(json: string): string | null {
  const current = (JSON.parse(json) as { curDeck?: unknown }).curDeck;
  return typeof current === 'number' || typeof current === 'string' ? String(current) : null;
}

interface CardRow {
  cardId: number;
  noteId: number;
  did: number | string;
  queue: number;
  type: number;
  reps: number;
  flds: string | null;
}

/** Every card with its note's front and back (a card whose note is missing gets empty fields). */
export function selectCards(db: Database.Database): CollectionCard[] {
  const rows = db
    .prepare<[], CardRow>(
      `SELECT c.id AS cardId, c.nid AS noteId, c.did AS did, c.queue AS queue, c.type AS type, c.reps AS reps, n.flds AS flds
       FROM cards c LEFT JOIN notes n ON n.id = c.nid`,
    )
    .all();
  return rows.map(toCard);
}

function toCard(row: CardRow): CollectionCard {
  const flds = row.flds ?? '';
  const cut = flds.indexOf(FIELD_SEPARATOR);
  return {
    cardId: row.cardId,
    noteId: row.noteId,
    deckId: String(row.did),
    front: cut === -1 ? flds : flds.slice(0, cut),
    back: cut === -1 ? '' : flds.slice(cut + 1).split(FIELD_SEPARATOR)[0]!,
    queue: row.queue,
    type: row.type,
    reps: row.reps,
  };
}

type AuditCardRow = [cardId: number, noteId: number, did: number | string, queue: number, type: number, reps: number, flds: string | null];

/**
 * Every card id, and the cards whose note carries a marker tag (`[MARKER:` or `[USER:`) with
 * their fields, in one pass. The audit needs only the ids of the rest (the sample deck), so
 * their texts never cross into JavaScript: a thousand-user audit would otherwise decode a
 * hundred thousand sample notes it never looks at.
 */
export function selectAuditCards(db: Database.Database): { cardIds: number[]; markedCards: CollectionCard[] } {
  const rows = db
    .prepare<[], AuditCardRow>(
      `SELECT c.id, c.nid, c.did, c.queue, c.type, c.reps,
              CASE WHEN instr(n.flds, '[MARKER:') > 0 OR instr(n.flds, '[USER:') > 0 THEN n.flds END
       FROM cards c LEFT JOIN notes n ON n.id = c.nid`,
    )
    .raw()
    .all();
  const cardIds: number[] = new Array<number>(rows.length);
  const markedCards: CollectionCard[] = [];
  rows.forEach(([cardId, noteId, did, queue, type, reps, flds], i) => {
    cardIds[i] = cardId;
    if (flds !== null) markedCards.push(toCard({ cardId, noteId, did, queue, type, reps, flds }));
  });
  return { cardIds, markedCards };
}

/** `decks` and `conf` of the collection row in one read: deck id → name, and `conf.curDeck`. */
export function selectDecksAndCurrent(db: Database.Database): { decks: Map<string, string>; currentDeckId: string | null } {
  const row = db.prepare<[], { decks: string; conf: string }>('SELECT decks, conf FROM col ORDER BY id LIMIT 1').get();
  if (row === undefined) return { decks: new Map(), currentDeckId: null };
  return { decks: parseDecks(row.decks), currentDeckId: parseCurrentDeck(row.conf) };
}

/** Every review log row, oldest first. */
export function selectRevlog(db: Database.Database): RevlogRow[] {
  return db.prepare<[], RevlogRow>('SELECT id, cid AS cardId, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY id').all();
}

/** What the audit needs of a collection: decks, marked cards in full, every card id, revlog. */
export interface AuditCollection extends Omit<UserCollection, 'cards'> {
  markedCards: CollectionCard[];
  cardIds: number[];
}

/** Read a collection for the audit; failures become an `UnreadableCollectionError` as in `readCollection`. */
export function readAuditCollection(file: string): AuditCollection {
  let db: Database.Database | undefined;
  try {
    db = openCollection(file);
    return { file, ...selectDecksAndCurrent(db), ...selectAuditCards(db), revlog: selectRevlog(db) };
  } catch (error) {
    throw new UnreadableCollectionError(file, error instanceof Error ? error.message : String(error));
  } finally {
    db?.close();
  }
}

/**
 * Read a whole collection in one pass. Any failure (missing, corrupt, truncated, not SQLite,
 * unexpected schema or JSON) becomes an `UnreadableCollectionError` naming the file.
 */
export function readCollection(file: string): UserCollection {
  let db: Database.Database | undefined;
  try {
    db = openCollection(file);
    return {
      file,
      decks: selectDecks(db),
      currentDeckId: selectCurrentDeck(db),
      cards: selectCards(db),
      revlog: selectRevlog(db),
    };
  } catch (error) {
    throw new UnreadableCollectionError(file, error instanceof Error ? error.message : String(error));
  } finally {
    db?.close();
  }
}
