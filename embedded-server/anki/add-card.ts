/**
 * Writing one user card the way the real server does: ids from the clock in whole
 * seconds (note id = epoch s × 1000, card id + 1), filed under the collection's current
 * deck, "Inserted note" logged after the note insert and "created card" after the card
 * insert, col.mod touched, one transaction. A second add in the same second hits
 * UNIQUE(notes.id) and throws the SqliteError the caller turns into the 500.
 *
 * The hooks let the fault switches bend one step (deck, content, extra insert,
 * rollback instead of commit, crash before commit) without a second copy of the flow.
 */
import type Database from 'better-sqlite3';
import type { ServerLog } from '../log.ts';
import { currentDeckId, deckName, readCollection } from './collection.ts';
import { logFront } from './log-front.ts';
import { insertNewCard, insertNote } from './notes.ts';
import type { JsonValue } from './python-json.ts';
import { pyStr } from './python-json.ts';

export interface AddCardRequest {
  /** The user whose database this is (what the log lines name). */
  userId: number;
  username: string;
  front: string;
  back: string;
  nowMs: number;
}

export interface AddCardHooks {
  /** Deck to file the card under instead of conf.curDeck. */
  chooseDeck?: (currentDeck: JsonValue, deckIds: string[]) => JsonValue;
  /** Front actually stored. */
  storedFront?: (front: string) => string;
  /** Offset (ms) of a second copy of the note and card, inserted after the first. */
  duplicateOffsetMs?: number;
  /** Called inside the open transaction, after the inserts; may never return (crash). */
  beforeCommit?: () => void;
  /** Roll back instead of committing, while reporting success. */
  rollback?: boolean;
}

export type AddCardResult = { kind: 'added'; noteId: number; cardId: number; deckId: JsonValue; deckName: string; storedFront: string } | { kind: 'no-collection' } | { kind: 'no-model' };

export function addCard(db: Database.Database, log: ServerLog, request: AddCardRequest, hooks: AddCardHooks = {}): AddCardResult {
  const col = readCollection(db);
  if (!col) return { kind: 'no-collection' };
  const modelId = Object.keys(col.models)[0];
  if (modelId === undefined) return { kind: 'no-model' };
  const curDeck = currentDeckId(col.conf);
  const deckId = hooks.chooseDeck ? hooks.chooseDeck(curDeck, Object.keys(col.decks)) : curDeck;

  const seconds = Math.floor(request.nowMs / 1000);
  const noteId = seconds * 1000;
  const cardId = noteId + 1;
  const front = hooks.storedFront ? hooks.storedFront(request.front) : request.front;
  const deckParam = typeof deckId === 'number' || typeof deckId === 'string' ? deckId : pyStr(deckId);

  db.exec('BEGIN');
  try {
    const insertPair = (nid: number): void => {
      insertNote(db, { id: nid, modelId: Number(modelId), modSeconds: seconds, tags: '', front, back: request.back });
      if (nid === noteId) log.info(`Inserted note ${nid} for user ${request.userId}`);
      insertNewCard(db, { id: nid + 1, noteId: nid, deckId: deckParam, modSeconds: seconds });
    };
    insertPair(noteId);
    const name = deckName(col.decks, deckId, 'Unknown');
    log.info(`User ${request.userId} (${request.username}) created card ${cardId} in deck ${pyStr(deckId)} (${name}): "${logFront(front)}"`);
    if (hooks.duplicateOffsetMs !== undefined) insertPair(noteId + hooks.duplicateOffsetMs);
    db.prepare('UPDATE col SET mod = ?').run(Date.now());
    hooks.beforeCommit?.();
    db.exec(hooks.rollback === true ? 'ROLLBACK' : 'COMMIT');
    return { kind: 'added', noteId, cardId, deckId, deckName: name, storedFront: front };
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
