/**
 * Where every card went: misrouted, lost, phantom, duplicate, content-mismatch, wrong-deck,
 * and the fate of indeterminate adds. Ownership is the marker's; card ids prove nothing
 * (the real server hands equal ids to different users in the same second).
 */
import { ownerOfMarkerId, parseFront } from '../../helpers/history/markers.ts';
import type { Operation } from '../../helpers/history/operation.ts';
import type { CardLocation, Observation, Violation } from '../verdict.ts';
import { isOwnersDatabase } from '../database-index.ts';
import { evidenceFor, isUnreadable, userIdOf, type AuditContext, type Findings } from '../audit-context.ts';
import { clockText, dbText, deckText, locationsText, locationText, quoted, responseText } from '../evidence-text.ts';
import { collectAdds, type AddGroup, type CardContent } from './add-groups.ts';
import { findDeckInterleaving, indexDeckSwitches, ownLateSwitch, type DeckSwitches } from './deck-interleaving.ts';
import { collectRemovals, isRemoved, type Removals } from './removals.ts';
import { contentCause, duplicateCause, lostCause, misroutedCause, phantomCause, writerOf, wrongDeckCause } from './card-causes.ts';

/** What happened to one marker the history sent, for the per-writer reconciliation. */
export interface MarkerFate {
  marker: string;
  vu: string;
  owner: string;
  state: 'acknowledged' | 'failed' | 'indeterminate';
  inOwnDb: boolean;
  explainedBy: 'lost' | 'misrouted' | 'phantom' | 'indeterminate-landed' | 'unjudged' | 'deleted' | null;
}

export interface CardFindings extends Findings {
  fates: MarkerFate[];
}

/** Judge every add of the history and every marked card of the databases. */
export function judgeCards(context: AuditContext): CardFindings {
  const adds = collectAdds(context.history);
  const removals = collectRemovals(context.history);
  const switches = indexDeckSwitches(context.history);
  const findings: CardFindings = { violations: [], observations: [], fates: [], lateEffects: [] };

  for (const [marker, locations] of context.index.byMarker) {
    const group = adds.get(marker);
    const owner = ownerOf(marker, locations, group);
    judgeMisrouted(context, findings, marker, owner, locations, group);
    if (locations.length > 1) findings.violations.push(duplicate(context, marker, owner, locations, group));
  }

  for (const group of adds.values()) {
    const locations = context.index.byMarker.get(group.marker) ?? [];
    const own = ownLocations(context, locations, group.owner);
    findings.fates.push(judgeAdd(context, findings, group, locations, own, removals));
    if (own.length > 0) {
      judgeContent(context, findings, group, own);
      judgeDeck(context, findings, group, own, switches);
    }
  }
  return findings;
}

function judgeAdd(context: AuditContext, findings: CardFindings, group: AddGroup, locations: CardLocation[], own: CardLocation[], removals: Removals): MarkerFate {
  const state = group.acknowledged ? 'acknowledged' : group.indeterminate ? 'indeterminate' : 'failed';
  const fate: MarkerFate = { marker: group.marker, vu: group.vu, owner: group.owner, state, inOwnDb: own.length > 0, explainedBy: null };
  const ownerId = userIdOf(context, group.owner, group.primary);

  if (locations.length === 0) {
    if (isRemoved(removals, group)) {
      fate.explainedBy = 'deleted';
    } else if (isUnreadable(context, ownerId)) {
      fate.explainedBy = 'unjudged';
    } else if (state === 'acknowledged') {
      findings.violations.push(lost(context, group, ownerId));
      fate.explainedBy = 'lost';
    } else if (state === 'indeterminate') {
      findings.observations.push(indeterminate(context, group, ownerId, []));
    }
    return fate;
  }

  if (state === 'failed') {
    findings.violations.push(phantom(context, group, ownerId, locations));
    if (own.length > 0) fate.explainedBy = 'phantom';
  } else if (state === 'indeterminate') {
    findings.observations.push(indeterminate(context, group, ownerId, locations));
    if (own.length > 0) fate.explainedBy = 'indeterminate-landed';
  } else if (own.length === 0) {
    fate.explainedBy = 'misrouted';
  }
  return fate;
}

