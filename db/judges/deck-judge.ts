/**
 * Decks the server acknowledged and then lost: a POST /decks answered 201 whose deck is not
 * in its user's collection when the audit reads it, and that the history never deleted.
 * The server keeps a user's decks as one JSON value (`col.decks`): it reads the list, adds
 * the deck and writes the whole list back, outside a transaction, so another request of the
 * same user that writes the list meanwhile (another device creating, deleting or renaming a
 * deck) can put back a list without it. Deck ids come from the clock in milliseconds, so two
 * creations in the same millisecond get one id and the later replaces the earlier under it: the
 * id is there, with the other deck's name. The cause names the request when the history holds it.
 */
import type { Operation } from '../../helpers/history/operation.ts';
import type { Cause, Violation } from '../verdict.ts';
import type { UserDatabase } from '../database-index.ts';
import { evidenceFor, isUnreadable, userIdOf, type AuditContext, type Findings } from '../audit-context.ts';
import { clockText, deckText, quoted } from '../evidence-text.ts';
import { collectRemovals } from './removals.ts';
import { actedAfterGivingUp } from '../effect-window.ts';
import type { LateEffect } from '../late-effects.ts';

/** Requests that write a user's whole deck list back. */
const DECK_LIST_WRITES: ReadonlySet<Operation['op']> = new Set(['create_deck', 'delete_deck', 'rename_deck']);

const VERB: Partial<Record<Operation['op'], string>> = { create_deck: 'created', delete_deck: 'deleted', rename_deck: 'renamed' };

/** The id and name of the deck an acknowledged POST /decks answered with; null for anything else. */
export function createdDeck(op: Operation): { id: string; name: string | null } | null {
  if (op.op !== 'create_deck' || op.outcome !== 'ok') return null;
  const body = op.body;
  if (typeof body !== 'object' || body === null || !('id' in body)) return null;
  const id = body.id;
  if (typeof id !== 'string' && typeof id !== 'number') return null;
  const name = 'name' in body && typeof body.name === 'string' ? body.name : (op.intent?.deckName ?? null);
  return { id: String(id), name };
}

/** An acknowledged POST /decks whose deck its user's database does not hold. */
export interface LostDeck {
  op: Operation;
  deck: { id: string; name: string | null };
  ownerId: number;
  /** The user's database as the audit read it. */
  db: UserDatabase;
  /** The name the database holds under the deck's id, when another deck took its place. */
  replacedBy: string | null;
}

/** Acknowledged creations whose deck is not in the (readable) user database and that the history never deleted. */
export function lostDecks(context: AuditContext): LostDeck[] {
  const removals = collectRemovals(context.history);
  const lost: LostDeck[] = [];
  for (const op of context.history) {
    const deck = createdDeck(op);
    if (!deck) continue;
    const ownerId = userIdOf(context, op.username, op);
    if (ownerId === undefined || isUnreadable(context, ownerId)) continue;
    const db = context.index.databases.get(ownerId);
    if (!db) continue;
    const held = db.decks.get(deck.id);
    if (held !== undefined && (held === deck.name || deck.name === null || isRenamed(context.history, op.username, deck.id))) continue;
    // Stryker disable next-line ArrayDeclaration: a stand-in for a user without deletions has no deckId, so it never matches the deck and `some` stays false
    const deleted = (removals.decks.get(op.username) ?? []).some((d) => d.deckId === deck.id && d.sentAt >= op.sentAt);
    if (!deleted) lost.push({ op, deck, ownerId, db, replacedBy: held ?? null });
  }
  return lost;
}

export function judgeDecks(context: AuditContext): Findings {
  const violations = lostDecks(context).map(({ op, deck, ownerId, db, replacedBy }): Violation => ({
    class: 'lost-deck',
    message: `${capitalized(deckText(deck.id, deck.name))}, created by ${op.vu} at ${clockText(op.sentAt)} (${op.id}, answered ${op.status}), is not in ${db.dbFile} (${op.username})${replacedBy === null ? '' : `: its id holds deck ${quoted(replacedBy)}`} — the server acknowledged the deck and then lost it.`,
    vu: op.vu,
    expectedUser: op.username,
    expectedUserId: ownerId,
    expectedDeck: deck.id,
    ...(deck.name ? { expectedDeckName: deck.name } : {}),
    actual: [],
    opIds: [op.id],
    sentAt: op.sentAt,
    returnedAt: op.returnedAt,
    ...evidenceFor(context, [op], [ownerId]),
    cause: replacedBy === null ? lostDeckCause(context, op, db) : sameIdCause(context, op, deck.id, replacedBy),
  }));
  return { violations, observations: [], lateEffects: lateCreations(context) };
}

