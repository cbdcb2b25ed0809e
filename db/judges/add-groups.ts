/**
 * The history's adds grouped by card marker: every send of one marker (normally one,
 * more when a client re-sent it) with what the VU meant and what the server answered.
 */
import { markerIdOf, parseFront } from '../../helpers/history/markers.ts';
import type { Operation } from '../../helpers/history/operation.ts';

export interface CardContent {
  front: string;
  back: string;
}

export interface AddGroup {
  marker: string;
  /** Username the marker names (the user whose database must hold the card). */
  owner: string;
  vu: string;
  /** Every add_card with this marker, by send time. */
  ops: Operation[];
  /** The op quoted in evidence: the acknowledged one, else an indeterminate one, else the first. */
  primary: Operation;
  acknowledged: boolean;
  /** No send was acknowledged and at least one got no definite answer. */
  indeterminate: boolean;
  acknowledgedOp?: Operation;
  /** `card_id` of the acknowledged response, when it carried one. */
  acknowledgedCardId?: number;
  /** Front/back pairs the stored card may hold: as added, or as later updated. */
  acceptableContents: CardContent[];
}

/** Marker of an add: the intent names it; else it is read from the sent front/back. */
export function markerOfAdd(op: Operation): string | null {
  if (op.intent?.marker) return op.intent.marker;
  // Stryker disable next-line StringLiteral: a missing back stands for a back without [MARKER:] tag, and any text without one leaves the front to decide
  if (op.intent?.front !== undefined) return markerIdOf(op.intent.front, op.intent.back ?? '');
  return null;
}

/**
 * Group the adds of a history by marker, with the updates that may have changed them since.
 * One map, each marker inserted once: at a million adds an insertion into a map that size
 * costs about as much as all the rest done for the add, so the sends gather in their group
 * as they come and the group is completed once all are in.
 */
export function collectAdds(history: readonly Operation[]): Map<string, AddGroup> {
  const groups = new Map<string, AddGroup>();
  for (const op of history) {
    if (op.op !== 'add_card') continue;
    const marker = markerOfAdd(op);
    if (marker === null) continue;
    const group = groups.get(marker);
    if (group) group.ops.push(op);
    else groups.set(marker, openGroup(marker, op));
  }
  for (const group of groups.values()) completeGroup(group);
  addUpdates(history, groups);
  return groups;
}

/** A group holding its marker's first send; what it concludes is set by `completeGroup`. */
function openGroup(marker: string, op: Operation): AddGroup {
  // Stryker disable next-line BooleanLiteral: completeGroup sets acknowledged and indeterminate of every group before anything reads them
  return { marker, owner: op.username, vu: op.vu, ops: [op], primary: op, acknowledged: false, indeterminate: false, acceptableContents: [] };
}

/** Settle a group once every send of its marker is in it: its primary send, owner and acceptable contents. */
function completeGroup(group: AddGroup): void {
  const ops = group.ops;
  ops.sort((a, b) => a.sentAt - b.sentAt);
  const acknowledgedOp = ops.find((op) => op.outcome === 'ok');
  const infoOp = ops.find((op) => op.outcome === 'info');
  const primary = acknowledgedOp ?? infoOp ?? ops[0]!;
  group.owner = (primary.intent?.front !== undefined ? parseFront(primary.intent.front)?.username : undefined) ?? primary.username;
  group.vu = primary.vu;
  group.primary = primary;
  group.acknowledged = acknowledgedOp !== undefined;
  group.indeterminate = acknowledgedOp === undefined && infoOp !== undefined;
  if (acknowledgedOp) {
    group.acknowledgedOp = acknowledgedOp;
    const cardId = cardIdOf(acknowledgedOp.body);
    if (cardId !== undefined) group.acknowledgedCardId = cardId;
  }
  // Filtered and mapped, not pushed one by one: a list grown by push keeps room for 17, and a
  // million groups each keeping one content would hold twice the memory the contents need.
  // Stryker disable next-line OptionalChaining: every send of a group has an intent, its marker was read from it
  group.acceptableContents = ops.filter((op) => op.intent?.front !== undefined && op.intent.back !== undefined).map((op) => ({ front: op.intent!.front!, back: op.intent!.back! }));
}

/** An update that may have taken effect (ok or indeterminate) makes its content acceptable too. */
function addUpdates(history: readonly Operation[], groups: Map<string, AddGroup>): void {
  const updates = history.filter((op) => op.op === 'update_card' && op.outcome !== 'fail');
  if (updates.length === 0) return;
  const byCardId = new Map<string, AddGroup>();
  for (const group of groups.values()) {
    if (group.acknowledgedCardId !== undefined) byCardId.set(`${group.owner}/${group.acknowledgedCardId}`, group);
  }
  for (const op of updates) {
    const { front, back, marker, cardId } = op.intent ?? {};
    if (front === undefined || back === undefined) continue;
    const group = (marker ? groups.get(marker) : undefined) ?? (cardId !== undefined ? byCardId.get(`${op.username}/${cardId}`) : undefined);
    group?.acceptableContents.push({ front, back });
  }
}

/** `card_id` of an add_card response body. */
export function cardIdOf(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null || !('card_id' in body)) return undefined;
  const id = body.card_id;
  return typeof id === 'number' ? id : undefined;
}