function judgeMisrouted(context: AuditContext, findings: Findings, marker: string, owner: string, locations: CardLocation[], group: AddGroup | undefined): void {
  if (ownLocations(context, locations, owner) === locations) return;
  const foreign = locations.filter((location) => !isOwnLocation(context, location, owner));
  const ownCopies = locations.length - foreign.length;
  const ownerId = userIdOf(context, owner, group?.primary);
  const where = foreign.map(dbText).join(' and ');
  const alsoOwn = ownCopies > 0 ? ` (and ${ownCopies} cop${ownCopies === 1 ? 'y' : 'ies'} in its owner's database)` : '';
  const op = group?.primary;
  // Stryker disable next-line OptionalChaining: a group exists only for an add whose intent named its marker or front, so its primary has an intent
  const who = op ? `added by ${op.vu} to ${deckText(op.intent?.deckId, op.intent?.deckName)} at ${clockText(op.sentAt)}` : `of ${owner}, not in this run's history,`;
  const writer = writerOf(context, group, foreign[0]!);
  findings.violations.push({
    class: 'misrouted',
    message: `Card ${marker} (id ${foreign[0]!.cardId}) ${who} is in ${where}${alsoOwn} — the server wrote it into another user's database.`,
    marker,
    cardId: foreign[0]!.cardId,
    ...ownerFields(owner, ownerId, group),
    actual: locations,
    ...opFields(group),
    ...evidenceFor(
      context,
      group?.ops ?? [],
      [ownerId, ...foreign.map((location) => location.userId)],
      foreign.map((location) => location.cardId),
    ),
    cause: misroutedCause(context, group, foreign[0]!, writer),
    ...(writer ? { writtenBy: writer, workerPid: writer.pid } : {}),
  });
}

function duplicate(context: AuditContext, marker: string, owner: string, locations: CardLocation[], group: AddGroup | undefined): Violation {
  const op = group?.primary;
  const sent = group ? ` though ${op!.vu} sent it ${group.ops.length === 1 ? 'once' : `${group.ops.length} times`} (first at ${clockText(op!.sentAt)})` : '';
  const ownerId = userIdOf(context, owner, op);
  return {
    class: 'duplicate',
    message: `Card ${marker} is stored ${locations.length} times (${locationsText(locations)})${sent} — one add produced several cards.`,
    marker,
    cardId: locations[0]!.cardId,
    ...ownerFields(owner, ownerId, group),
    actual: locations,
    ...opFields(group),
    ...evidenceFor(
      context,
      group?.ops ?? [],
      [ownerId, ...locations.map((location) => location.userId)],
      locations.map((location) => location.cardId),
    ),
    cause: duplicateCause(group, locations),
    ...writtenByField(context, group, locations[0]!),
  };
}

function lost(context: AuditContext, group: AddGroup, ownerId: number | undefined): Violation {
  const op = group.acknowledgedOp!;
  const cardId = group.acknowledgedCardId;
  const ack = `${responseText(op)}${cardId !== undefined ? `, card id ${cardId}` : ''}`;
  const { cause, writtenBy } = lostCause(context, group, ownerId);
  return {
    class: 'lost',
    // Stryker disable next-line OptionalChaining: the acknowledged send of a group has an intent, its marker was read from it
    message: `Card ${group.marker} added by ${op.vu} to ${deckText(op.intent?.deckId, op.intent?.deckName)} at ${clockText(op.sentAt)} was acknowledged (${ack}) but is in no database — the server lost an acknowledged write.`,
    marker: group.marker,
    ...(cardId !== undefined ? { cardId } : {}),
    ...ownerFields(group.owner, ownerId, group),
    actual: [],
    ...opFields(group),
    ...evidenceFor(context, group.ops, [ownerId], [cardId]),
    cause,
    ...(writtenBy ? { writtenBy, workerPid: writtenBy.pid } : {}),
  };
}

