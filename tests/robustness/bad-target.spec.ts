/**
 * A wrong target is refused before any load: nothing listening, a proxy's HTML error page,
 * a server that is not an API, a DATA_DIR that is missing, empty or some other server's.
 * Each ends with exit 2, one line naming the problem and the fix, and no stack trace.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RunInfo } from '../../helpers/run/run-dir.ts';
import { test, expect } from './support/fixtures.ts';
import { dataDirWithAdminDb, dataDirWithoutAdminDb, writeForeignAdminDb, writeOtherServersAdminDb } from './support/crafted-data.ts';
import { expectEarlierRunIntact, plantEarlierRun } from './support/earlier-run.ts';
import { expectRefusal } from './support/refusal.ts';
import { API_ONLY, NGINX_502, PLAIN_TEXT, closedPort } from './support/stub-server.ts';

/** A run refused after its directory existed says so in run.json, since runs/latest now names it. */
function expectRefusedRunMarked(runsDir: string): void {
  const info = JSON.parse(fs.readFileSync(path.join(runsDir, 'latest', 'run.json'), 'utf8')) as RunInfo;
  expect(info.status).toBe('incomplete');
  expect(info.note).toMatch(/^setup refused: DATA_DIR /);
}

test('a BASE_URL nothing listens on is refused as unreachable', async ({ suite, runsDir }) => {
  const earlier = plantEarlierRun(runsDir);
  const baseUrl = `http://127.0.0.1:${await closedPort()}`;
  const result = await suite(['--project=writers'], { BASE_URL: baseUrl, DATA_DIR: dataDirWithoutAdminDb(test.info().outputPath('data')) });
  expectRefusal(result, new RegExp(`^error: BASE_URL ${baseUrl} is unreachable \\(ECONNREFUSED\\) — start the server or fix BASE_URL`));
  expectEarlierRunIntact(earlier, { newRunAllowed: false });
});

test("a BASE_URL answering a proxy's 502 HTML page is refused as not the API", async ({ suite, runsDir, stub }) => {
  const earlier = plantEarlierRun(runsDir);
  const server = await stub(NGINX_502);
  const result = await suite(['--project=writers'], { BASE_URL: server.baseUrl, DATA_DIR: dataDirWithoutAdminDb(test.info().outputPath('data')) });
  expectRefusal(result, /^error: BASE_URL http:\/\/127\.0\.0\.1:\d+ answered GET \/decks with an HTML page \(status 502\), not JSON — point BASE_URL at the JAVUMBO API/);
  expect(server.requests(), 'the suite asked the server before refusing it').toBeGreaterThan(0);
  expectEarlierRunIntact(earlier, { newRunAllowed: false });
});

test('a BASE_URL answering plain text is refused as not the API', async ({ suite, runsDir, stub }) => {
  const earlier = plantEarlierRun(runsDir);
  const server = await stub(PLAIN_TEXT);
  const result = await suite(['--project=writers'], { BASE_URL: server.baseUrl, DATA_DIR: dataDirWithoutAdminDb(test.info().outputPath('data')) });
  expectRefusal(result, /^error: BASE_URL http:\/\/127\.0\.0\.1:\d+ answered GET \/decks with "text\/plain; charset=utf-8" \(status 200\), not JSON — /);
  expectEarlierRunIntact(earlier, { newRunAllowed: false });
});

