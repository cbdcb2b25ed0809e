/**
 * Ids come from the clock in whole seconds (note id = epoch s × 1000, card id = note
 * id + 1). Measured consequences: a second add by one user in the same second is a 500;
 * registering, logging in and adding within one second collides with the first sample
 * card; two users adding in the same second get identical ids, each in their own file.
 */
import { test, expect } from './support/contract-fixture.ts';
import { endJustAfterNextSecond, withinOneSecond } from './support/clock.ts';
import { addCard, type AddCardBody } from './support/routes.ts';
import { expectError, expectJson } from './support/responses.ts';
import { expectLogLine, loggedFront } from './support/server-log.ts';
import { cardById, countRows, noteById, notesInDeck, readUserDb } from '../support/user-db.ts';

const ADD_FAILED = 'Database error occurred while adding card';

test('a second add by the same user in the same second answers 500 and leaves only the first card', async ({ sessions, target }) => {
  const { user, api } = await sessions.newUser('is');
  const { second, result } = await withinOneSecond(async (s) => {
    const first = await addCard(api, `first ${s}`, 'kept');
    const again = await addCard(api, `again ${s}`, 'lost');
    return { first: await expectJson<AddCardBody>(first, 201), again };
  });
  expect(result.first.note_id).toBe(second * 1000);
  await expectError(result.again, 500, ADD_FAILED);
  readUserDb(target.dataDir, user.userId, (db) => {
    expect(noteById(db, second * 1000)?.sfld).toBe(`first ${second}`);
    expect(cardById(db, second * 1000 + 1)?.nid).toBe(second * 1000);
  });
  if (target.serverLog) {
    await expectLogLine(target.serverLog, 'ERROR', `Database error adding card for user ${user.userId}: UNIQUE constraint failed: notes.id`);
    await expectLogLine(target.serverLog, 'INFO', `User ${user.userId} (${user.username}) created card ${second * 1000 + 1} in deck 1 (MyFirstDeck): "${loggedFront(`first ${second}`)}"`);
  }
});

test('two users adding in the same second get identical ids, each in their own file', async ({ sessions, target }) => {
  const [a, b] = await Promise.all([sessions.newUser('i2'), sessions.newUser('i2')]);
  const { second, result } = await withinOneSecond(async (s) => {
    const [ra, rb] = await Promise.all([addCard(a.api, `alice side ${s}`, 'a'), addCard(b.api, `bob side ${s}`, 'b')]);
    return { ra: await expectJson<AddCardBody>(ra, 201), rb: await expectJson<AddCardBody>(rb, 201) };
  });
  expect(result.ra).toEqual(result.rb);
  expect(result.ra.card_id).toBe(second * 1000 + 1);
  expect(readUserDb(target.dataDir, a.user.userId, (db) => noteById(db, second * 1000)?.sfld)).toBe(`alice side ${second}`);
  expect(readUserDb(target.dataDir, b.user.userId, (db) => noteById(db, second * 1000)?.sfld)).toBe(`bob side ${second}`);
});

test('registering, logging in and adding a card within one second collides with the first sample note', async ({ sessions, target }) => {
  // The add collides only if it lands in the second the sample notes got their ids. Register
  // and login are a bcrypt hash each, which a loaded machine stretches, so each try times
  // the register to end just after a second begins (from the last register's duration),
  // leaving that second for the login and the add; fresh users are tried until one fits.
  // An add that lands in a later second says nothing about the target (only about timing);
  // one that lands in the sample second and succeeds is the defect this test exists for.
  const tries = 5;
  const loginMs: number[] = [];
  let registerMs = 0;
  for (let i = 0; i < tries; i++) {
    await endJustAfterNextSecond(registerMs);
    const user = await sessions.register('ir');
    registerMs = user.returnedMs - user.sentMs;
    const loginSent = Date.now();
    const api = await sessions.login(user);
    loginMs.push(Date.now() - loginSent);
    const add = await addCard(api, 'too early', 'same second as the sample deck');
    const sampleSecond = readUserDb(target.dataDir, user.userId, (db) => notesInDeck(db, 2)[0]!.id / 1000);
    if (add.status() === 201) {
      const body = await expectJson<AddCardBody>(add, 201);
      expect(body.note_id / 1000, "an add that succeeded must have landed after the sample notes' second").toBeGreaterThan(sampleSecond);
      continue;
    }
    await expectError(add, 500, ADD_FAILED);
    readUserDb(target.dataDir, user.userId, (db) => {
      expect(noteById(db, sampleSecond * 1000)?.tags, 'the id belongs to the first sample note').toBe('verbal_tenses');
      expect(cardById(db, sampleSecond * 1000 + 1)?.did).toBe(2);
      expect(countRows(db, 'notes')).toBe(108);
    });
    return;
  }
  // eslint-disable-next-line playwright/no-skipped-test -- timing, not the target, decided every try: say so instead of failing
  test.skip(true, `machine too slow: in ${tries} tries no add landed in the registration second (logins took ${loginMs.join(', ')} ms, the last register ${registerMs} ms)`);
});
