/**
 * The review judge's last rules, pinned: a user admin.db does not list is judged under the id the
 * history learned for her; a revlog row no answer explains takes its log evidence (and worker)
 * from around its own time only; and the cause of an answer recorded on a card that a GET /review
 * the client gave up on made current names that request, what the client got, and the log line.
 */
import { test, expect } from '@playwright/test';
import { CAROL, SAMPLE_CARD, T0, causeWorld, judgeWorld, userOf } from './support/cause-world.ts';
import { auditOf } from './support/checker-scenario.ts';
import { writeAdminDb, writeDataDir } from './support/anki-fixture.ts';
import { historyBuilder } from './support/history-builder.ts';
import { missingRowCause } from '../../db/judges/review-causes.ts';
import { indexLog } from '../../db/log-match.ts';
import { parseServerLog } from '../../db/server-log.ts';
import type { AuditContext } from '../../db/audit-context.ts';
import type { ClockOffset } from '../../db/clock-offset.ts';
import type { DatabaseIndex } from '../../db/database-index.ts';
import type { RevlogRow } from '../../db/anki-collection.ts';

test('judging a run where everything was recorded right, the review, session and deck judges add no observation of their own', () => {
  // The world's one observation is the id collision of its whole-second card ids; judges that add
  // nothing must not add a placeholder either (toStrictEqual: an undefined kind is not nothing).
  const verdict = judgeWorld(causeWorld());
  expect(verdict.violations).toStrictEqual([]);
  expect(verdict.observations.map((o) => o.kind)).toStrictEqual(['id-collision']);
});

test('a user admin.db does not list is still judged, under the user id the history learned at login', () => {
  const world = causeWorld();
  // carol03 answers card +4 and the server keeps no row of it.
  const lost = world.h.answer(CAROL, SAMPLE_CARD + 4, 3, T0 + 7000);
  writeDataDir(world.dir, world.users);
  // admin.db read before carol03 registered (user_3.db is there all the same).
  writeAdminDb(
    world.dir,
    world.users.filter((u) => u.userId !== 3),
  );
  const verdict = auditOf(world.dir, world.h.ops);
  const mismatches = verdict.violations.filter((v) => v.class === 'review-mismatch');
  expect(mismatches.map((v) => [v.opIds, v.expectedUserId])).toEqual([[[lost.id], 3]]);
});

test('a revlog row no answer explains names the server worker only from log lines of its user near the row, not from lines far from it', () => {
  const strayRow = (name: string, lineAt: number) => {
    const world = causeWorld(name);
    userOf(world.users, 3).revlog!.push({ id: T0 + 7500, cardId: SAMPLE_CARD + 5, ease: 2 });
    const verdict = judgeWorld(world, [{ at: lineAt, pid: 9, message: 'User 3 (carol03) listed decks' }]);
    const stray = verdict.violations.filter((v) => v.class === 'review-mismatch');
    expect(stray.map((v) => v.opIds)).toEqual([[]]);
    return stray[0]!;
  };
  // A line of carol03 five and a half seconds before the row: outside the 2 s window around it.
  const far = strayRow('far', T0 + 2000);
  expect(far.logLines).toEqual([]);
  expect(far).not.toHaveProperty('workerPid');
  // The same line a second before the row is its evidence, and names its worker.
  const near = strayRow('near', T0 + 6500);
  expect(near.logLines).toEqual([expect.stringContaining('User 3 (carol03) listed decks')]);
  expect(near.workerPid).toBe(9);
});

test('an answer recorded on the card an abandoned GET /review made current: the cause names that request, the answer the client got, and the line showing it served', () => {
  const recorded = SAMPLE_CARD + 2;
  const h = historyBuilder();
  const abandoned = h.op(CAROL, 'get_review', { at: T0 + 6500, path: '/review', status: null, outcome: 'info', body: null, error: 'timeout' });
  const answer = h.answer(CAROL, SAMPLE_CARD + 4, 3, T0 + 7000);
  const served = `${new Date(T0 + 6900).toISOString()} INFO app pid=7 : User 3 (carol03) Found review card ${recorded} (queue=2)`;
  const context: AuditContext = {
    index: { userIdByUsername: new Map([['carol03', 3]]), unreadable: [] } as unknown as DatabaseIndex,
    history: h.ops,
    log: indexLog(parseServerLog(served)),
    clockToleranceMs: 0,
    clock: { agree: true, toleranceMs: 0 } as ClockOffset,
    sessionFiles: null,
  };
  const instead = { id: T0 + 7010, cardId: recorded, ease: 3 } as RevlogRow;
  // The review judge turns this cause into an applied-late observation of the GET /review; the
  // cause is what missingRowCause answers for it.
  expect(missingRowCause(context, 3, answer, SAMPLE_CARD + 4, instead)).toEqual({
    kind: 'card-made-current-by',
    text: `card ${recorded} was made current by ${abandoned.id}, a GET /review of the same session the client had given up on (no response (timeout)) and the server still served`,
    opIds: [abandoned.id],
    logLines: [served],
    clientGaveUp: true,
  });
});
