/**
 * Applying one answer to a card, as POST /answer does on the real server: the card row
 * is rescheduled (reps + 1, mod = now) and one revlog row is written (id = epoch ms,
 * time = timeTaken, type = the card's type before, 2 for a lapse, 1 for a passed review),
 * col.mod is touched, all in one transaction.
 */
import Database from 'better-sqlite3';
import type { ServerLog } from '../log.ts';
import { cardState } from './card-state.ts';
import { asObject, readCollection } from './collection.ts';
import { logFront } from './log-front.ts';
import { splitFields } from './notes.ts';
import { pyStr, type JsonValue } from './python-json.ts';
import { dayNumber } from './review-queue.ts';
import { answerCard, type CardSchedule, type Ease } from './scheduler.ts';
import { SchedulingConfigError } from './scheduling-config-error.ts';

export interface AnswerRequest {
  userId: number;
  username: string;
  cardId: number;
  noteId: number;
  ease: Ease;
  /** How the client's value prints in the log (`3`, or `True` for a JSON true). */
  easeText: string;
  /** The client's timeTaken, stored as sent (0 when absent). */
  timeTaken: JsonValue | undefined;
  nowMs: number;
}

export interface AnswerHooks {
  /** Called inside the open transaction after the writes; may never return (crash). */
  beforeCommit?: () => void;
}

export type AnswerResult = { kind: 'answered' } | { kind: 'card-not-found' } | { kind: 'no-collection' };

interface CardRow extends CardSchedule {
  did: number;
}

/** Python's sqlite3 binds what it can and raises InterfaceError (a sqlite3.Error) for the rest. */
function bindableTime(v: JsonValue | undefined): number | string | null {
  if (v === undefined) return 0;
  if (v === null || typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new Database.SqliteError('Error binding parameter 8 - probably unsupported type.', 'SQLITE_MISUSE');
}

function deckOptions(decks: Record<string, JsonValue>, dconf: Record<string, JsonValue>, did: number): Record<string, JsonValue> {
  const deck = asObject(decks[String(did)]);
  if (!deck) throw new SchedulingConfigError(String(did));
  const confId = pyStr(deck.conf ?? 1);
  const options = asObject(dconf[confId]);
  if (!options) throw new SchedulingConfigError(confId);
  return options;
}

export function applyAnswer(db: Database.Database, log: ServerLog, request: AnswerRequest, hooks: AnswerHooks = {}): AnswerResult {
  const card = db.prepare('SELECT type, queue, due, ivl, factor, reps, lapses, left, did FROM cards WHERE id = ?').get(request.cardId) as CardRow | undefined;
  if (!card) {
    log.warning(`Card not found: ${request.cardId}`);
    return { kind: 'card-not-found' };
  }
  const col = readCollection(db);
  if (!col) return { kind: 'no-collection' };
  const options = deckOptions(col.decks, col.dconf, card.did);
  const nowSeconds = Math.floor(request.nowMs / 1000);
  const { card: next, revlogType } = answerCard(card, request.ease, options, nowSeconds, dayNumber(col.crt, nowSeconds));
  const time = bindableTime(request.timeTaken);

  db.exec('BEGIN');
  try {
    db.prepare('UPDATE cards SET type=?, queue=?, due=?, ivl=?, factor=?, reps=?, lapses=?, left=?, mod=? WHERE id=?').run(
      next.type,
      next.queue,
      next.due,
      next.ivl,
      next.factor,
      next.reps,
      next.lapses,
      next.left,
      nowSeconds,
      request.cardId,
    );
    db.prepare('INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      request.nowMs,
      request.cardId,
      -1,
      request.ease,
      next.ivl,
      card.ivl,
      next.factor,
      time,
      revlogType,
    );
    const note = db.prepare('SELECT flds FROM notes WHERE id = ?').get(request.noteId) as { flds: string } | undefined;
    const front = note?.flds ? logFront(splitFields(note.flds)[0]) : 'Unknown';
    const transition = `${cardState(card.type, card.queue, card.ivl)} → ${cardState(next.type, next.queue, next.ivl)}`;
    log.info(`User ${request.userId} (${request.username}) reviewed card ${request.cardId} ("${front}") ease=${request.easeText}: ${transition}`);
    db.prepare('UPDATE col SET mod = ?').run(Date.now());
    hooks.beforeCommit?.();
    db.exec('COMMIT');
    return { kind: 'answered' };
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
