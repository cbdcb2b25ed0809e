/**
 * The history's adds grouped by marker (db/judges/add-groups.ts) and the card ids shared across
 * databases (db/judges/collision-observer.ts): each rule of a group's owner, primary send,
 * acceptable contents and acknowledged card id, and which shared ids are observed and how.
 */
import { test, expect } from '@playwright/test';
import type { Operation } from '../../helpers/history/operation.ts';
import { aliceAdd } from './support/alice-add.ts';
import { buildCard } from '../../helpers/history/markers.ts';
import type { AuditContext } from '../../db/audit-context.ts';
import type { CardIdHolder, DatabaseIndex } from '../../db/database-index.ts';
import { cardIdOf, collectAdds, markerOfAdd } from '../../db/judges/add-groups.ts';
import { observeCollisions } from '../../db/judges/collision-observer.ts';

const T = Date.UTC(2026, 10, 27, 1, 0, 0);
const C = 1_795_743_700_001;
const CARD = buildCard({ username: 'alice01', seq: '7', timeMs: T, topic: 'x' }, 'Q', 'A');

const op = (over: Partial<Operation> = {}): Operation => aliceAdd(T, C, { marker: CARD.id, front: CARD.front, back: CARD.back }, over);
const update = (over: Partial<Operation>) => op({ id: 'w01#9', op: 'update_card', path: '/update_card', sentAt: T + 1000, returnedAt: T + 1020, status: 200, body: {}, ...over });

test.describe('add groups', () => {
  test("an add's marker is its intent's; else read from the front and back it sent; else it has none", () => {
    expect(markerOfAdd(op())).toBe(CARD.id);
    expect(markerOfAdd(op({ intent: { front: CARD.front, back: CARD.back } }))).toBe(CARD.id);
    // The front alone names the marker when no back was sent.
    expect(markerOfAdd(op({ intent: { front: CARD.front } }))).toBe(CARD.id);
    expect(markerOfAdd(op({ intent: { marker: '', front: CARD.front, back: CARD.back } }))).toBe(CARD.id);
    expect(markerOfAdd(op({ intent: { back: CARD.back } }))).toBeNull();
    expect(markerOfAdd(op({ intent: undefined }))).toBeNull();
  });

  test('adds without a marker and other requests are not grouped', () => {
    const groups = collectAdds([op({ intent: undefined }), op({ op: 'answer', intent: { marker: 'bob02_1' } })]);
    expect([...groups.keys()]).toEqual([]);
  });

  test("a group's sends are ordered by send time; its primary is the acknowledged send, else the indeterminate one, else the first", () => {
    const late = op({ id: 'w01#8', sentAt: T + 500, returnedAt: T + 520 });
    const early = op({ id: 'w01#7', outcome: 'fail', status: 500, body: { error: 'x' } });
    const acked = collectAdds([late, early]).get(CARD.id)!;
    expect(acked.ops.map((o) => o.id)).toEqual(['w01#7', 'w01#8']);
    expect(acked).toMatchObject({ primary: late, acknowledgedOp: late, acknowledged: true, indeterminate: false, acknowledgedCardId: C });
    const info = op({ id: 'w01#8', sentAt: T + 500, outcome: 'info', status: null, body: null });
    const open = collectAdds([info, early]).get(CARD.id)!;
    expect(open).toMatchObject({ primary: info, acknowledged: false, indeterminate: true });
    expect(open.acknowledgedOp).toBeUndefined();
    const failed = collectAdds([op({ id: 'w01#8', sentAt: T + 500, outcome: 'fail', status: 500, body: {} }), early]).get(CARD.id)!;
    expect(failed).toMatchObject({ primary: early, acknowledged: false, indeterminate: false });
  });

  test("a group's owner is the user its front names, else the sender; its VU is its primary's", () => {
    const bobs = buildCard({ username: 'bob02', seq: '7', timeMs: T, topic: 'x' }, 'Q', 'A');
    expect(collectAdds([op({ vu: 'w09', intent: { marker: 'm1', front: bobs.front, back: bobs.back } })]).get('m1')).toMatchObject({ owner: 'bob02', vu: 'w09' });
    expect(collectAdds([op({ intent: { marker: 'm1', front: 'no marker here', back: 'b' } })]).get('m1')!.owner).toBe('alice01');
    expect(collectAdds([op({ intent: { marker: 'm1' } })]).get('m1')!.owner).toBe('alice01');
  });

  test('an acknowledgement without a numeric card id leaves the group without one', () => {
    expect(collectAdds([op({ body: { card_id: '12' } })]).get(CARD.id)!.acknowledgedCardId).toBeUndefined();
    expect(Object.keys(collectAdds([op({ body: {} })]).get(CARD.id)!)).not.toContain('acknowledgedCardId');
    expect(cardIdOf(null)).toBeUndefined();
    expect(cardIdOf('card_id')).toBeUndefined();
    expect(cardIdOf({ card_id: 5 })).toBe(5);
  });

  test('acceptable contents: every send with both a front and a back, then every update that may have taken effect', () => {
    const noBack = op({ id: 'w01#6', sentAt: T - 100, intent: { marker: CARD.id, front: 'F0' } });
    const noFront = op({ id: 'w01#5', sentAt: T - 200, intent: { marker: CARD.id, back: 'B0' } });
    const byMarker = update({ intent: { marker: CARD.id, front: 'F1', back: 'B1' } });
    const byCardId = update({ id: 'w01#10', intent: { cardId: C, front: 'F2', back: 'B2' } });
    const indeterminate = update({ id: 'w01#11', outcome: 'info', status: null, body: null, intent: { marker: CARD.id, front: 'F3', back: 'B3' } });
    const refusedUpdate = update({ id: 'w01#12', outcome: 'fail', status: 400, body: {}, intent: { marker: CARD.id, front: 'F4', back: 'B4' } });
    const otherUser = update({ id: 'b#1', username: 'bob02', intent: { cardId: C, front: 'F5', back: 'B5' } });
    const halfUpdate = update({ id: 'w01#13', intent: { marker: CARD.id, front: 'F6' } });
    const backOnlyUpdate = update({ id: 'w01#14', intent: { marker: CARD.id, back: 'B7' } });
    const noIntent = update({ id: 'w01#15', intent: undefined });
    const otherMarker = update({ id: 'w01#16', intent: { marker: 'other_1', front: 'F8', back: 'B8' } });
    const history = [noBack, noFront, op(), byMarker, byCardId, indeterminate, refusedUpdate, otherUser, halfUpdate, backOnlyUpdate, noIntent, otherMarker];
    expect(collectAdds(history).get(CARD.id)!.acceptableContents).toEqual([
      { front: CARD.front, back: CARD.back },
      { front: 'F1', back: 'B1' },
      { front: 'F2', back: 'B2' },
      { front: 'F3', back: 'B3' },
    ]);
  });

  test('an update by card id reaches only a group whose acknowledgement carried that id', () => {
    const unacked = op({ outcome: 'info', status: null, body: null });
    expect(collectAdds([unacked, update({ intent: { cardId: C, front: 'F2', back: 'B2' } })]).get(CARD.id)!.acceptableContents).toEqual([{ front: CARD.front, back: CARD.back }]);
    const other = op({ id: 'w01#3', intent: { marker: 'alice01_3', front: 'f', back: 'b' }, body: { card_id: C + 5 } });
    const groups = collectAdds([other, op(), update({ intent: { cardId: C + 5, front: 'F2', back: 'B2' } })]);
    expect(groups.get(CARD.id)!.acceptableContents).toEqual([{ front: CARD.front, back: CARD.back }]);
    expect(groups.get('alice01_3')!.acceptableContents).toEqual([
      { front: 'f', back: 'b' },
      { front: 'F2', back: 'B2' },
    ]);
  });
});

