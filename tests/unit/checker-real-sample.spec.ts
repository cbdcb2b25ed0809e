/**
 * The checker against files the real JAVUMBO server wrote, with the history of what was
 * done there (the sample's README): the expected verdict is clean, with the id collision
 * and the whole-second 500 explained, and a false claim about the same files is caught.
 */
import { test, expect } from '@playwright/test';
import { audit } from '../../db/checker.ts';
import { REAL_SAMPLE_DIR, REAL_SAMPLE_LOG, realSampleHistory } from './support/real-sample.ts';

const judge = (history = realSampleHistory().ops) => audit({ runId: 'real-sample', history, dataDir: REAL_SAMPLE_DIR, serverLog: REAL_SAMPLE_LOG, source: 'live' });

test('the real sample is judged clean: alice01 4 cards in History, bob02 1, carol03 3 matching reviews', () => {
  const verdict = judge();
  expect(verdict.violations, verdict.violations.map((v) => v.message).join('\n')).toEqual([]);
  expect(verdict.ok).toBe(true);
  expect(verdict.usersJudged).toBe(3);
  expect(verdict.cardsRead).toBe(112 + 109 + 108);
  expect(verdict.reconciliation).toEqual([
    // The 2b add was refused with no card: counted as failed, not phantom.
    { vu: 'w01', username: 'alice01', acknowledgedAdds: 4, failedAdds: 1, indeterminateAdds: 0, cardsInOwnDb: 4, difference: 0, explainedBy: {} },
    { vu: 'w02', username: 'bob02', acknowledgedAdds: 1, failedAdds: 0, indeterminateAdds: 0, cardsInOwnDb: 1, difference: 0, explainedBy: {} },
  ]);
});

test('the real sample shows the id collision across files and a whole-second 500 explained by the log', () => {
  const verdict = judge();
  const collisions = verdict.observations.filter((o) => o.kind === 'id-collision');
  const marked = collisions.find((o) => o.evidence.cardId === 1_795_743_683_001);
  expect(marked?.message).toContain('user_1.db (alice01_3) and user_2.db (bob02_1)');
  // All three users registered within one second, so their sample decks share ids too.
  expect(collisions.some((o) => o.message.includes('ids of unmarked cards (the sample deck) are shared by 3 databases'))).toBe(true);
  expect(verdict.serverErrorCauses).toEqual({ 'id-collision': 1 });
  const cause = verdict.observations.find((o) => o.kind === 'server-error-cause')!;
  expect(cause.evidence.logLines).toEqual(['2026-11-27 01:41:22,057 ERROR app MainThread : Database error adding card for user 1: UNIQUE constraint failed: notes.id']);
});

test('a history claiming carol03 answered her second card Hard is caught as a review mismatch with log evidence', () => {
  const verdict = judge(realSampleHistory([3, 2, 4]).ops);
  expect(verdict.violations.map((v) => v.class)).toEqual(['review-mismatch']);
  const violation = verdict.violations[0]!;
  expect(violation.cardId).toBe(1_795_743_678_023);
  expect(violation.message).toContain('recorded card 1795743678023 with ease 1 instead — the answer was applied with another ease');
  expect(violation.logLines).toContain('2026-11-27 01:41:24,070 INFO app MainThread : User 3 (carol03) reviewed card 1795743678023 ("She has not (ha...") ease=1: New → Learning');
  expect(violation.workerPid).toBeUndefined();
});
