/**
 * One user's database on its own (`npm run validate-user`): the account in admin.db, the
 * Anki tables, the decks with their card counts, the marked cards by the user their marker
 * names, and every card whose marker names someone else. Read-only, no history needed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { markerIdOf, markerOwnerOf } from '../helpers/history/markers.ts';
import { readCollection, userDbPath, type UserCollection } from './anki-collection.ts';
import { readDataDirAccounts } from './data-dir-input.ts';
import { DataDirInputError } from './errors/data-dir-input-error.ts';
import { UnreadableCollectionError } from './errors/unreadable-collection-error.ts';
import { ANKI_TABLES, selectTableNames } from './table-names.ts';

export interface DeckCount {
  deckId: string;
  /** null: cards point at a deck id the collection's decks JSON does not have. */
  name: string | null;
  cards: number;
  current: boolean;
}

export interface UserForeignCard {
  marker: string;
  /** The user the marker names. */
  owner: string;
  cardId: number;
  deckName: string | null;
}

export interface UserDatabaseCheck {
  username: string;
  userId: number;
  /** Relative to the data directory: `user_dbs/user_3.db`. */
  file: string;
  /** Problems with the file or its tables; empty when the schema is as the server writes it. */
  schemaProblems: string[];
  decks: DeckCount[];
  cards: number;
  unmarkedCards: number;
  /** Marked cards per user their marker names (the user's own included). */
  markersByOwner: Record<string, number>;
  foreign: UserForeignCard[];
  reviews: number;
}

/** Check `username`'s database in `dataDir`; an unknown user or a bad data directory is bad input. */
export function checkUserDatabase(dataDir: string, username: string): UserDatabaseCheck {
  const { dir, users } = readDataDirAccounts(dataDir);
  const account = users.find((user) => user.username === username);
  if (!account) {
    const known =
      users.length === 0
        ? 'it has no accounts'
        : `it has ${users.length}, e.g. ${users
            .slice(0, 3)
            .map((u) => u.username)
            .join(', ')}`;
    throw new DataDirInputError(`no user "${username}" in ${path.join(dataDir, 'admin.db')} (${known})`, 'give a username of that admin.db');
  }
  const absolute = userDbPath(dir, account.userId);
  const check: UserDatabaseCheck = {
    username,
    userId: account.userId,
    file: path.relative(dir, absolute),
    schemaProblems: [],
    decks: [],
    cards: 0,
    unmarkedCards: 0,
    markersByOwner: {},
    foreign: [],
    reviews: 0,
  };
  if (!fs.existsSync(absolute)) {
    check.schemaProblems.push(`${check.file} does not exist: the account has no collection`);
    return check;
  }
  let collection: UserCollection;
  try {
    const missing = ANKI_TABLES.filter((table) => !selectTableNames(absolute).includes(table));
    if (missing.length > 0) check.schemaProblems.push(`${check.file} lacks table(s) ${missing.join(', ')}`);
    collection = readCollection(absolute);
  } catch (error) {
    check.schemaProblems.push(`${check.file} cannot be read: ${error instanceof UnreadableCollectionError ? error.reason : error instanceof Error ? error.message : String(error)}`);
    return check;
  }
  fillContents(check, collection);
  return check;
}

function fillContents(check: UserDatabaseCheck, collection: UserCollection): void {
  const perDeck = new Map<string, number>([...collection.decks.keys()].map((id) => [id, 0]));
  for (const card of collection.cards) {
    perDeck.set(card.deckId, (perDeck.get(card.deckId) ?? 0) + 1);
    const marker = markerIdOf(card.front, card.back);
    const owner = markerOwnerOf(card.front, card.back);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: markerIdOf and markerOwnerOf read the same tag, so one is null exactly when the other is
    if (marker === null || owner === null) {
      check.unmarkedCards += 1;
      continue;
    }
    check.markersByOwner[owner] = (check.markersByOwner[owner] ?? 0) + 1;
    if (owner !== check.username) check.foreign.push({ marker, owner, cardId: card.cardId, deckName: collection.decks.get(card.deckId) ?? null });
  }
  check.cards = collection.cards.length;
  check.reviews = collection.revlog.length;
  check.decks = [...perDeck].map(([deckId, cards]) => ({ deckId, name: collection.decks.get(deckId) ?? null, cards, current: deckId === collection.currentDeckId }));
  for (const deckId of new Set(collection.cards.map((card) => card.deckId))) {
    if (!collection.decks.has(deckId)) check.schemaProblems.push(`cards sit in deck id ${deckId}, which the collection's decks do not list`);
  }
}
