/**
 * Bad settings are refused before any load is sent: exit 2, one line naming the variable
 * and the fix, no stack trace, and the earlier run in the runs folder untouched.
 */
import fs from 'node:fs';
import { test, expect } from './support/fixtures.ts';
import { expectEarlierRunIntact, plantEarlierRun } from './support/earlier-run.ts';
import { expectRefusal } from './support/refusal.ts';

interface BadSetting {
  env: Record<string, string>;
  line: RegExp;
}

const BAD_SETTINGS: BadSetting[] = [
  { env: { WRITERS: '-1' }, line: /^error: WRITERS: -1 is out of range — set WRITERS to an integer between 0 and 500$/ },
  { env: { WRITERS: 'abc' }, line: /^error: WRITERS: "abc" is not a whole number — set WRITERS to an integer/ },
  { env: { WRITERS: '2.5' }, line: /^error: WRITERS: "2\.5" is not a whole number/ },
  { env: { REVIEWERS: '-3' }, line: /^error: REVIEWERS: -3 is out of range/ },
  { env: { DURATION_SCALE: '0' }, line: /^error: DURATION_SCALE: .*"0".* — set DURATION_SCALE to a/ },
  { env: { DURATION_SCALE: '-1' }, line: /^error: DURATION_SCALE: .*"-1".* — set DURATION_SCALE to a/ },
  { env: { DURATION_SCALE: 'fast' }, line: /^error: DURATION_SCALE: .*"fast".* — set DURATION_SCALE to a/ },
  { env: { REQUEST_TIMEOUT_MS: 'abc' }, line: /^error: REQUEST_TIMEOUT_MS: "abc" is not a whole number — set REQUEST_TIMEOUT_MS to an integer/ },
  { env: { REQUEST_TIMEOUT_MS: '0' }, line: /^error: REQUEST_TIMEOUT_MS: 0 is out of range/ },
  { env: { BCRYPT_COST: '99' }, line: /^error: BCRYPT_COST: 99 is out of range/ },
  { env: { TARGET_FAULTS: 'lost-write:1' }, line: /^error: TARGET_FAULTS: is no longer read — rename it JAVUMBO_FAULTS \(the same name the target reads\)$/ },
  { env: { PROGRESS: 'maybe' }, line: /^error: PROGRESS: "maybe" is not a boolean — set PROGRESS to true or false$/ },
  { env: { PROFILE: 'nope' }, line: /^error: PROFILE: unknown profile "nope" — use one of: plan, smoke, fault, scale, or PROFILE_FILE=<json>$/ },
  { env: { NOT_PART_OF_RUN: 'integrity' }, line: /^error: NOT_PART_OF_RUN: "integrity" is not a criterion a run can leave out — use performance-thresholds or scenario-tests$/ },
  { env: { PROFILE_FILE: 'profiles/does-not-exist.json' }, line: /^error: PROFILE_FILE: .*does-not-exist\.json does not exist — point PROFILE_FILE at a JSON profile/ },
  { env: { BASE_URL: 'not a url', DATA_DIR: '/tmp' }, line: /^error: BASE_URL: "not a url" is not a URL — set BASE_URL like http:\/\/127\.0\.0\.1:8000/ },
  { env: { BASE_URL: 'http://127.0.0.1:8000' }, line: /^error: DATA_DIR: is required when BASE_URL is set — set DATA_DIR to the server's folder holding admin\.db and user_dbs\// },
];

for (const bad of BAD_SETTINGS) {
  const setting = Object.entries(bad.env)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');

  test(`${setting} is refused with one line before anything starts`, async ({ suite, runsDir }) => {
    const earlier = plantEarlierRun(runsDir);
    const result = await suite(['--project=writers'], bad.env);
    expectRefusal(result, bad.line);
    expectEarlierRunIntact(earlier, { newRunAllowed: false });
  });
}

test('a non-loopback BASE_URL is refused without ALLOW_REMOTE_TARGET, before any request', async ({ suite, runsDir }) => {
  const earlier = plantEarlierRun(runsDir);
  // 10.1.2.3 is never contacted: the refusal happens while the config is read, before any probe.
  const result = await suite(['--project=writers'], { BASE_URL: 'http://10.1.2.3:8000', DATA_DIR: runsDir });
  expectRefusal(result, /^error: BASE_URL: 10\.1\.2\.3 is not a loopback address — .*set ALLOW_REMOTE_TARGET=true if you really own that server$/);
  expect(result.output).not.toMatch(/unreachable|registered/);
  expectEarlierRunIntact(earlier, { newRunAllowed: false });
});

test('a profile file that is not JSON is refused with one line', async ({ suite, runsDir }) => {
  const file = test.info().outputPath('broken-profile.json');
  fs.writeFileSync(file, '{ "name": "broken", ');
  const result = await suite(['--project=writers'], { PROFILE_FILE: file });
  expectRefusal(result, /^error: PROFILE_FILE: .*broken-profile\.json is not valid JSON \(.*\) — fix the JSON syntax$/);
  expect(fs.readdirSync(runsDir)).toEqual([]);
});

test('WRITERS=0 with --project=writers is refused instead of running nothing', async ({ suite, runsDir }) => {
  const earlier = plantEarlierRun(runsDir);
  const result = await suite(['--project=writers'], { WRITERS: '0' });
  expectRefusal(result, /^error: WRITERS \/ REVIEWERS: profile "fault" leaves no virtual user in writers — set WRITERS \/ REVIEWERS to 1 or more, or select another --project$/);
  expectEarlierRunIntact(earlier, { newRunAllowed: false });
});

test('a VU filter that matches no virtual user is refused instead of running nothing', async ({ suite, runsDir }) => {
  const earlier = plantEarlierRun(runsDir);
  const result = await suite(['--project=writers'], { VU: 'zz99' });
  expectRefusal(result, /^error: VU: zz99 matches no virtual user of profile "fault" in writers — use ids such as w01/);
  expectEarlierRunIntact(earlier, { newRunAllowed: false });
});

test("fewer workers than the tests of the profile's virtual users are refused, since later stages would start late", async ({ suite, runsDir }) => {
  const earlier = plantEarlierRun(runsDir);
  // The smoke profile peaks at 6 writers; two per worker make 3 lanes: with 2 workers, the third would start when one finished.
  const result = await suite(['--project=writers', '--workers=2'], { PROFILE: 'smoke', VUS_PER_WORKER: '2' });
  expectRefusal(
    result,
    /^error: --workers: 2 worker\(s\) cannot run the 6 virtual users of profile "smoke" \(writers\) at once: they run in 3 tests \(2 API VUs per worker\).* — .*--workers=3 or more, or raise VUS_PER_WORKER$/,
  );
  expectEarlierRunIntact(earlier, { newRunAllowed: false });
});
