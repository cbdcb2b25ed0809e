/**
 * Cards and decks the history deleted: a card absent because its user deleted it (or its
 * deck) is not lost.
 */
import type { Operation } from '../../helpers/history/operation.ts';
import type { AddGroup } from './add-groups.ts';

export interface Removals {
  markers: Set<string>;
  /** `username/cardId` of deleted cards. */
  cards: Set<string>;
  /** Deck deletions per username, with the time the delete was sent. */
  decks: Map<string, { deckId: string; sentAt: number }[]>;
}

/** Deletes that may have taken effect (ok or indeterminate). */
export function collectRemovals(history: readonly Operation[]): Removals {
  const removals: Removals = { markers: new Set(), cards: new Set(), decks: new Map() };
  for (const op of history) {
    if (op.outcome === 'fail') continue;
    if (op.op === 'delete_card') {
      if (op.intent?.marker) removals.markers.add(op.intent.marker);
      if (op.intent?.cardId !== undefined) removals.cards.add(`${op.username}/${op.intent.cardId}`);
    } else if (op.op === 'delete_deck' && op.intent?.deckId !== undefined) {
      const list = removals.decks.get(op.username) ?? [];
      list.push({ deckId: String(op.intent.deckId), sentAt: op.sentAt });
      removals.decks.set(op.username, list);
    }
  }
  return removals;
}

/** Whether the history itself explains why the card of this add is gone. */
export function isRemoved(removals: Removals, group: AddGroup): boolean {
  if (removals.markers.has(group.marker)) return true;
  if (group.acknowledgedCardId !== undefined && removals.cards.has(`${group.owner}/${group.acknowledgedCardId}`)) return true;
  // Stryker disable next-line OptionalChaining: a group's primary send has an intent, its marker was read from it
  const deckId = group.primary.intent?.deckId;
  if (deckId === undefined) return false;
  // Stryker disable next-line ArrayDeclaration: a placeholder string in the empty list has no deckId, so it matches no deletion either
  return (removals.decks.get(group.owner) ?? []).some((deletion) => deletion.deckId === String(deckId) && deletion.sentAt >= group.primary.sentAt);
}
