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
  // Stryker disable next-line BooleanLiteral: a read-only open never creates the file, so a missing one fails the same way either way
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
  return {
    cardId: row.cardId,
    noteId: row.noteId,
    deckId: String(row.did),
    ...splitFields(row.flds ?? ''),
    queue: row.queue,
    type: row.type,
    reps: row.reps,
  };
}

/** A card whose note carries a marker tag, as read for the audit: `[cardId, noteId, did, flds]` (did as stored: a number, or text in a file written so). */
export type MarkedCardRow = [cardId: number, noteId: number, did: number | string, flds: string];

/** The audit's read of a collection as SQLite hands it over: `col`'s two JSON columns, the rest JSON arrays. */
interface AuditRow {
  decks: string | null;
  conf: string | null;
  cardIds: string;
  marked: string;
  revlog: string;
}

type RevlogTuple = [id: number, cardId: number, ease: number, ivl: number, lastIvl: number, factor: number, time: number, type: number];

/**
 * Everything the audit reads of a collection in one statement: the decks and `conf.curDeck`,
 * every card id, the cards whose note carries a marker tag (`[MARKER:` or `[USER:`) with the
 * note's fields, and the review log oldest first. The texts of the other cards (the sample deck)
 * never leave SQLite. One statement, not four, because at ten thousand files the compiling of
 * statements and the crossing of every value into JavaScript one call at a time were most of
 * the read; SQLite builds each list as one JSON text instead, which `JSON.parse` turns into
 * arrays in one go.
 */
export function selectAuditRead(db: Database.Database): Omit<AuditCollection, 'file'> {
  const row = db
    .prepare<[], AuditRow>(
      `SELECT (SELECT decks FROM col ORDER BY id LIMIT 1) AS decks,
              (SELECT conf FROM col ORDER BY id LIMIT 1) AS conf,
              (SELECT json_group_array(id) FROM cards) AS cardIds,
              (SELECT json_group_array(json_array(c.id, c.nid, c.did, n.flds)) FROM cards c JOIN notes n ON n.id = c.nid
                WHERE instr(n.flds, '[MARKER:') > 0 OR instr(n.flds, '[USER:') > 0) AS marked,
              (SELECT json_group_array(json_array(id, cid, ease, ivl, lastIvl, factor, time, type) ORDER BY id) FROM revlog) AS revlog`,
    )
    .get()!;
  const revlog = (JSON.parse(row.revlog) as RevlogTuple[]).map(([id, cardId, ease, ivl, lastIvl, factor, time, type]): RevlogRow => ({ id, cardId, ease, ivl, lastIvl, factor, time, type }));
  return {
    // No `col` row: no decks and no current deck, as `selectDecks` and `selectCurrentDeck` read it.
    decks: row.decks === null ? new Map<string, string>() : parseDecks(row.decks),
    currentDeckId: row.conf === null ? null : parseCurrentDeck(row.conf),
    cardIds: JSON.parse(row.cardIds) as number[],
    markedCards: JSON.parse(row.marked) as MarkedCardRow[],
    revlog,
  };
}

/** Front and back of a note's fields, split on the 0x1f separator (missing fields are empty). */
export function splitFields(flds: string): { front: string; back: string } {
  const cut = flds.indexOf(FIELD_SEPARATOR);
  if (cut === -1) return { front: flds, back: '' };
  // Cut at the next separator in place, not by splitting the rest: the audit splits a million notes.
  const end = flds.indexOf(FIELD_SEPARATOR, cut + 1);
  return { front: flds.slice(0, cut), back: flds.slice(cut + 1, end === -1 ? flds.length : end) };
}

/** Every review log row, oldest first. */
export function selectRevlog(db: Database.Database): RevlogRow[] {
  return db.prepare<[], RevlogRow>('SELECT id, cid AS cardId, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY id').all();
}

/** What the audit needs of a collection: decks, marked cards with their fields, every card id, revlog. */
export interface AuditCollection extends Omit<UserCollection, 'cards'> {
  markedCards: MarkedCardRow[];
  cardIds: number[];
}

/** Read a collection for the audit; failures become an `UnreadableCollectionError` as in `readCollection`. */
export function readAuditCollection(file: string): AuditCollection {
  let db: Database.Database | undefined;
  try {
    db = openCollection(file);
    return { file, ...selectAuditRead(db) };
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