test.describe('DATA_DIR of a running embedded target', () => {
  test('a DATA_DIR that does not exist is refused', async ({ suite, runsDir, launchTarget }) => {
    const earlier = plantEarlierRun(runsDir);
    const target = await launchTarget(test.info().outputPath('target-data'));
    const missing = test.info().outputPath('no-such-folder');
    const result = await suite(['--project=writers'], { BASE_URL: target.baseUrl, DATA_DIR: missing });
    expectRefusal(result, new RegExp(`^error: DATA_DIR ${missing} does not exist — set DATA_DIR to the server's folder holding admin\\.db and user_dbs/$`));
    expectEarlierRunIntact(earlier, { newRunAllowed: false });
  });

  test('a DATA_DIR without admin.db and user_dbs/ is refused before any user is registered', async ({ suite, runsDir, launchTarget }) => {
    const earlier = plantEarlierRun(runsDir);
    const target = await launchTarget(test.info().outputPath('target-data'));
    const empty = test.info().outputPath('empty');
    fs.mkdirSync(empty, { recursive: true });
    const result = await suite(['--project=writers'], { BASE_URL: target.baseUrl, DATA_DIR: empty });
    expectRefusal(result, /^error: DATA_DIR .*\/empty has no user_dbs\/ folder — set DATA_DIR to the server's data folder/);
    expect(fs.existsSync(path.join(target.dataDir, 'admin.db')) ? fs.readdirSync(path.join(target.dataDir, 'user_dbs')) : [], 'no user registered').toEqual([]);
    expectEarlierRunIntact(earlier, { newRunAllowed: false });
  });

  test('a DATA_DIR with user_dbs/ but no admin.db is refused once registration shows the server writes elsewhere', async ({ suite, runsDir, launchTarget }) => {
    const earlier = plantEarlierRun(runsDir);
    const target = await launchTarget(test.info().outputPath('target-data'));
    const folder = dataDirWithoutAdminDb(test.info().outputPath('elsewhere'));
    const result = await suite(['--project=writers'], { BASE_URL: target.baseUrl, DATA_DIR: folder });
    expectRefusal(result, /^error: DATA_DIR .*\/elsewhere has no admin\.db after registering users — DATA_DIR is not the folder this server writes to/);
    // The pool was registered before the check could tell, so a run directory exists; earlier runs are untouched.
    expectEarlierRunIntact(earlier, { newRunAllowed: true });
    expectRefusedRunMarked(runsDir);
  });

  test('a DATA_DIR whose admin.db has an unexpected schema is refused after registration', async ({ suite, runsDir, launchTarget }) => {
    const earlier = plantEarlierRun(runsDir);
    const target = await launchTarget(test.info().outputPath('target-data'));
    const folder = dataDirWithAdminDb(test.info().outputPath('foreign'), writeForeignAdminDb);
    const result = await suite(['--project=writers'], { BASE_URL: target.baseUrl, DATA_DIR: folder });
    expectRefusal(result, /^error: DATA_DIR .*\/foreign\/admin\.db is not a JAVUMBO admin database: table users lacks column\(s\) user_id, username, name .* — /);
    expectEarlierRunIntact(earlier, { newRunAllowed: true });
    expectRefusedRunMarked(runsDir);
  });

  test('a DATA_DIR of another server (its admin.db lacks the users just registered) is refused after registration', async ({ suite, runsDir, launchTarget }) => {
    const earlier = plantEarlierRun(runsDir);
    const target = await launchTarget(test.info().outputPath('target-data'));
    const folder = dataDirWithAdminDb(test.info().outputPath('other-server'), writeOtherServersAdminDb);
    const result = await suite(['--project=writers'], { BASE_URL: target.baseUrl, DATA_DIR: folder });
    expectRefusal(
      result,
      /^error: DATA_DIR .*\/other-server is not the folder this server writes to: its admin\.db lacks (\d+) of the \1 users just registered \(e\.g\. \w+\) — set DATA_DIR to the folder of the server at BASE_URL/,
    );
    expectEarlierRunIntact(earlier, { newRunAllowed: true });
    expectRefusedRunMarked(runsDir);
  });
});

test('browser projects against an API without its web client are refused before any load', async ({ suite, runsDir, stub }) => {
  const earlier = plantEarlierRun(runsDir);
  const server = await stub(API_ONLY);
  // The smoke profile has a browser writer (the fault profile has none).
  const result = await suite(['--project=browser-writers'], { PROFILE: 'smoke', BASE_URL: server.baseUrl, DATA_DIR: dataDirWithoutAdminDb(test.info().outputPath('data')) });
  expectRefusal(result, /^error: BASE_URL http:\/\/127\.0\.0\.1:\d+ serves no web client at \/ \(status 401: .*\) — browser projects need the client/);
  expectEarlierRunIntact(earlier, { newRunAllowed: false });
});
