/**
 * For each fault that must end in a violation: when a reported violation is the report of
 * one FAULT line (its evidence names the same card, owner, database, deck or request), and
 * when a FAULT line must have been reported at all (the client was told the request
 * succeeded — a fault on a request that failed anyway leaves nothing wrong behind).
 */
import type { Violation, ViolationClass } from '../../../db/verdict.ts';
import type { Operation } from '../../../helpers/history/operation.ts';
import { numberField, type FaultEvent } from './fault-events.ts';
import { opInFlight, pathOnly, violationInFlight } from './ops-in-flight.ts';

export interface FaultMatcher {
  expectedClass: ViolationClass;
  /** The violation reports this FAULT line: same request, and the evidence points at the right card and user. */
  explains(violation: Violation, event: FaultEvent, ops: OpLookup): boolean;
  /** The FAULT line must appear in the verdict. */
  mustReport(event: FaultEvent, ops: OpLookup): boolean;
  /**
   * A violation that is a consequence of an explained one rather than a fault of its own
   * (counted apart, so a row can say how many reports one fault produced).
   */
  followsFrom?(violation: Violation, explained: readonly Violation[], ops: OpLookup): boolean;
}

export interface OpLookup {
  all: readonly Operation[];
  byId: ReadonlyMap<string, Operation>;
}

export function opLookup(ops: readonly Operation[]): OpLookup {
  return { all: ops, byId: new Map(ops.map((op) => [op.id, op])) };
}

/** The add_card the FAULT line happened in was acknowledged (or cannot be found: then it must be reported, to be safe). */
function addAcknowledged(event: FaultEvent, ops: OpLookup): boolean {
  const op = opInFlight(ops.all, { userId: numberField(event, 'user'), at: event.at, kinds: ['add_card'] });
  return op === null || op.outcome === 'ok';
}

const onCard = (violation: Violation): boolean => typeof violation.marker === 'string' && violation.marker.length > 0;
const ownerIs = (violation: Violation, event: FaultEvent): boolean => violation.expectedUserId === numberField(event, 'user');

const misrouted: FaultMatcher = {
  expectedClass: 'misrouted',
  explains: (v, e) =>
    onCard(v) &&
    ownerIs(v, e) &&
    v.expectedUser === e.fields.username &&
    v.marker!.startsWith(`${e.fields.username}_`) &&
    (v.actual ?? []).some((a) => a.userId === numberField(e, 'wrote_to') && a.username === e.fields.wrote_to_username) &&
    violationInFlight(v, e.at),
  mustReport: addAcknowledged,
};

const lost: FaultMatcher = {
  expectedClass: 'lost',
  explains: (v, e) => onCard(v) && ownerIs(v, e) && v.cardId === numberField(e, 'card') && (v.actual ?? []).length === 0 && violationInFlight(v, e.at),
  mustReport: addAcknowledged,
};

const phantom: FaultMatcher = {
  expectedClass: 'phantom',
  explains: (v, e) => onCard(v) && ownerIs(v, e) && (v.actual ?? []).some((a) => a.userId === numberField(e, 'user') && a.cardId === numberField(e, 'card')) && violationInFlight(v, e.at),
  // The answer is always the 500: the client was told it failed, and the card is there.
  mustReport: () => true,
};

const duplicate: FaultMatcher = {
  expectedClass: 'duplicate',
  explains: (v, e) => {
    const ids = new Set((v.actual ?? []).filter((a) => a.userId === numberField(e, 'user')).map((a) => a.cardId));
    return onCard(v) && ownerIs(v, e) && ids.has(numberField(e, 'card')) && ids.has(numberField(e, 'copy')) && violationInFlight(v, e.at);
  },
  mustReport: addAcknowledged,
};

const wrongDeck: FaultMatcher = {
  expectedClass: 'wrong-deck',
  explains: (v, e) =>
    onCard(v) &&
    ownerIs(v, e) &&
    v.expectedDeck === e.fields.intended_deck &&
    (v.actual ?? []).some((a) => a.userId === numberField(e, 'user') && a.deckId === e.fields.actual_deck) &&
    violationInFlight(v, e.at),
  mustReport: addAcknowledged,
};

const contentMismatch: FaultMatcher = {
  expectedClass: 'content-mismatch',
  explains: (v, e) =>
    onCard(v) && ownerIs(v, e) && (v.actual ?? []).some((a) => a.userId === numberField(e, 'user') && a.front === e.fields.stored && a.front !== e.fields.sent) && violationInFlight(v, e.at),
  mustReport: addAcknowledged,
};

const reviewMismatch: FaultMatcher = {
  expectedClass: 'review-mismatch',
  // The shown card is the violation's card; the card the revlog got instead is named in its sentence.
  explains: (v, e) => ownerIs(v, e) && v.cardId === numberField(e, 'shown_card') && v.message.includes(`card ${e.fields.answered_card}`) && violationInFlight(v, e.at),
  mustReport: (e, ops) => {
    const op = opInFlight(ops.all, { userId: numberField(e, 'user'), at: e.at, kinds: ['answer'] });
    return op === null || op.outcome === 'ok';
  },
};

const sessionMismatch: FaultMatcher = {
  expectedClass: 'session-mismatch',
  explains: (v, e, ops) => {
    const op = ops.byId.get(v.opIds[0] ?? '');
    if (!op) return false;
    return (
      op.status === 401 &&
      op.userId === numberField(e, 'user') &&
      op.method === e.fields.method &&
      pathOnly(op.path) === e.fields.path &&
      v.vu === op.vu &&
      v.message.includes(`${op.method} ${op.path}`) &&
      violationInFlight(v, e.at)
    );
  },
  // A forgotten session is always a 401 to a client that was logged in.
  mustReport: () => true,
  // The client does not know its session is gone: its next requests on the same cookie are 401 too.
  followsFrom: (v, explained, ops) => {
    const op = ops.byId.get(v.opIds[0] ?? '');
    if (!op || op.status !== 401) return false;
    return explained.some((first) => {
      const firstOp = ops.byId.get(first.opIds[0] ?? '');
      return firstOp !== undefined && firstOp.vu === op.vu && firstOp.cookieFingerprint === op.cookieFingerprint && firstOp.sentAt < op.sentAt;
    });
  },
};

export const FAULT_MATCHERS = {
  'session-mixup': misrouted,
  'lost-write': lost,
  'error-after-commit': phantom,
  'duplicate-insert': duplicate,
  'wrong-deck': wrongDeck,
  'alter-content': contentMismatch,
  'answer-other-card': reviewMismatch,
  'forget-session': sessionMismatch,
} as const satisfies Record<string, FaultMatcher>;

export type ClassFault = keyof typeof FAULT_MATCHERS;