function phantom(context: AuditContext, group: AddGroup, ownerId: number | undefined, locations: CardLocation[]): Violation {
  const op = group.primary;
  const writer = writerOf(context, group, locations[0]!);
  return {
    class: 'phantom',
    message: `Card ${group.marker}: ${op.vu}'s add at ${clockText(op.sentAt)} was refused (${responseText(op)}) yet the card exists in ${locationsText(locations)} — the user was told it failed, so a retry will duplicate it.`,
    marker: group.marker,
    cardId: locations[0]!.cardId,
    ...ownerFields(group.owner, ownerId, group),
    actual: locations,
    ...opFields(group),
    ...evidenceFor(
      context,
      group.ops,
      [ownerId, ...locations.map((location) => location.userId)],
      locations.map((location) => location.cardId),
    ),
    cause: phantomCause(context, group, ownerId, locations[0]!, writer),
    ...(writer ? { writtenBy: writer, workerPid: writer.pid } : {}),
  };
}

function indeterminate(context: AuditContext, group: AddGroup, ownerId: number | undefined, locations: CardLocation[]): Observation {
  const op = group.primary;
  const landed = locations.length > 0;
  const evidence = evidenceFor(
    context,
    group.ops,
    [ownerId, ...locations.map((location) => location.userId)],
    locations.map((location) => location.cardId),
  );
  return {
    kind: landed ? 'indeterminate-landed' : 'indeterminate-not-landed',
    message: `Card ${group.marker}: ${op.vu}'s add at ${clockText(op.sentAt)} got no definite answer (${responseText(op)}) and ${landed ? `did land in ${locationsText(locations)}` : 'is in no database'}.`,
    evidence: {
      marker: group.marker,
      vu: op.vu,
      expectedUser: group.owner,
      // Stryker disable next-line OptionalChaining: a group exists only for an add whose intent named its marker or front, so its primary has an intent
      expectedDeck: op.intent?.deckId,
      opIds: group.ops.map((add) => add.id),
      sentAt: op.sentAt,
      returnedAt: op.returnedAt,
      actual: locations,
      ...evidence,
    },
  };
}

function judgeContent(context: AuditContext, findings: Findings, group: AddGroup, own: CardLocation[]): void {
  const expected = group.acceptableContents;
  if (expected.length === 0) return;
  // Checked before filtering: nearly every card holds what was sent, and its judgement should
  // not allocate a list of none.
  if (own.every((location) => holdsSent(expected, location))) return;
  const wrong = own.filter((location) => !holdsSent(expected, location));
  const op = group.primary;
  const sent = expected[0]!;
  const location = wrong[0]!;
  const differs = [
    location.front !== sent.front ? `front ${quoted(location.front)} (sent ${quoted(sent.front)})` : null,
    location.back !== sent.back ? `back ${quoted(location.back)} (sent ${quoted(sent.back)})` : null,
  ].filter((part) => part !== null);
  const ownerId = userIdOf(context, group.owner, op);
  findings.violations.push({
    class: 'content-mismatch',
    message: `Card ${group.marker} (id ${location.cardId}) added by ${op.vu} at ${clockText(op.sentAt)} is in the right database, ${dbText(location)}, but holds ${differs.join(' and ')} — the server stored different content than was sent.`,
    marker: group.marker,
    cardId: location.cardId,
    ...ownerFields(group.owner, ownerId, group),
    actual: wrong,
    ...opFields(group),
    ...evidenceFor(context, group.ops, [ownerId], [location.cardId]),
    cause: contentCause(context, group, location),
    ...writtenByField(context, group, location),
  });
}

/** Whether a stored card holds one of the contents its add (or a later update) sent. */
function holdsSent(expected: readonly CardContent[], location: CardLocation): boolean {
  return expected.some((c) => c.front === location.front && c.back === location.back);
}

