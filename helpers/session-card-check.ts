/**
 * Where a session VU's acknowledged cards really are, read from its users' SQLite files:
 * each must sit in the database of the user it was added as, in the deck the VU chose.
 * A card filed under another deck is explained, when the history shows it, by another
 * session of the same user making that deck current between this session's own switch
 * and the add — the current deck is one value per user, shared by all of its sessions.
 */
import { readCollection, userDbPath, type CollectionCard, type UserCollection } from '../db/anki-collection.ts';
import { findDeckInterleaving, indexDeckSwitches } from '../db/judges/deck-interleaving.ts';
import { markerIdOf } from './markers.ts';
import type { Operation } from './operation.ts';
import type { PoolUser } from './run-dir.ts';
import { clockOf, finding, type SessionFinding } from './session-expectations.ts';

export interface PlacementInput {
  /** Folder holding `user_dbs/`. */
  dataDir: string;
  /** The users the VU played: where its cards may be. */
  users: readonly PoolUser[];
  /** The VU's own operations. */
  ops: readonly Operation[];
  /** The whole run's history so far, read only when a card is in the wrong deck. */
  history: () => readonly Operation[];
}

interface Location {
  user: PoolUser;
  collection: UserCollection;
  card: CollectionCard;
}

function deckLabel(collection: UserCollection, deckId: string | undefined): string {
  if (deckId === undefined) return 'an unknown deck';
  const name = collection.decks.get(String(deckId));
  return name === undefined ? `deck ${deckId}` : `deck ${deckId} (${name})`;
}

/** Every acknowledged add of `ops` whose card is not where the VU put it. */
export function cardPlacementFindings(input: PlacementInput): SessionFinding[] {
  const adds = input.ops.filter((op) => op.op === 'add_card' && op.outcome === 'ok' && op.intent?.marker !== undefined);
  if (adds.length === 0) return [];
  const collections = input.users.map((user) => ({ user, collection: readCollection(userDbPath(input.dataDir, user.userId)) }));
  const byMarker = new Map<string, Location[]>();
  for (const { user, collection } of collections) {
    for (const card of collection.cards) {
      const marker = markerIdOf(card.front, card.back);
      if (marker === null) continue;
      byMarker.set(marker, [...(byMarker.get(marker) ?? []), { user, collection, card }]);
    }
  }
  let switches: ReturnType<typeof indexDeckSwitches> | undefined;
  const found: SessionFinding[] = [];
  for (const add of adds) {
    const marker = add.intent!.marker!;
    const locations = byMarker.get(marker) ?? [];
    const own = locations.filter((l) => l.user.username === add.username);
    if (own.length === 0) {
      const elsewhere = locations.map((l) => `${l.user.username}'s database user_${l.user.userId}.db`);
      found.push(
        finding(
          add,
          elsewhere.length > 0
            ? `acknowledged card ${marker} of ${add.username} landed in ${elsewhere.join(', ')}`
            : `acknowledged card ${marker} is in none of the databases of ${input.users.map((u) => u.username).join(', ')}`,
        ),
      );
      continue;
    }
    const chosen = add.intent!.deckId;
    const misfiled = own.find((l) => chosen !== undefined && l.card.deckId !== String(chosen));
    if (!misfiled) continue;
    switches ??= indexDeckSwitches(input.history());
    found.push(finding(add, `card ${marker} (id ${misfiled.card.cardId}) landed in ${deckLabel(misfiled.collection, misfiled.card.deckId)}, not in ${deckLabel(misfiled.collection, chosen)} it chose — ${interleavingText(switches, add, misfiled.card.deckId)}`));
  }
  return found;
}

function interleavingText(switches: ReturnType<typeof indexDeckSwitches>, add: Operation, actualDeckId: string): string {
  const other = findDeckInterleaving(switches, add, actualDeckId);
  const ownSwitch = (switches.get(add.username) ?? []).filter((op) => op.vu === add.vu && op.returnedAt <= add.sentAt).at(-1);
  const since = ownSwitch ? `after this session's own switch ${ownSwitch.id} to deck ${ownSwitch.intent?.deckId} at ${clockOf(ownSwitch.sentAt)}` : 'and this session never switched decks itself';
  if (!other) return `no other session of ${add.username} made that deck current ${since}: the server filed the card under another deck`;
  return `${other.vu}'s session (cookie ${other.cookieFingerprint ?? '(none)'}) of the same user made deck ${other.intent?.deckId} current with ${other.id} at ${clockOf(other.sentAt)} (answered ${clockOf(other.returnedAt)}), ${since}, before this add was answered at ${clockOf(add.returnedAt)}: the current deck is one per user, shared by all of its sessions`;
}
