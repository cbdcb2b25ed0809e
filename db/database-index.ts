/**
 * One pass over a data directory: admin.db and every user collection, each read once,
 * indexed so every later judgement is a map lookup (O(total cards), never card × database).
 * With a `CollectionCache` the collections whose files have not changed since an earlier
 * index are taken from it instead of read again (the per-VU audits of a run).
 */
import path from 'node:path';
import { markerIdOf } from '../helpers/history/markers.ts';
import type { PoolUser } from '../helpers/run/run-dir.ts';
import type { CardLocation } from './verdict.ts';
import { readAdminUsers, type AdminUser } from './admin-db.ts';
import { listUserDbFiles, readAuditCollection, splitFields, type AuditCollection, type RevlogRow } from './anki-collection.ts';
import type { CollectionCache } from './collection-cache.ts';
import { UnreadableCollectionError } from './errors/unreadable-collection-error.ts';
import { readSnapshotFailures } from './snapshot-failures.ts';

export interface UserDatabase {
  userId: number;
  username: string | null;
  /** File name as reported in evidence, e.g. `user_5.db`. */
  dbFile: string;
  decks: Map<string, string>;
  currentDeckId: string | null;
  revlog: RevlogRow[];
  cardCount: number;
}

export interface UnreadableDatabase {
  userId: number;
  username: string | null;
  dbFile: string;
  reason: string;
}

/** A holder of a card id, kept for every card so ids shared across files can be reported. */
export interface CardIdHolder {
  userId: number;
  dbFile: string;
  marker: string | null;
}

export interface DatabaseIndex {
  users: AdminUser[];
  usernameById: Map<number, string>;
  userIdByUsername: Map<string, number>;
  databases: Map<number, UserDatabase>;
  unreadable: UnreadableDatabase[];
  /** Marker id → every place a card carrying it was found. */
  byMarker: Map<string, CardLocation[]>;
  /** Card id → holders, only for ids present in more than one database. */
  sharedCardIds: Map<number, CardIdHolder[]>;
  cardsRead: number;
}

/** Read admin.db and every user database of `dataDir` once (or take it from `cache` while unchanged) and index them. */
export function indexDatabases(dataDir: string, pool: readonly PoolUser[] = [], cache?: CollectionCache): DatabaseIndex {
  const users = readAdminUsers(dataDir);
  const usernameById = new Map(users.map((user) => [user.userId, user.username]));
  const userIdByUsername = new Map(users.map((user) => [user.username, user.userId]));
  // The pool knows users even when admin.db was read from an older snapshot.
  for (const member of pool) {
    if (!userIdByUsername.has(member.username)) userIdByUsername.set(member.username, member.userId);
    if (!usernameById.has(member.userId)) usernameById.set(member.userId, member.username);
  }

  const index: DatabaseIndex = {
    users,
    usernameById,
    userIdByUsername,
    databases: new Map(),
    unreadable: [],
    byMarker: new Map(),
    sharedCardIds: new Map(),
    cardsRead: 0,
  };
  for (const failure of readSnapshotFailures(dataDir)) {
    const userId = failure.userId;
    index.unreadable.push({ userId, username: usernameById.get(userId) ?? null, dbFile: path.basename(failure.file), reason: `no snapshot could be taken (${failure.error})` });
  }
  const held: HeldCards[] = [];
  for (const { userId, file } of listUserDbFiles(dataDir)) {
    const cards = indexUserDatabase(index, userId, file, cache);
    if (cards) held.push(cards);
  }
  index.sharedCardIds = findSharedCardIds(held);
  return index;
}

