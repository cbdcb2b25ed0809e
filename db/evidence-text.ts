/**
 * The small phrases every violation sentence is built from, so all of them name cards,
 * places and times the same way.
 */
import type { Operation } from '../helpers/history/operation.ts';
import type { Cause, CardLocation } from './verdict.ts';

export { clockText } from '../helpers/history/clock-text.ts';

/** `deck 1795743680526 (History)`, or just the id when the name is unknown. */
export function deckText(deckId: string | undefined, deckName: string | null | undefined): string {
  if (deckId === undefined) return 'its current deck';
  return deckName ? `deck ${deckId} (${deckName})` : `deck ${deckId}`;
}

/** `user_5.db (bob02)`. */
export function dbText(location: Pick<CardLocation, 'dbFile' | 'username'>): string {
  return location.username ? `${location.dbFile} (${location.username})` : location.dbFile;
}

/** `user_5.db (bob02) as id 1795743683001 in deck 1 (MyFirstDeck)`. */
export function locationText(location: CardLocation): string {
  return `${dbText(location)} as id ${location.cardId} in ${deckText(location.deckId, location.deckName)}`;
}

/** Several locations joined for one sentence. */
export function locationsText(locations: readonly CardLocation[]): string {
  return locations.map(locationText).join('; ');
}

/** `201` / `500 "Database error occurred while adding card"` / `no response (timeout)`. */
export function responseText(op: Operation): string {
  if (op.status === null) return `no response${op.error ? ` (${op.error})` : ''}`;
  const error = errorOf(op.body) ?? op.error;
  return error ? `${op.status} "${error}"` : String(op.status);
}

/** The `error` text of a server JSON error body, if that is what the body is. */
export function errorOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = body.error;
  return typeof error === 'string' ? error : undefined;
}

/** A value shortened for a sentence, quoted. */
export function quoted(text: string, max = 60): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);
}

/** The sentence a violation's message ends with: its cause, or what would have decided it. */
export function causeText(cause: Cause): string {
  if (cause.kind === 'unknown') return `Cause unknown — missing: ${cause.missing}.`;
  return `Cause (${cause.kind}): ${cause.text}.`;
}
