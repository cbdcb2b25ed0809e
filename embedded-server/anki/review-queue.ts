/**
 * Which card GET /review shows, in the real server's order: learning cards (queue 1 or 3)
 * due by now (epoch s), then review cards (queue 2) due by today's day number
 * ((now − crt) // 86400), then a random new card unless 20 new cards were answered today
 * (revlog rows of type 0 since the day started).
 */
import type Database from 'better-sqlite3';

export const DAILY_NEW_LIMIT = 20;

export interface QueuedCard {
  id: number;
  nid: number;
  queue: number;
  flds: string;
  due?: number;
  ivl?: number;
}

type DeckParam = number | string;

export function dayNumber(crtSeconds: number, nowSeconds: number): number {
  return Math.floor((nowSeconds - crtSeconds) / 86400);
}

export function newCardsAnsweredToday(db: Database.Database, crtSeconds: number, day: number): number {
  const dayStartMs = (crtSeconds + day * 86400) * 1000;
  const row = db.prepare('SELECT COUNT(*) AS n FROM revlog WHERE id >= ? AND type = 0').get(dayStartMs) as { n: number };
  return row.n;
}

export function dueLearningCard(db: Database.Database, deckId: DeckParam, nowSeconds: number): QueuedCard | undefined {
  return db
    .prepare('SELECT c.id, c.nid, c.queue, n.flds FROM cards c JOIN notes n ON c.nid = n.id WHERE c.did = ? AND (c.queue = 1 OR c.queue = 3) AND c.due <= ? ORDER BY c.due LIMIT 1')
    .get(deckId, nowSeconds) as QueuedCard | undefined;
}

export function dueReviewCard(db: Database.Database, deckId: DeckParam, day: number): QueuedCard | undefined {
  return db
    .prepare('SELECT c.id, c.nid, c.queue, n.flds, c.due, c.ivl FROM cards c JOIN notes n ON c.nid = n.id WHERE c.did = ? AND c.queue = 2 AND c.due <= ? ORDER BY c.due LIMIT 1')
    .get(deckId, day) as QueuedCard | undefined;
}

export function randomNewCard(db: Database.Database, deckId: DeckParam): QueuedCard | undefined {
  return db.prepare('SELECT c.id, c.nid, c.queue, n.flds FROM cards c JOIN notes n ON c.nid = n.id WHERE c.did = ? AND c.queue = 0 ORDER BY RANDOM() LIMIT 1').get(deckId) as QueuedCard | undefined;
}

/** Cards of the deck in queues 0..3 (what the "nothing due" message distinguishes on). */
export function activeCardCount(db: Database.Database, deckId: DeckParam): number {
  const row = db.prepare('SELECT COUNT(*) AS n FROM cards WHERE did = ? AND queue >= 0 AND queue <= 3').get(deckId) as { n: number };
  return row.n;
}
