/**
 * Scenario A: the pool global setup registered concurrently. Validated from the
 * files themselves: every user in admin.db once with a unique id, one Anki database
 * each with the schema and the two default decks, every signup inside the window.
 */
import { test, expect } from '../../fixtures/index.ts';
import { config } from '../../helpers/config/config.ts';
import { isScenarioAUser } from '../../helpers/vu/schedule.ts';
import { signupWindowNotJudged, signupWindowServerBound } from '../../db/decision/generator-health.ts';
import { readAdminUsers } from '../../db/admin-db.ts';
import { readCollection, userDbPath } from '../../db/anki-collection.ts';
import { ANKI_TABLES, selectTableNames } from '../../db/table-names.ts';

const SAMPLE_CARDS = 108;

test.describe('registration', { tag: ['@registration'] }, () => {
  test('every pool user is in admin.db exactly once with a unique id', ({ run }) => {
    const accounts = readAdminUsers(run.info.dataDir);
    const byName = new Map(accounts.map((a) => [a.username, a]));
    const ids = new Set(accounts.map((a) => a.userId));
    expect(ids.size, 'user ids in admin.db are unique').toBe(accounts.length);
    expect(byName.size, 'usernames in admin.db are unique').toBe(accounts.length);
    for (const user of run.pool.values()) {
      const account = byName.get(user.username);
      expect(account, `${user.vu} (${user.username}) is in admin.db`).toBeTruthy();
      expect(account!.userId, `${user.username}: id answered by /register = id in admin.db`).toBe(user.userId);
      expect(account!.name).toBe(user.name);
    }
  });

  test('every pool user has an own Anki database with the schema, MyFirstDeck and Verbal Tenses', ({ run }) => {
    for (const user of run.pool.values()) {
      const file = userDbPath(run.info.dataDir, user.userId);
      const col = readCollection(file);
      expect(selectTableNames(file), `${file} tables`).toEqual(expect.arrayContaining([...ANKI_TABLES]));
      expect(col.decks.get('1'), `${file} deck 1`).toBe('MyFirstDeck');
      expect(col.decks.get('2'), `${file} deck 2`).toBe('Verbal Tenses');
      expect(col.cards.filter((c) => c.deckId === '2').length, `${file} sample cards`).toBeGreaterThanOrEqual(SAMPLE_CARDS);
    }
  });

  test(`all scenario A signups (writers and reviewers) were answered inside the ${config.profile.registration.windowMs / 1000} s window`, ({ run }) => {
    const users = [...run.pool.values()].filter((u) => isScenarioAUser(u.vu));
    // A leg of a sharded run registers only its own VUs' users: with none of scenario A there is no window to judge here.
    // eslint-disable-next-line playwright/no-skipped-test -- conditional: said in the report as skipped, never a vacuous pass
    test.skip(users.length === 0, 'no scenario A user was registered by this run (a leg of a sharded run whose VUs are elsewhere)');
    const first = Math.min(...users.map((u) => u.registeredSentAt));
    const last = Math.max(...users.map((u) => u.registeredReturnedAt));
    test.info().annotations.push({ type: 'registration window (ms)', description: `${users.length} users in ${last - first} ms` });
    // Like a latency threshold of a saturated generator: a window other work on the machine paced is neither passed nor failed.
    const notJudged = signupWindowNotJudged(run.info.signupWindowCpu);
    // eslint-disable-next-line playwright/no-skipped-test -- conditional: reported as not judged, with the machine's numbers
    test.skip(notJudged !== null, notJudged ?? '');
    // Missed with the server holding the machine: the server's capacity, said with its numbers.
    const serverBound = signupWindowServerBound(run.info.signupWindowCpu, users.length);
    expect(last - first, `${users.length} concurrent registrations${serverBound ? ` (${serverBound})` : ''}`).toBeLessThanOrEqual(config.profile.registration.windowMs);
  });
});
