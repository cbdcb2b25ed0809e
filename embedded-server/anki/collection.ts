/**
 * Reading and writing the col row's JSON (current deck, decks) of an open user database.
 * The current deck lives here (`conf.curDeck`), so it is shared by every session of a user.
 */
import type Database from 'better-sqlite3';
import { pyStr, pythonJsonDumps, type JsonValue } from './python-json.ts';
import { FIRST_DECK_ID } from './schema.ts';

export type JsonObject = { [key: string]: JsonValue };

export interface Collection {
  crt: number;
  conf: JsonObject;
  models: JsonObject;
  decks: JsonObject;
  dconf: JsonObject;
}

interface ColRow {
  crt: number;
  conf: string;
  models: string;
  decks: string;
  dconf: string;
}

export function asObject(v: JsonValue | undefined): JsonObject | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

function parseObject(text: string): JsonObject {
  return asObject(JSON.parse(text) as JsonValue) ?? {};
}

/** The col row, or null when the collection has none (a broken or foreign file). */
export function readCollection(db: Database.Database): Collection | null {
  const row = db.prepare('SELECT crt, conf, models, decks, dconf FROM col LIMIT 1').get() as ColRow | undefined;
  if (!row) return null;
  return { crt: row.crt, conf: parseObject(row.conf), models: parseObject(row.models), decks: parseObject(row.decks), dconf: parseObject(row.dconf) };
}

/** `conf.get('curDeck', 1)`: a number after PUT /decks/current, whatever JSON holds otherwise. */
export function currentDeckId(conf: JsonObject): JsonValue {
  return conf.curDeck ?? FIRST_DECK_ID;
}

/** Key of a deck in the decks JSON, as Python's `str(id)` spells it. */
export function deckKey(id: JsonValue): string {
  return pyStr(id);
}

export function deckName(decks: JsonObject, id: JsonValue, fallback: string): string {
  const name = asObject(decks[deckKey(id)])?.name;
  return typeof name === 'string' ? name : fallback;
}

export function saveConf(db: Database.Database, conf: JsonObject, nowMs: number): void {
  db.prepare('UPDATE col SET conf = ?, mod = ?').run(pythonJsonDumps(conf), nowMs);
}

export function saveDecks(db: Database.Database, decks: JsonObject, nowMs: number): void {
  db.prepare('UPDATE col SET decks = ?, mod = ?').run(pythonJsonDumps(decks), nowMs);
}

export function touchCollection(db: Database.Database, nowMs: number): void {
  db.prepare('UPDATE col SET mod = ?').run(nowMs);
}
