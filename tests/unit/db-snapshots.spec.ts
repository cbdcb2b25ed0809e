/**
 * Snapshots: every database of a data directory backed up with SQLite's online backup into
 * the same layout, judged the same as the live folder; a database that cannot be backed up
 * is recorded so its audit says "unreadable" instead of "lost".
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { snapshotDatabases } from '../../db/snapshots.ts';
import { SESSION_COUNT_FILE, SESSION_DIR } from '../../db/session-files.ts';
import { writeDataDir } from './support/anki-fixture.ts';
import { historyBuilder } from './support/history-builder.ts';
import { ALICE, BOB, HISTORY_DECK, T0, auditOf, baseUsers, rowFor, userOf } from './support/checker-scenario.ts';

test('a snapshot holds admin.db and every user database and is judged like the live folder', async () => {
  const users = baseUsers();
  const h = historyBuilder();
  const { card } = h.add({ ...ALICE, seq: 1, deckId: HISTORY_DECK, at: T0, cardId: T0 + 1 });
  userOf(users, 2).cards.push(rowFor(card, T0 + 1, 1));
  const live = test.info().outputPath('live');
  const out = test.info().outputPath('run', 'database_snapshots');
  writeDataDir(live, users);

  // A reader holding the database open (as the server would) does not block an online backup.
  const reader = new Database(path.join(live, 'user_dbs', 'user_2.db'), { readonly: true });
  reader.prepare('SELECT count(*) FROM cards').get();
  const files = await snapshotDatabases(live, out);
  reader.close();

  expect(files.map((f) => path.relative(out, f))).toEqual(['admin.db', 'user_dbs/user_1.db', 'user_dbs/user_2.db', 'user_dbs/user_3.db']);
  const fromLive = auditOf(live, h.ops);
  const fromSnapshot = auditOf(out, h.ops, { source: 'snapshots' });
  expect(fromSnapshot.violations).toEqual(fromLive.violations);
  expect(fromSnapshot.countsByClass.misrouted).toBe(1);
  expect(fromSnapshot.source).toBe('snapshots');
});

test('a user database that cannot be backed up is recorded and audited as unreadable, not lost', async () => {
  const users = baseUsers();
  const h = historyBuilder();
  const { card } = h.add({ ...BOB, seq: 1, deckId: 1, at: T0, cardId: T0 + 1 });
  userOf(users, 2).cards.push(rowFor(card, T0 + 1, 1));
  const live = test.info().outputPath('live');
  const out = test.info().outputPath('snap');
  writeDataDir(live, users);
  fs.writeFileSync(path.join(live, 'user_dbs', 'user_2.db'), 'not sqlite '.repeat(500));

  const files = await snapshotDatabases(live, out);
  expect(files.map((f) => path.basename(f))).toEqual(['admin.db', 'user_1.db', 'user_3.db']);
  const failures = JSON.parse(fs.readFileSync(path.join(out, 'snapshot_failures.json'), 'utf8')) as { userId: number }[];
  expect(failures.map((f) => f.userId)).toEqual([2]);

  const verdict = auditOf(out, h.ops, { source: 'snapshots' });
  expect(verdict.violations).toEqual([]);
  const unreadable = verdict.observations.filter((o) => o.kind === 'unreadable-database');
  expect(unreadable.map((o) => o.message)).toEqual([expect.stringContaining('user_2.db (bob02) cannot be read (no snapshot could be taken')]);

  // Once the file is healthy again, a new snapshot into the same folder drops the old record.
  writeDataDir(live, users);
  await snapshotDatabases(live, out);
  expect(fs.existsSync(path.join(out, 'snapshot_failures.json'))).toBe(false);
  expect(auditOf(out, h.ops, { source: 'snapshots' }).observations.filter((o) => o.kind === 'unreadable-database')).toEqual([]);
});

test("a snapshot keeps the count of the session folder's files by user, never their names, and the audit reads it", async () => {
  const users = baseUsers();
  const h = historyBuilder();
  h.op(BOB, 'list_decks', { at: T0, path: '/decks', status: 401, outcome: 'fail', body: { error: 'Authentication required' } });
  const live = test.info().outputPath('live');
  const out = test.info().outputPath('snap');
  writeDataDir(live, users);
  const sessions = path.join(live, SESSION_DIR);
  fs.mkdirSync(sessions);
  fs.writeFileSync(path.join(sessions, 'c0ffee-session-id.json'), JSON.stringify({ userId: 1, username: 'alice01' }));
  fs.writeFileSync(path.join(sessions, '2029f1e0a5'), Buffer.from([1, 2, 3]));
  await snapshotDatabases(live, out);

  const saved = fs.readFileSync(path.join(out, SESSION_COUNT_FILE), 'utf8');
  expect(JSON.parse(saved)).toEqual({ files: 2, byUser: { alice01: 1 }, unreadable: 1 });
  expect(saved).not.toContain('c0ffee');
  const cause = auditOf(out, h.ops, { source: 'snapshots' }).violations[0]!.cause;
  expect(cause).toMatchObject({ kind: 'unknown', sessionFiles: { files: 2, unreadable: 1 } });
});
