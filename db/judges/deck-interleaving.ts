/**
 * The current deck is one value per user, shared by all of that user's sessions
 * (`conf.curDeck`). When another session of the same user switched it while an add was in
 * flight, a card landing in that other deck is the server doing what it was told.
 */
import type { Operation } from '../../helpers/history/operation.ts';
import { effectEnd } from '../effect-window.ts';

/** Deck switches that may have taken effect (ok or indeterminate), per username, by send time. */
export type DeckSwitches = Map<string, Operation[]>;

/** Index the history's deck switches once per audit. */
export function indexDeckSwitches(history: readonly Operation[]): DeckSwitches {
  const byUser: DeckSwitches = new Map();
  for (const op of history) {
    if (op.op !== 'set_current_deck' || op.outcome === 'fail' || op.intent?.deckId === undefined) continue;
    const list = byUser.get(op.username) ?? [];
    list.push(op);
    byUser.set(op.username, list);
  }
  for (const list of byUser.values()) list.sort((a, b) => a.sentAt - b.sentAt);
  return byUser;
}

/** Whether `op` was sent by the adding VU's own session (its VU id and its cookie). */
function isOwnSession(add: Operation, op: Operation): boolean {
  return op.vu === add.vu && op.cookieFingerprint === add.cookieFingerprint;
}

/** The adding VU's own last switch that returned before the add was sent. */
export function ownLastSwitch(switches: DeckSwitches, add: Operation): Operation | undefined {
  // Stryker disable next-line ArrayDeclaration: a stand-in for a user without switches has no vu, so it is never the adding VU's own switch and is dropped like the empty list
  return (switches.get(add.username) ?? []).filter((op) => isOwnSession(add, op) && op.returnedAt <= add.sentAt).at(-1);
}

/**
 * Other sessions' switches that may have acted between the VU's own last switch being sent and
 * the add returning: sent before the add returned, and not finished before `since` (a switch the
 * client gave up on may act any time after it was sent: it never finished).
 */
export function otherSwitchesDuring(switches: DeckSwitches, add: Operation, since: number): Operation[] {
  // Stryker disable next-line ArrayDeclaration: a stand-in for a user without switches has no sentAt, so `undefined <= returnedAt` drops it like the empty list
  return (switches.get(add.username) ?? []).filter((op) => !isOwnSession(add, op) && op.sentAt <= add.returnedAt && effectEnd(op) >= since);
}

/** Another session's switch to `actualDeckId` that overlaps the add (otherSwitchesDuring). */
export function findDeckInterleaving(switches: DeckSwitches, add: Operation, actualDeckId: string): Operation | null {
  const ownLast = ownLastSwitch(switches, add);
  const candidates = otherSwitchesDuring(switches, add, ownLast?.sentAt ?? Number.NEGATIVE_INFINITY).filter((op) => String(op.intent!.deckId) === actualDeckId);
  // The switch that took effect is the last one sent (the index keeps each user's switches in
  // send order): when one was sent after the VU's own switch returned, it is later than any
  // earlier overlapping one, which the VU's own switch may have overridden.
  return candidates.at(-1) ?? null;
}

/**
 * The adding VU's own earlier switch to `actualDeckId` that the client gave up on: served late,
 * after the VU's later switch, it moved the current deck under the add. The server did what an
 * abandoned request told it; null when the VU switched to that deck and heard back.
 */
export function ownLateSwitch(switches: DeckSwitches, add: Operation, actualDeckId: string): Operation | null {
  const mine = switches.get(add.username) ?? [];
  return mine.filter((op) => isOwnSession(add, op) && op.outcome === 'info' && String(op.intent!.deckId) === actualDeckId && op.sentAt <= add.returnedAt).at(-1) ?? null;
}