test.describe('card ids shared across databases', () => {
  function contextOf(shared: [number, CardIdHolder[]][], history: Operation[] = [op()]): AuditContext {
    return { index: { sharedCardIds: new Map(shared) } as unknown as DatabaseIndex, history, log: null, clockToleranceMs: 0, clock: {} as AuditContext['clock'], sessionFiles: null };
  }
  const holder = (userId: number, marker: string | null): CardIdHolder => ({ userId, dbFile: `user_${userId}.db`, marker });

  test("an id shared by marked cards is observed only when one of them is this run's", () => {
    expect(observeCollisions(contextOf([[C, [holder(1, 'old_1'), holder(2, 'old_2')]]]))).toEqual([]);
    // A marker named only by a request that is no add is not this run's card.
    expect(observeCollisions(contextOf([[C, [holder(1, 'old_1'), holder(2, 'old_2')]]], [op({ op: 'update_card', intent: { marker: 'old_1' } })]))).toEqual([]);
    const holders = [holder(1, CARD.id), holder(2, 'old_2')];
    expect(observeCollisions(contextOf([[C, holders]]))).toEqual([
      {
        kind: 'id-collision',
        message: `Card id ${C} is used in user_1.db (${CARD.id}) and user_2.db (old_2) — ids come from the clock in whole seconds, so this is a collision across files, not contamination.`,
        evidence: { cardId: C, holders },
      },
    ]);
  });

  test('an id shared by a marked and an unmarked card is listed with the unmarked one named so', () => {
    const holders = [holder(1, 'old_1'), holder(2, null)];
    expect(observeCollisions(contextOf([[C, holders]])).map((o) => o.message)).toEqual([
      `Card id ${C} is used in user_1.db (old_1) and user_2.db (unmarked card) — ids come from the clock in whole seconds, so this is a collision across files, not contamination.`,
    ]);
  });

  test('ids shared only by unmarked cards are summed in one observation, with their files and first ids', () => {
    const shared: [number, CardIdHolder[]][] = [1, 2, 3, 4, 5, 6].map((i) => [C + i, [holder(1, null), holder(2 + (i % 2), null)]]);
    expect(observeCollisions(contextOf(shared))).toEqual([
      {
        kind: 'id-collision',
        message: '6 ids of unmarked cards (the sample deck) are shared by 3 databases — users registered in the same second get the same sample-card ids.',
        evidence: { count: 6, files: ['user_1.db', 'user_3.db', 'user_2.db'], firstCardIds: [C + 1, C + 2, C + 3, C + 4, C + 5] },
      },
    ]);
  });

  test('a hundred marked ids are listed one by one, the rest summed', () => {
    const ids = (n: number): [number, CardIdHolder[]][] => Array.from({ length: n }, (_, i) => [C + i, [holder(1, CARD.id), holder(2, null)]]);
    expect(observeCollisions(contextOf(ids(100)))).toHaveLength(100);
    const over = observeCollisions(contextOf(ids(102)));
    expect(over).toHaveLength(101);
    expect(over[100]).toEqual({ kind: 'id-collision', message: '2 more card ids of marked cards are shared across databases (not listed one by one).', evidence: { count: 2 } });
  });
});
