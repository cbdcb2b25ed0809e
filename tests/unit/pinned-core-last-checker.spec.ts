/**
 * The checker's own last rules (db/checker.ts): what an unreadable database's observation says
 * it left open, how a file of no known user is named, the order violations are listed in, and the
 * clock tolerance a run gives.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { writeDataDir } from './support/anki-fixture.ts';
import { historyBuilder } from './support/history-builder.ts';
import { ALICE, BOB, HISTORY_DECK, T0, auditOf, baseUsers, rowFor, userOf } from './support/checker-scenario.ts';
import { SAMPLE_CARD, causeWorld } from './support/cause-world.ts';

test("an unreadable database counts as left open only its user's adds that were not judged, not one found elsewhere", () => {
  const users = baseUsers();
  const h = historyBuilder();
  // bob02's add was written into alice01's database: it is judged (misrouted) though bob02's own file is unreadable.
  const bobAdd = h.add({ ...BOB, seq: 1, deckId: 1, at: T0 + 1000, cardId: T0 + 1001 });
  userOf(users, 1).cards.push(rowFor(bobAdd.card, T0 + 1001, HISTORY_DECK));
  const dir = test.info().outputPath('data');
  writeDataDir(dir, users);
  fs.truncateSync(path.join(dir, 'user_dbs', 'user_2.db'), 5000);

  const verdict = auditOf(dir, h.ops);
  expect(verdict.violations.map((v) => `${v.class} ${v.marker}`)).toEqual(['misrouted bob02_1']);
  const observation = verdict.observations.find((o) => o.kind === 'unreadable-database')!;
  expect(observation.evidence).toMatchObject({ dbFile: 'user_2.db', username: 'bob02', unjudgedAdds: 0 });
  expect(observation.message).toContain('(0 adds of its user left open)');
});

test('an unreadable database of no known user is named by its file alone', () => {
  const users = baseUsers();
  const dir = test.info().outputPath('data');
  writeDataDir(dir, users);
  // user_4.db belongs to nobody admin.db knows.
  fs.writeFileSync(path.join(dir, 'user_dbs', 'user_4.db'), 'not sqlite '.repeat(500));

  const verdict = auditOf(dir, []);
  const observation = verdict.observations.find((o) => o.kind === 'unreadable-database')!;
  expect(observation.evidence.username).toBeNull();
  expect(observation.message).toMatch(/^user_4\.db cannot be read \(/);
  expect(observation.message).toContain('(0 adds of its user left open)');
});

test('violations are listed by class first, in the table order (misrouted before lost), then by time', () => {
  const users = baseUsers();
  const h = historyBuilder();
  // alice01's first add is lost; her second, sent later, is in bob02's database.
  h.add({ ...ALICE, seq: 1, deckId: HISTORY_DECK, deckName: 'History', at: T0 + 1000, cardId: T0 + 1001 });
  const second = h.add({ ...ALICE, seq: 2, deckId: HISTORY_DECK, deckName: 'History', at: T0 + 2000, cardId: T0 + 2001 });
  userOf(users, 2).cards.push(rowFor(second.card, T0 + 2001, 1));
  const dir = test.info().outputPath('data');
  writeDataDir(dir, users);

  const verdict = auditOf(dir, h.ops);
  expect(verdict.violations.map((v) => `${v.class} ${v.marker}`)).toEqual(['misrouted alice01_2', 'lost alice01_1']);
});

test("the run's clock tolerance is how far outside its flight a review row may fall when the server's clock readings cannot be intersected", () => {
  const world = causeWorld('clocks');
  const [first, second] = world.h.ops.filter((op) => op.op === 'answer');
  // The Date headers cross (the server's clock moved during the run): 490 ms ahead on the first
  // answer, at least 500 ms behind on the second, so no single offset explains both.
  first!.serverDate = first!.returnedAt + 490;
  second!.serverDate = second!.sentAt - 1_500;
  // The first answer's row was written 5 s after its answer came back.
  userOf(world.users, 3).revlog!.find((row) => row.cardId === SAMPLE_CARD)!.id = first!.returnedAt + 5_000;
  writeDataDir(world.dir, world.users);

  // The default tolerance (2 s) leaves the row outside its answer's window ...
  expect(auditOf(world.dir, world.h.ops).violations.map((v) => v.class)).toContain('review-mismatch');
  // ... a run that allows 10 s accepts it.
  const tolerant = auditOf(world.dir, world.h.ops, { clockToleranceMs: 10_000 });
  expect(tolerant.violations).toEqual([]);
  expect(tolerant.valid).toBe(true);
});