/**
 * POST /decks the client gave up on whose deck its user's database holds, with an id (epoch ms
 * of the server's clock) after the client gave up: created late, an observation.
 */
function lateCreations(context: AuditContext): LateEffect[] {
  const late: LateEffect[] = [];
  for (const op of context.history) {
    const name = op.intent?.deckName;
    if (op.op !== 'create_deck' || op.outcome !== 'info' || name === undefined) continue;
    const ownerId = userIdOf(context, op.username, op);
    const db = ownerId === undefined ? undefined : context.index.databases.get(ownerId);
    if (!db) continue;
    const made = [...db.decks].find(([id, held]) => held === name && actedAfterGivingUp(op, Number(id), context.clock.toleranceMs));
    if (made) late.push({ op, at: Number(made[0]), what: `${deckText(made[0], name)} in ${db.dbFile}` });
  }
  return late;
}

/**
 * Another request of the same user that wrote the deck list while this one was in flight.
 * One whose own deck survived is preferred: its list is the one that was kept.
 */
function lostDeckCause(context: AuditContext, lostOp: Operation, db: UserDatabase): Cause {
  const overlapping = context.history.filter(
    (o) => o.id !== lostOp.id && o.username === lostOp.username && DECK_LIST_WRITES.has(o.op) && o.outcome !== 'fail' && o.sentAt <= lostOp.returnedAt && o.returnedAt >= lostOp.sentAt,
  );
  if (overlapping.length === 0) {
    return {
      kind: 'unknown',
      missing: `another request of ${lostOp.username} writing the deck list while ${lostOp.id} was in flight (the history holds none; a write from outside the run, or a server that drops decks on its own)`,
    };
  }
  const survived = (o: Operation) => {
    const deck = createdDeck(o);
    return deck !== null && db.decks.has(deck.id);
  };
  const other = overlapping.find(survived) ?? overlapping[0]!;
  const what = `${VERB[other.op]} ${deckText(createdDeck(other)?.id ?? other.intent?.deckId, other.intent?.deckName)}`;
  return {
    kind: 'deck-list-overwritten',
    text: `${requester(other, lostOp)} ${what} in a request sent at ${clockText(other.sentAt)} and answered at ${clockText(other.returnedAt)} (${other.id}), while ${lostOp.id} was in flight — the server reads the user's whole deck list and writes it back, so the list that request wrote did not hold this deck`,
    opIds: overlapping.map((o) => o.id),
  };
}

/** Another acknowledged creation of the same user answered with the same id: the deck now under it. */
function sameIdCause(context: AuditContext, lostOp: Operation, deckId: string, heldName: string): Cause {
  const others = context.history.filter((o) => o.id !== lostOp.id && o.username === lostOp.username && createdDeck(o)?.id === deckId);
  // Stryker disable next-line OptionalChaining: `others` holds only operations createdDeck answers for (their id matched), so it is never null here
  const other = others.find((o) => createdDeck(o)?.name === heldName) ?? others[0];
  if (!other) return { kind: 'unknown', missing: `the request that created deck ${quoted(heldName)} under id ${deckId} (the history holds none)` };
  return {
    kind: 'deck-id-collision',
    text: `${requester(other, lostOp)} created deck ${quoted(createdDeck(other)?.name ?? heldName)} with the same id ${deckId} (${other.id}, sent at ${clockText(other.sentAt)}) — the server takes deck ids from the clock in milliseconds, so two creations in one millisecond share an id and the later replaced this deck under it`,
    opIds: others.map((o) => o.id),
  };
}

/** A rename of the deck that may have taken effect: its name in the database is then the new one. */
function isRenamed(history: readonly Operation[], username: string, deckId: string): boolean {
  return history.some((o) => o.op === 'rename_deck' && o.username === username && String(o.intent?.deckId) === deckId && o.outcome !== 'fail');
}

/** `d01b (same user anna1x0)`, or just the VU when it is the lost deck's own. */
function requester(other: Operation, lostOp: Operation): string {
  return other.vu === lostOp.vu ? other.vu : `${other.vu} (same user ${lostOp.username})`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
