/**
 * Where a session VU's acknowledged cards really are, read from its users' SQLite files:
 * each must sit in the database of the user it was added as, in the deck the VU chose.
 * A card filed under another deck is explained, when the history shows it, by another
 * session of the same user making that deck current between this session's own switch
 * and the add — the current deck is one value per user, shared by all of its sessions.
 */
import { listUserDbFiles, readCollection, userDbPath, type CollectionCard, type UserCollection } from '../../checker/anki-collection.ts';
import { indexDeckSwitches, type DeckSwitches } from '../../checker/judges/deck-interleaving.ts';
import { markerIdOf } from '../../history/markers.ts';
import type { Operation } from '../../history/operation.ts';
import type { PoolUser } from '../../run/run-dir.ts';
import { clockOf, finding, type SessionFinding } from './expectations.ts';

export interface PlacementInput {
  /** Folder holding `user_dbs/`. */
  dataDir: string;
  /** The users the VU played: where its cards must be. */
  users: readonly PoolUser[];
  /** Every user of the run, to name the owner of another database a card strayed into. */
  pool: readonly PoolUser[];
  /** The VU's own operations. */
  ops: readonly Operation[];
  /** The whole run's history so far, read only when a card is in the wrong deck. */
  history: () => readonly Operation[];
}

interface Location {
  /** The username the database belongs to, or `user <id>` when the pool does not know it. */
  username: string;
  userId: number;
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
  const byMarker = new Map<string, Location[]>();
  const index = (userId: number, collection: UserCollection): void => {
    const username = input.pool.find((u) => u.userId === userId)?.username ?? `user ${userId}`;
    for (const card of collection.cards) {
      const marker = markerIdOf(card.front, card.back);
      if (marker !== null) byMarker.set(marker, [...(byMarker.get(marker) ?? []), { username, userId, collection, card }]);
    }
  };
  const own = new Set(input.users.map((u) => u.userId));
  for (const user of input.users) index(user.userId, readCollection(userDbPath(input.dataDir, user.userId)));
  // Only when a card is missing from the VU's own databases are the others read, to say where it went.
  if (adds.some((add) => !byMarker.has(add.intent!.marker!))) {
    for (const db of listUserDbFiles(input.dataDir)) if (!own.has(db.userId)) index(db.userId, readCollection(db.file));
  }
  let switches: DeckSwitches | undefined;
  const found: SessionFinding[] = [];
  for (const add of adds) {
    const marker = add.intent!.marker!;
    const locations = byMarker.get(marker) ?? [];
    const inOwnDb = locations.filter((l) => l.username === add.username);
    if (inOwnDb.length === 0) {
      const elsewhere = locations.map((l) => `${l.username}'s database user_${l.userId}.db`);
      found.push(
        elsewhere.length > 0
          ? finding(add, `acknowledged card ${marker} of ${add.username} landed in ${elsewhere.join(', ')}`, 'misrouted')
          : finding(add, `acknowledged card ${marker} of ${add.username} is in no database`, 'lost'),
      );
      continue;
    }
    const chosen = add.intent!.deckId;
    const misfiled = inOwnDb.find((l) => chosen !== undefined && l.card.deckId !== String(chosen));
    if (!misfiled) continue;
    switches ??= indexDeckSwitches(input.history());
    found.push(
      finding(
        add,
        `card ${marker} (id ${misfiled.card.cardId}) landed in ${deckLabel(misfiled.collection, misfiled.card.deckId)}, not in ${deckLabel(misfiled.collection, chosen)} it chose — ${interleavingText(switches, add, misfiled.card.deckId)}`,
        'wrong-deck',
      ),
    );
  }
  return found;
}

/**
 * The other sessions' switches to `actualDeckId` that may have decided where the add went:
 * sent before the add was answered, and answered after this session's own last switch was
 * sent (the same window the checker uses), oldest first.
 */
function interleavedSwitches(switches: DeckSwitches, add: Operation, actualDeckId: string, ownSwitch: Operation | undefined): Operation[] {
  const since = ownSwitch?.sentAt ?? Number.NEGATIVE_INFINITY;
  const isOwn = (op: Operation) => op.vu === add.vu && op.cookieFingerprint === add.cookieFingerprint;
  return (switches.get(add.username) ?? []).filter((op) => !isOwn(op) && String(op.intent?.deckId) === actualDeckId && op.sentAt <= add.returnedAt && op.returnedAt >= since);
}

function interleavingText(switches: DeckSwitches, add: Operation, actualDeckId: string): string {
  const ownSwitch = (switches.get(add.username) ?? []).filter((op) => op.vu === add.vu && op.returnedAt <= add.sentAt).at(-1);
  const others = interleavedSwitches(switches, add, actualDeckId, ownSwitch);
  const since = ownSwitch ? `after this session's own switch ${ownSwitch.id} to deck ${ownSwitch.intent?.deckId} at ${clockOf(ownSwitch.sentAt)}` : 'and this session never switched decks itself';
  if (others.length === 0) return `no other session of ${add.username} made that deck current ${since}: the server filed the card under another deck`;
  const list = others.map((op) => `${op.id} at ${clockOf(op.sentAt)} (answered ${clockOf(op.returnedAt)}, cookie ${op.cookieFingerprint ?? '(none)'})`).join(', ');
  return `another session of the same user made deck ${actualDeckId} current ${since} and before this add was answered at ${clockOf(add.returnedAt)}: ${list} — the current deck is one per user, shared by all of its sessions`;
}
