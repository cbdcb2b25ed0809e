/**
 * The plan's Appendix A cross-contamination scan and single-user validation, run on the files
 * the real JAVUMBO server wrote: clean as written, and a card moved into another user's
 * database is found by its marker alone (no history).
 */
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { main as scan } from '../../bin/scan.ts';
import { main as validateUser } from '../../bin/validate-user.ts';
import { npmRun, runMain } from './support/command-runner.ts';
import { MOVED_CARD, contaminatedSample, copyRealSample } from './support/contaminated-sample.ts';
import { REAL_SAMPLE_DIR } from './support/real-sample.ts';

test('npm run scan on the real sample is clean and exits 0', () => {
  const result = npmRun('scan', [REAL_SAMPLE_DIR]);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  expect(result.out).toContain('3 user databases of 3 accounts, 329 cards, 5 marked: CLEAN');
});

test('scan finds a card moved into another user database, names its marker, owner and file, exits 1', () => {
  const dir = contaminatedSample(test.info().outputPath('data'));
  const result = runMain(scan, [dir]);
  expect(result.code).toBe(1);
  expect(result.out).toContain(`FOREIGN ${MOVED_CARD.marker}: names alice01 (user 1) but sits in user_dbs/user_2.db of bob02 (user 2), card ${MOVED_CARD.cardId}`);
  expect(result.out).toContain('CONTAMINATED — 1 foreign card(s) in 1 file(s)');
  const json = runMain(scan, [dir, '--json']);
  expect(JSON.parse(json.out)).toMatchObject({ foreign: [{ marker: MOVED_CARD.marker, owner: 'alice01', file: 'user_dbs/user_2.db', holder: 'bob02' }] });
});

test('scan reports an unreadable user database as not scanned (exit 3), never as clean', () => {
  const dir = copyRealSample(test.info().outputPath('data'));
  fs.writeFileSync(`${dir}/user_dbs/user_3.db`, 'not sqlite');
  const result = runMain(scan, [dir]);
  expect(result.code).toBe(3);
  expect(result.out).toContain('UNREADABLE user_dbs/user_3.db (carol03)');
});

test('scan --help lists its options; bad input is one line and exit 2', () => {
  expect(runMain(scan, ['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('--json') });
  const runDir = test.info().outputPath('a-run');
  copyRealSample(`${runDir}/database_snapshots`);
  for (const [argv, line] of [
    [[], 'error: no data directory given — usage: npm run scan'],
    [['--frobnicate', REAL_SAMPLE_DIR], "error: Unknown option '--frobnicate' — usage"],
    [['/no/such/dir'], 'error: /no/such/dir does not exist — pass a folder holding admin.db and user_dbs/'],
    [[`${REAL_SAMPLE_DIR}/user_dbs`], 'has no admin.db'],
    [[`${REAL_SAMPLE_DIR}/server.log`], 'is a file, not a folder'],
    [[runDir], `has no admin.db but is a run directory — pass its ${runDir}/database_snapshots`],
  ] as const) {
    const result = runMain(scan, argv);
    expect(result.code, argv.join(' ')).toBe(2);
    expect(result.err).toContain(line);
    expect(result.err.split('\n')).toHaveLength(1);
  }
});

test('npm run validate-user on the real sample: alice01 has 4 marked cards in History and nothing foreign', () => {
  const result = npmRun('validate-user', ['--data-dir', REAL_SAMPLE_DIR, 'alice01']);
  expect(result.code).toBe(0);
  expect(result.out).toContain('schema: ok');
  expect(result.out).toContain('deck 1795743680526 "History": 4 card(s) (current)');
  expect(result.out).toContain('cards: 112 (4 marked: 4 of alice01; 108 unmarked)');
  expect(result.out).toContain('OK — every marked card of user_dbs/user_1.db names alice01');
});

test('validate-user lists the card whose marker names someone else and exits 1', () => {
  const dir = contaminatedSample(test.info().outputPath('data'));
  const bob = runMain(validateUser, ['--data-dir', dir, 'bob02']);
  expect(bob.code).toBe(1);
  expect(bob.out).toContain(`FOREIGN ${MOVED_CARD.marker}: names alice01, card ${MOVED_CARD.cardId}`);
  expect(bob.out).toContain('cards: 110 (2 marked: 1 of alice01, 1 of bob02; 108 unmarked)');
  expect(bob.out).toContain('deck 1795743680526 "(not in decks)": 1 card(s)');
  // The deck the moved card points at does not exist in bob02's collection: said, not hidden.
  expect(bob.out).toContain('cards sit in deck id 1795743680526, which the collection');
  const alice = runMain(validateUser, ['--data-dir', dir, 'alice01']);
  expect(alice.code).toBe(0);
  expect(alice.out).toContain('"History": 3 card(s)');
});

test('validate-user --help lists its options; bad input is one line and exit 2', () => {
  expect(runMain(validateUser, ['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('--data-dir DIR') });
  for (const [argv, line] of [
    [['alice01'], 'error: --data-dir DIR is required'],
    [['--data-dir', REAL_SAMPLE_DIR], 'error: no username given'],
    [['--data-dir', REAL_SAMPLE_DIR, 'nobody'], 'no user "nobody" in'],
    [['--data-dir', '/no/such/dir', 'alice01'], 'does not exist'],
    [['--data-dir'], "error: Option '--data-dir <value>' argument missing"],
  ] as const) {
    const result = runMain(validateUser, argv);
    expect(result.code, argv.join(' ')).toBe(2);
    expect(result.err).toContain(line);
    expect(result.err.split('\n')).toHaveLength(1);
  }
});
