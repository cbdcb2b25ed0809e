/**
 * The verdict on one screen (db/print-verdict.ts), each rule pinned in-process: the head line
 * for pass, fail and unknown, the singular and plural of the violation count, the cap on listed
 * violations, when the history, observation, reconciliation and server-error sections appear
 * and what they sum. The audit CLI and the run's teardown print this text; a person reads it.
 */
import { test, expect } from '@playwright/test';
import { printVerdict } from '../../db/print-verdict.ts';
import type { Observation, Verdict, Violation, WriterReconciliation } from '../../db/verdict.ts';
import { fakeVerdict } from './report-fake-run.ts';

const RUN = '20260101-000000-k7q';
/** fakeVerdict reads 30 users, 3420 cards and 2000 operations. */
const READ = '  read 30 user databases, 3420 cards, 2000 operations';
const ZERO_COUNTS = '  misrouted 0 · lost 0 · phantom 0 · duplicate 0 · content-mismatch 0 · wrong-deck 0 · lost-deck 0 · review-mismatch 0 · session-mismatch 0';

const lost = (n: number, workerPid?: number): Violation => ({
  class: 'lost',
  message: `Card w01_${n} is in no database.`,
  opIds: [`w01#${n}`],
  vu: 'w01',
  workerPid,
  cause: { kind: 'unknown', missing: 'a server log' },
});
const lostCards = (count: number): Violation[] => Array.from({ length: count }, (_, i) => lost(i + 1));
const screen = (verdict: Verdict): string[] => printVerdict(verdict).split('\n');

test('a clean verdict says PASS, what was read, and every class at zero — and no other section', () => {
  expect(screen(fakeVerdict())).toEqual([`Audit of run ${RUN} (live databases): PASS — no integrity violations`, READ, '', 'Violations by class:', ZERO_COUNTS]);
});

test('a verdict with nothing found but something unjudged says UNKNOWN, not PASS, and lists each reason', () => {
  const verdict = fakeVerdict([], { valid: 'unknown', ok: false, source: 'snapshots', unjudged: ['user_3.db cannot be read', 'the review judge failed'] });
  expect(screen(verdict).slice(0, 4)).toEqual([
    `Audit of run ${RUN} (snapshots databases): UNKNOWN — no integrity violation found, but not everything could be judged`,
    '  not judged: user_3.db cannot be read',
    '  not judged: the review judge failed',
    READ,
  ]);
});

test('a verdict saved before it had reasons for being unjudged prints no not-judged line', () => {
  const older = JSON.parse(JSON.stringify({ ...fakeVerdict(), unjudged: undefined })) as Verdict;
  expect(screen(older).slice(0, 2)).toEqual([`Audit of run ${RUN} (live databases): PASS — no integrity violations`, READ]);
});

test('one violation is "1 integrity violation", two are "violations", each listed with its class and counted', () => {
  expect(screen(fakeVerdict([lost(1)]))[0]).toBe(`Audit of run ${RUN} (live databases): FAIL — 1 integrity violation`);
  const two = screen(fakeVerdict([lost(1), lost(2)]));
  expect(two[0]).toBe(`Audit of run ${RUN} (live databases): FAIL — 2 integrity violations`);
  expect(two.slice(3)).toEqual([
    'Violations by class:',
    '  misrouted 0 · lost 2 · phantom 0 · duplicate 0 · content-mismatch 0 · wrong-deck 0 · lost-deck 0 · review-mismatch 0 · session-mismatch 0',
    '  - [lost] Card w01_1 is in no database.',
    '  - [lost] Card w01_2 is in no database.',
  ]);
});

test('a violation names the server worker that handled it only when the log told which', () => {
  const lines = screen(fakeVerdict([lost(1, 4121), lost(2)]));
  expect(lines).toContain('  - [lost] Card w01_1 is in no database. [worker pid 4121]');
  expect(lines).toContain('  - [lost] Card w01_2 is in no database.');
});

test('at most ten violations are listed; the rest are counted and sent to integrity_violations.json', () => {
  const twelve = screen(fakeVerdict(lostCards(12)));
  const listed = twelve.filter((line) => line.startsWith('  - [lost]'));
  expect(listed).toHaveLength(10);
  expect(listed.at(-1)).toBe('  - [lost] Card w01_10 is in no database.');
  expect(twelve.at(-1)).toBe('  … and 2 more (see integrity_violations.json)');
  // Eleven leave one over; exactly ten leave nothing to point at.
  expect(screen(fakeVerdict(lostCards(11))).at(-1)).toBe('  … and 1 more (see integrity_violations.json)');
  expect(screen(fakeVerdict(lostCards(10))).at(-1)).toBe('  - [lost] Card w01_10 is in no database.');
});