function judgeDeck(context: AuditContext, findings: Findings, group: AddGroup, own: CardLocation[], switches: DeckSwitches): void {
  const op = group.acknowledgedOp ?? group.primary;
  // Stryker disable next-line OptionalChaining: every send of a group has an intent, its marker was read from it
  const expectedDeck = op.intent?.deckId;
  if (expectedDeck === undefined) return;
  const deckId = String(expectedDeck);
  if (own.every((location) => location.deckId === deckId)) return;
  const wrong = own.filter((location) => location.deckId !== deckId);
  const location = wrong[0]!;
  const ownerId = userIdOf(context, group.owner, op);
  // Another session of the same user switching the current deck between this session's own
  // switch and the add is the real server's shared per-user state at work: still a card that
  // is not where its writer put it, so still wrong-deck, with the interleaving as its cause.
  const interleaving = findDeckInterleaving(switches, op, location.deckId);
  // Only the VU's own switch that it gave up on, served late, explains the deck: the server did
  // what that request asked, so it is an observation.
  const late = interleaving ? null : ownLateSwitch(switches, op, location.deckId);
  if (late) {
    findings.lateEffects!.push({ op: late, at: null, what: `card ${group.marker} filed under ${deckText(location.deckId, location.deckName)}, the deck ${late.id} switched to` });
    return;
  }
  const fields = opFields(group);
  findings.violations.push({
    class: 'wrong-deck',
    // Stryker disable next-line OptionalChaining: judgeDeck has returned above unless op.intent names a deck, so the intent is there
    message: `Card ${group.marker} (id ${location.cardId}) added by ${op.vu} to ${deckText(expectedDeck, op.intent?.deckName)} at ${clockText(op.sentAt)} sits in ${locationText(location)} — the card is not in the deck its writer made current.`,
    marker: group.marker,
    cardId: location.cardId,
    ...ownerFields(group.owner, ownerId, group),
    actual: wrong,
    ...fields,
    ...(interleaving ? { opIds: [...fields.opIds, interleaving.id], interleavedBy: interleaving.id } : {}),
    ...evidenceFor(context, group.ops, [ownerId], [location.cardId]),
    cause: wrongDeckCause(switches, op, interleaving, location),
    ...writtenByField(context, group, location),
  });
}

/** The request that wrote the card, when the server's diagnostic lines name it: its pid is the worker's, whatever lines are near. */
function writtenByField(context: AuditContext, group: AddGroup | undefined, location: CardLocation): Partial<Violation> {
  const writer = writerOf(context, group, location);
  return writer ? { writtenBy: writer, workerPid: writer.pid } : {};
}

/**
 * The username a marker names: the history's add says it (its sent front, else its sender), as
 * the card's fate reads it; a card this run never sent: its stored front; else the id's prefix.
 * A stored front naming someone else does not move the card to them — the server keeps the
 * front it was sent, so a different one is the server's doing, not the owner's.
 */
function ownerOf(marker: string, locations: CardLocation[], group: AddGroup | undefined): string {
  if (group) return group.owner;
  for (const location of locations) {
    const parsed = parseFront(location.front);
    if (parsed) return parsed.username;
  }
  return ownerOfMarkerId(marker);
}

function isOwnLocation(context: AuditContext, location: CardLocation, owner: string): boolean {
  return isOwnersDatabase(context.index, location, owner);
}

/**
 * The locations in the owner's database: `locations` itself when all are (nearly every card
 * sits alone in its own file, and a million of them should not each copy their list), else a
 * new list of those that are. Neither is modified by the judges.
 */
function ownLocations(context: AuditContext, locations: CardLocation[], owner: string): CardLocation[] {
  if (locations.every((location) => isOwnLocation(context, location, owner))) return locations;
  return locations.filter((location) => isOwnLocation(context, location, owner));
}

function ownerFields(owner: string, ownerId: number | undefined, group: AddGroup | undefined): Partial<Violation> {
  const op = group?.acknowledgedOp ?? group?.primary;
  const fields: Partial<Violation> = { expectedUser: owner };
  if (ownerId !== undefined) fields.expectedUserId = ownerId;
  if (op?.intent?.deckId !== undefined) fields.expectedDeck = String(op.intent.deckId);
  if (op?.intent?.deckName !== undefined) fields.expectedDeckName = op.intent.deckName;
  return fields;
}

function opFields(group: AddGroup | undefined): Pick<Violation, 'opIds'> & Partial<Violation> {
  if (!group) return { opIds: [] };
  const op: Operation = group.acknowledgedOp ?? group.primary;
  return { vu: op.vu, opIds: group.ops.map((add) => add.id), sentAt: op.sentAt, returnedAt: op.returnedAt };
}
