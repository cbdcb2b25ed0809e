/**
 * Rows of the notes and cards tables as the real server writes them:
 * flds = front 0x1f back, sfld = front, csum = low 32 bits of SHA-1(front),
 * a 10-character guid, usn -1, and a new card (type 0, queue 0, due = note id).
 */
import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { CardQueue, CardType } from './schema.ts';

export const FIELD_SEPARATOR = '\x1f';

/** The real server keeps the low 32 bits of the hex digest (not Anki's first 8 digits). */
export function noteChecksum(front: string): number {
  const hex = createHash('sha1').update(front, 'utf8').digest('hex');
  return Number.parseInt(hex.slice(-8), 16);
}

export function shortGuid(): string {
  return randomUUID().slice(0, 10);
}

export function joinFields(front: string, back: string): string {
  return `${front}${FIELD_SEPARATOR}${back}`;
}

/** [front, back] of a stored `flds` value; a missing back reads as "". */
export function splitFields(flds: string): [string, string] {
  const parts = flds.split(FIELD_SEPARATOR);
  return [parts[0] ?? '', parts[1] ?? ''];
}

export interface NewNote {
  id: number;
  modelId: number;
  modSeconds: number;
  tags: string;
  front: string;
  back: string;
}

export function insertNote(db: Database.Database, note: NewNote): void {
  db.prepare('INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    note.id,
    shortGuid(),
    note.modelId,
    note.modSeconds,
    -1,
    note.tags,
    joinFields(note.front, note.back),
    note.front,
    noteChecksum(note.front),
    0,
    '',
  );
}

export interface NewCard {
  id: number;
  noteId: number;
  /** A number, or the text conf.curDeck held (SQLite's integer affinity converts it). */
  deckId: number | string;
  modSeconds: number;
}

export function insertNewCard(db: Database.Database, card: NewCard): void {
  db.prepare(
    'INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(card.id, card.noteId, card.deckId, 0, card.modSeconds, -1, CardType.New, CardQueue.New, card.noteId, 0, 2500, 0, 0, 0, 0, 0, 0, '');
}