/** Reads one user database into the index (its summary and every marked card's location); null when it cannot be read, which the index then lists. */
function indexUserDatabase(index: DatabaseIndex, userId: number, file: string, cache: CollectionCache | undefined): HeldCards | null {
  const username = index.usernameById.get(userId) ?? null;
  const dbFile = path.basename(file);
  let collection: AuditCollection;
  try {
    collection = cache ? cache.read(file, readAuditCollection) : readAuditCollection(file);
  } catch (error) {
    const reason = error instanceof UnreadableCollectionError ? error.reason : String(error);
    index.unreadable.push({ userId, username, dbFile, reason });
    return null;
  }
  index.databases.set(userId, {
    userId,
    username,
    dbFile,
    decks: collection.decks,
    currentDeckId: collection.currentDeckId,
    revlog: collection.revlog,
    cardCount: collection.cardIds.length,
  });
  index.cardsRead += collection.cardIds.length;

  const rows = collection.markedCards;
  // Ids and markers side by side, not the rows: the rows need not outlive this file's reading.
  const markedIds = new Float64Array(rows.length);
  // Stryker disable next-line ArrayDeclaration: the length only preallocates; every slot is assigned below
  const markers: (string | null)[] = new Array<string | null>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const [cardId, noteId, did, flds] = rows[i]!;
    const { front, back } = splitFields(flds);
    const marker = markerIdOf(front, back);
    markedIds[i] = cardId;
    markers[i] = marker;
    if (marker === null) continue;
    const deckId = String(did);
    const location: CardLocation = { userId, username, dbFile, cardId, noteId, deckId, deckName: collection.decks.get(deckId) ?? null, front, back };
    const found = index.byMarker.get(marker);
    if (found) found.push(location);
    else index.byMarker.set(marker, [location]);
  }
  return { userId, dbFile, cardIds: collection.cardIds, markedIds, markers };
}

/** Whether a card found at `location` sits in the database of `owner`, the user its marker names. */
export function isOwnersDatabase(index: Pick<DatabaseIndex, 'userIdByUsername'>, location: Pick<CardLocation, 'username' | 'userId'>, owner: string): boolean {
  if (location.username !== null) return location.username === owner;
  return index.userIdByUsername.get(owner) === location.userId;
}

interface HeldCards {
  userId: number;
  dbFile: string;
  cardIds: number[];
  /** The marked cards' ids, and the marker of each (null: a tag but no marker id), side by side. */
  markedIds: Float64Array;
  markers: (string | null)[];
}

/**
 * Card ids present in more than one database. Ids are unique within a file (primary key), so
 * a repeat in the sorted list of all ids is a repeat across files. A typed-array sort keeps a
 * thousand-user audit from building a map of every card; the holders' markers are looked up
 * only for the (few) shared ids.
 */
function findSharedCardIds(held: readonly HeldCards[]): Map<number, CardIdHolder[]> {
  const shared = new Map<number, CardIdHolder[]>();
  const all = new Float64Array(held.reduce((sum, db) => sum + db.cardIds.length, 0));
  let offset = 0;
  for (const db of held) {
    all.set(db.cardIds, offset);
    offset += db.cardIds.length;
  }
  all.sort();
  const repeated = new Set<number>();
  // Stryker disable next-line EqualityOperator: all[all.length] is undefined, which equals no id
  for (let i = 1; i < all.length; i++) if (all[i] === all[i - 1]) repeated.add(all[i]!);
  // Stryker disable next-line ConditionalExpression: a shortcut — with no repeated id the loop below adds nothing
  if (repeated.size === 0) return shared;
  for (const db of held) {
    let markerOf: Map<number, string> | undefined;
    for (const cardId of db.cardIds) {
      if (!repeated.has(cardId)) continue;
      markerOf ??= markersByCardId(db);
      const holder: CardIdHolder = { userId: db.userId, dbFile: db.dbFile, marker: markerOf.get(cardId) ?? null };
      const holders = shared.get(cardId);
      if (holders) holders.push(holder);
      else shared.set(cardId, [holder]);
    }
  }
  return shared;
}

/** Card id → marker of one database's marked cards, built only for a database holding a shared id. */
function markersByCardId(db: HeldCards): Map<number, string> {
  const markerOf = new Map<number, string>();
  db.markedIds.forEach((cardId, i) => {
    const marker = db.markers[i];
    // Stryker disable next-line ConditionalExpression,LogicalOperator: every slot is assigned, and a stored null comes back as null through `?? null`
    if (marker !== null && marker !== undefined) markerOf.set(cardId, marker);
  });
  return markerOf;
}
