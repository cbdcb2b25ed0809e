/**
 * Cross-contamination scan of any data directory (admin.db + user_dbs/, e.g. a run's
 * database_snapshots/ or a server's folder) by the card markers alone, no history needed:
 * a card is foreign when the user its marker names is not the owner of the file it sits in.
 */
import path from 'node:path';
import { markerOwnerOf } from '../helpers/history/markers.ts';
import { indexDatabases, isOwnersDatabase, type UnreadableDatabase } from './database-index.ts';
import { requireDataDir } from './data-dir-input.ts';

export interface ForeignCard {
  marker: string;
  /** The user the marker names. */
  owner: string;
  /** That user's id in admin.db; null when admin.db has no such account. */
  ownerUserId: number | null;
  /** Path of the file the card sits in, relative to the data directory (`user_dbs/user_2.db`). */
  file: string;
  /** Who owns that file (null: a file of no account in admin.db). */
  holder: string | null;
  holderUserId: number;
  cardId: number;
  deckName: string | null;
}

export interface ContaminationScan {
  dataDir: string;
  accounts: number;
  databasesRead: number;
  cardsRead: number;
  markedCards: number;
  foreign: ForeignCard[];
  unreadable: UnreadableDatabase[];
}

/** Scan every user database of `dataDir`; bad input (no folder, no admin.db, not JAVUMBO's) throws a `BadInputError`. */
export function scanForForeignCards(dataDir: string): ContaminationScan {
  const dir = requireDataDir(dataDir);
  const index = indexDatabases(dir);
  const foreign: ForeignCard[] = [];
  let markedCards = 0;
  for (const [marker, locations] of index.byMarker) {
    for (const location of locations) {
      markedCards += 1;
      const owner = markerOwnerOf(location.front, location.back) ?? marker;
      if (isOwnersDatabase(index, location, owner)) continue;
      foreign.push({
        marker,
        owner,
        ownerUserId: index.userIdByUsername.get(owner) ?? null,
        file: path.join('user_dbs', location.dbFile),
        holder: location.username,
        holderUserId: location.userId,
        cardId: location.cardId,
        deckName: location.deckName,
      });
    }
  }
  foreign.sort((a, b) => a.holderUserId - b.holderUserId || a.cardId - b.cardId);
  return { dataDir: dir, accounts: index.users.length, databasesRead: index.databases.size, cardsRead: index.cardsRead, markedCards, foreign, unreadable: index.unreadable };
}
