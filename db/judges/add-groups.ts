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
  if (op.intent?.front !== undefined) return markerIdOf(op.intent.front, op.intent.back ?? '');
  return null;
}

/** Group the adds of a history by marker, with the updates that may have changed them since. */
export function collectAdds(history: readonly Operation[]): Map<string, AddGroup> {
  const byMarker = new Map<string, Operation[]>();
  for (const op of history) {
    if (op.op !== 'add_card') continue;
    const marker = markerOfAdd(op);
    if (marker === null) continue;
    const ops = byMarker.get(marker);
    if (ops) ops.push(op);
    else byMarker.set(marker, [op]);
  }

  const groups = new Map<string, AddGroup>();
  for (const [marker, ops] of byMarker) {
    ops.sort((a, b) => a.sentAt - b.sentAt);
    const acknowledgedOp = ops.find((op) => op.outcome === 'ok');
    const infoOp = ops.find((op) => op.outcome === 'info');
    const primary = acknowledgedOp ?? infoOp ?? ops[0]!;
    const group: AddGroup = {
      marker,
      owner: (primary.intent?.front !== undefined ? parseFront(primary.intent.front)?.username : undefined) ?? primary.username,
      vu: primary.vu,
      ops,
      primary,
      acknowledged: acknowledgedOp !== undefined,
      indeterminate: acknowledgedOp === undefined && infoOp !== undefined,
      acceptableContents: [],
    };
    if (acknowledgedOp) {
      group.acknowledgedOp = acknowledgedOp;
      const cardId = cardIdOf(acknowledgedOp.body);
      if (cardId !== undefined) group.acknowledgedCardId = cardId;
    }
    for (const op of ops) {
      if (op.intent?.front !== undefined && op.intent.back !== undefined) {
        group.acceptableContents.push({ front: op.intent.front, back: op.intent.back });
      }
    }
    groups.set(marker, group);
  }
  addUpdates(history, groups);
  return groups;
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