test('the history line appears only when lines of it were cut off or unreadable, naming both counts', () => {
  const withHistory = (truncatedLines: number, malformedLines: number): string[] => screen(fakeVerdict([], { history: { files: 4, truncatedLines, malformedLines } }));
  expect(withHistory(0, 0)).toEqual(screen(fakeVerdict()));
  expect(withHistory(1, 0)[2]).toBe('  history: 4 files, 1 truncated and 0 malformed lines skipped');
  expect(withHistory(0, 2)[2]).toBe('  history: 4 files, 0 truncated and 2 malformed lines skipped');
  expect(withHistory(3, 2)[2]).toBe('  history: 4 files, 3 truncated and 2 malformed lines skipped');
});

test('observations are grouped by kind in the order first seen, counted, and at most two of each quoted', () => {
  const seen = (kind: Observation['kind'], message: string): Observation => ({ kind, message, evidence: {} });
  const verdict = fakeVerdict([], {
    observations: [
      seen('indeterminate-landed', 'w01#3 timed out but its card landed.'),
      seen('id-collision', 'Two adds got card id 17.'),
      seen('indeterminate-landed', 'w02#5 timed out but its card landed.'),
      seen('indeterminate-landed', 'w03#8 timed out but its card landed.'),
    ],
  });
  expect(screen(verdict).slice(5)).toEqual([
    '',
    'Observations (not failures):',
    '  indeterminate-landed: 3',
    '    - w01#3 timed out but its card landed.',
    '    - w02#5 timed out but its card landed.',
    '  id-collision: 1',
    '    - Two adds got card id 17.',
  ]);
});

const writer = (vu: string, over: Partial<WriterReconciliation> = {}): WriterReconciliation => ({
  vu,
  username: `${vu}k7q`,
  acknowledgedAdds: 10,
  failedAdds: 0,
  indeterminateAdds: 0,
  cardsInOwnDb: 10,
  difference: 0,
  explainedBy: {},
  ...over,
});

test('the writers line sums every writer; only writers whose database disagrees are named, with what explains it', () => {
  const verdict = fakeVerdict([], {
    reconciliation: [
      writer('w01', { acknowledgedAdds: 12, failedAdds: 1, indeterminateAdds: 2, cardsInOwnDb: 11, difference: 1, explainedBy: { lost: 2, 'indeterminate-landed': -1 } }),
      writer('w02', { acknowledgedAdds: 7, failedAdds: 3, indeterminateAdds: 1, cardsInOwnDb: 7 }),
      writer('w03', { acknowledgedAdds: 5, failedAdds: 0, indeterminateAdds: 0, cardsInOwnDb: 4, difference: 1 }),
    ],
  });
  expect(screen(verdict).slice(5)).toEqual([
    '',
    'VUs that added cards: 3; adds acknowledged 24, failed 4, indeterminate 3; cards in own database 22',
    '  w01 (w01k7q): acknowledged 12, in own db 11, difference 1 = lost 2, indeterminate-landed -1',
    // Nothing explains w03's difference: the line ends at the number.
    '  w03 (w03k7q): acknowledged 5, in own db 4, difference 1',
  ]);
});

test('writers that all agree with their database get the totals line and no writer line', () => {
  const lines = screen(fakeVerdict([], { reconciliation: [writer('w01'), writer('w02')] }));
  expect(lines.slice(5)).toEqual(['', 'VUs that added cards: 2; adds acknowledged 20, failed 0, indeterminate 0; cards in own database 20']);
});

test('at most five disagreeing writers are named', () => {
  const rows = ['w01', 'w02', 'w03', 'w04', 'w05', 'w06'].map((vu) => writer(vu, { cardsInOwnDb: 9, difference: 1, explainedBy: { lost: 1 } }));
  const named = screen(fakeVerdict([], { reconciliation: rows })).filter((line) => line.includes('difference 1'));
  expect(named.map((line) => line.slice(0, 5))).toEqual(['  w01', '  w02', '  w03', '  w04', '  w05']);
});

test('server errors are summed by cause on one line, and the line is left out when there were none', () => {
  const lines = screen(fakeVerdict([], { serverErrorCauses: { 'id-collision': 3, 'lock-contention': 1 } }));
  expect(lines.slice(5)).toEqual(['', 'Server errors (5xx) by cause: id-collision 3 · lock-contention 1']);
  expect(screen(fakeVerdict([], { serverErrorCauses: {} }))).toHaveLength(5);
});
