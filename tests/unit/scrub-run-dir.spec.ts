/**
 * The end-of-run scrub on a crafted run directory: a log line with a password, an Allure
 * result with a session cookie, a trace archive whose network log, action log and request
 * body hold a cookie and a password. Each is scrubbed; every other byte, file and zip entry
 * is left as it was, and the trace is still an archive whose lines parse.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { scrubRunDir } from '../../helpers/secrets/scrub-run-dir.ts';
import { describeHits, findSecrets, listFiles, type Secret } from '../robustness/support/file-scan.ts';
import { PASSWORD_FIELD } from '../robustness/support/run-secrets.ts';
import { zipEntries } from '../robustness/support/zip-entries.ts';
import { zipOf } from '../robustness/support/zip-fixture.ts';

const PASSWORD = 'PstTBC8S2jAVZKJ1';
/** A password the scrub is not told about: only its JSON member gives it away. */
const UNKNOWN_PASSWORD = 'wrongpass123';
const SESSION = 'd2588db3-d3b3-4d76-b0ba-d87e68bd6b17.9iUWle2xuLJpgLWpbAah9KjzMB2lSU4Ah75mII2KTnk';

const SECRETS: Secret[] = [
  { label: 'the password', value: PASSWORD },
  { label: 'the unknown password', value: UNKNOWN_PASSWORD },
  { label: 'the session cookie', value: SESSION.split('.')[0]! },
  PASSWORD_FIELD,
];

const LOG = [
  '[2026-11-27 02:24:01 +0000] [4242] [INFO] POST /login 200',
  `[2026-11-27 02:24:02 +0000] [4242] [DEBUG] login form for paigeujj with ${PASSWORD} rejected once`,
  '[2026-11-27 02:24:03 +0000] [4242] [INFO] GET /decks 200',
  '',
].join('\n');

const ALLURE_RESULT = JSON.stringify({
  name: 'device d01a adds 2 cards',
  status: 'failed',
  statusDetails: { message: `apiRequestContext.get: connect ECONNRESET\nCall log:\n  - → GET http://127.0.0.1:38363/decks\n    - cookie: session=${SESSION}\n    - accept: */*\n` },
  parameters: [{ name: 'cookies', value: JSON.stringify([{ name: 'session', value: SESSION, path: '/' }]) }],
});

const NETWORK = [
  {
    type: 'resource-snapshot',
    snapshot: {
      request: {
        method: 'POST',
        url: 'http://127.0.0.1:38363/login',
        cookies: [],
        headers: [{ name: 'content-type', value: 'application/json' }],
        postData: { mimeType: 'application/json', text: JSON.stringify({ username: 'paigeujj', password: PASSWORD }), _sha1: '999cacdc59a62dcfebffc051ee6c03928cf83e70.json' },
      },
      response: {
        status: 200,
        cookies: [{ path: '/', httpOnly: true, sameSite: 'Lax', name: 'session', value: SESSION }],
        headers: [
          { name: 'Content-Length', value: '97' },
          { name: 'Set-Cookie', value: `session=${SESSION}; Path=/; HttpOnly; SameSite=Lax` },
        ],
      },
    },
  },
  {
    type: 'resource-snapshot',
    snapshot: {
      request: { method: 'GET', url: 'http://127.0.0.1:38363/decks', cookies: [{ name: 'session', value: SESSION }], headers: [{ name: 'cookie', value: `session=${SESSION}` }] },
      response: { status: 200, cookies: [], headers: [] },
    },
  },
];

const TRACE = [
  { version: 8, type: 'context-options', browserName: '', options: { baseURL: 'http://127.0.0.1:38363' } },
  { type: 'before', callId: 'call@5', method: 'fetch', params: { url: '/login', method: 'POST', jsonData: JSON.stringify({ username: 'paigeujj', password: PASSWORD }) } },
  { type: 'before', callId: 'call@9', method: 'fetch', params: { url: '/login', method: 'POST', jsonData: JSON.stringify({ username: 'paigeujj', password: UNKNOWN_PASSWORD }) } },
  { type: 'before', callId: 'call@12', method: 'fill', params: { selector: 'internal:label="Senha"i', value: PASSWORD } },
  { type: 'log', callId: 'call@5', time: 12.5, message: '← 200 OK' },
];

interface NetworkLine {
  snapshot: { request: { cookies: unknown[]; headers: unknown[]; postData?: { text: string } }; response: { cookies: unknown[]; headers: unknown[] } };
}

const jsonl = (records: readonly unknown[]): string => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

const TRACE_ENTRIES: Record<string, string> = {
  '0-trace.trace': jsonl(TRACE),
  '0-trace.network': jsonl(NETWORK),
  '0-trace.stacks': '{"files":["tests/load/sessions.spec.ts"],"stacks":[]}',
  'resources/999cacdc59a62dcfebffc051ee6c03928cf83e70.json': JSON.stringify({ username: 'paigeujj', password: PASSWORD }),
  'resources/43265.json': '{"decks":[{"id":1,"name":"Verbs"}],"session_note":"unchanged"}',
  'src/4224.ts': 'const login = await client.login(user.username, vu.password(user.username));\n',
};

/** A cookie the text rules would rewrite, planted in binary files to show they are never read as text. */
const BINARY_COOKIE = 'session=00000000-binary-bytes';

/** Files the scrub must not touch: no secret in them, or binary (databases, screenshots) even with cookie-shaped bytes. */
const UNTOUCHED: Record<string, Buffer> = {
  'history/w01.jsonl': Buffer.from('{"id":"w01-1","kind":"login","outcome":"ok","body":{"username":"paigeujj"}}\n'),
  'run.json': Buffer.from('{"id":"20261127-022327-euj","status":"complete"}\n'),
  'allure-results/4a1c-attachment.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), Buffer.from(BINARY_COOKIE)]),
  'database_snapshots/admin.db': Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.from(`$2b$12$notaplaintextpassword ${BINARY_COOKIE}`)]),
  'test-output/device-d01b/error-context.md': Buffer.from('# Page snapshot\n\n- textbox "Senha"\n- button "Entrar"\n'),
};

const sha = (bytes: Buffer): string => crypto.createHash('sha256').update(bytes).digest('hex');

function craftRunDir(): string {
  const dir = test.info().outputPath('run');
  const files: Record<string, Buffer> = {
    ...UNTOUCHED,
    'server_logs.txt': Buffer.from(LOG),
    'allure-results/4a1c-result.json': Buffer.from(ALLURE_RESULT),
    'test-output/device-d01a/trace.zip': zipOf(TRACE_ENTRIES),
  };
  for (const [name, bytes] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), bytes);
  }
  return dir;
}

const read = (dir: string, name: string): string => fs.readFileSync(path.join(dir, name), 'utf8');
const entriesOf = (dir: string, name: string): Record<string, string> => Object.fromEntries(zipEntries(fs.readFileSync(path.join(dir, name))).map((e) => [e.name, e.data.toString('utf8')]));

test('every password and session cookie in a crafted run is scrubbed, traces included, and nothing else changes', () => {
  const dir = craftRunDir();
  // The scan sees every planted secret before the scrub: a clean scan after it means scrubbed, not blind.
  expect(describeHits(findSecrets(dir, SECRETS)).length).toBeGreaterThanOrEqual(8);
  const before = Object.fromEntries(listFiles(dir).map((f) => [f, sha(fs.readFileSync(path.join(dir, f)))]));

  const result = scrubRunDir(dir, { passwords: [PASSWORD] });

  expect(result).toEqual({ filesChanged: 3, removed: [] });
  expect(describeHits(findSecrets(dir, SECRETS)), 'secrets left in the run').toEqual([]);

  const after = Object.fromEntries(listFiles(dir).map((f) => [f, sha(fs.readFileSync(path.join(dir, f)))]));
  const changed = Object.keys(before).filter((f) => before[f] !== after[f]);
  expect(Object.keys(after), 'no file appeared or vanished').toEqual(Object.keys(before));
  expect(changed.sort()).toEqual(['allure-results/4a1c-result.json', 'server_logs.txt', 'test-output/device-d01a/trace.zip']);

  // The text file: only the password itself changed.
  expect(read(dir, 'server_logs.txt')).toBe(LOG.replace(PASSWORD, '[redacted]'));
  // The JSON file: the cookie in free text and the one in a name/value pair nested in a string, nothing else.
  expect(read(dir, 'allure-results/4a1c-result.json')).toBe(ALLURE_RESULT.replace(`session=${SESSION}`, 'session=[redacted]').replace(`\\"value\\":\\"${SESSION}\\"`, '\\"value\\":\\"[redacted]\\"'));
});

test('a scrubbed trace keeps every entry, in order, and every line of its logs still parses', () => {
  const dir = craftRunDir();
  scrubRunDir(dir, { passwords: [PASSWORD] });
  const entries = entriesOf(dir, 'test-output/device-d01a/trace.zip');

  expect(Object.keys(entries), 'entry names and order').toEqual(Object.keys(TRACE_ENTRIES));
  for (const name of ['0-trace.stacks', 'resources/43265.json', 'src/4224.ts']) expect(entries[name], `${name} untouched`).toBe(TRACE_ENTRIES[name]);

  const network = entries['0-trace.network']!.trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as NetworkLine);
  expect(network[0]!.snapshot.response.cookies[0]).toEqual({ path: '/', httpOnly: true, sameSite: 'Lax', name: 'session', value: '[redacted]' });
  expect(network[0]!.snapshot.response.headers[1]).toEqual({ name: 'Set-Cookie', value: 'session=[redacted]; Path=/; HttpOnly; SameSite=Lax' });
  expect(JSON.parse(network[0]!.snapshot.request.postData!.text)).toEqual({ username: 'paigeujj', password: null });
  expect(network[1]!.snapshot.request.cookies).toEqual([{ name: 'session', value: '[redacted]' }]);
  expect(network[1]!.snapshot.request.headers).toEqual([{ name: 'cookie', value: 'session=[redacted]' }]);

  const trace = entries['0-trace.trace']!.trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { params?: { jsonData?: string; value?: string } });
  expect(JSON.parse(trace[1]!.params!.jsonData!)).toEqual({ username: 'paigeujj', password: null });
  expect(JSON.parse(trace[2]!.params!.jsonData!), 'an unknown password is caught by its JSON member').toEqual({ username: 'paigeujj', password: null });
  expect(trace[3]!.params!.value, 'a typed password').toBe('[redacted]');
  expect(trace[4], 'a line without secrets').toEqual(TRACE[4]);

  expect(JSON.parse(entries['resources/999cacdc59a62dcfebffc051ee6c03928cf83e70.json']!)).toEqual({ username: 'paigeujj', password: null });
});

test('a second scrub finds nothing and writes nothing', () => {
  const dir = craftRunDir();
  scrubRunDir(dir, { passwords: [PASSWORD] });
  const stamps = Object.fromEntries(listFiles(dir).map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs]));
  expect(scrubRunDir(dir, { passwords: [PASSWORD] })).toEqual({ filesChanged: 0, removed: [] });
  expect(Object.fromEntries(listFiles(dir).map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs]))).toEqual(stamps);
});

test('an archive that cannot be read is deleted and named, since nobody can show it clean', () => {
  const dir = craftRunDir();
  const cut = zipOf(TRACE_ENTRIES).subarray(0, 200);
  fs.writeFileSync(path.join(dir, 'allure-results/77-attachment.zip'), cut);
  const result = scrubRunDir(dir, { passwords: [PASSWORD] });
  expect(result.removed).toEqual([expect.stringMatching(/^allure-results\/77-attachment\.zip \(.+\)$/)]);
  expect(fs.existsSync(path.join(dir, 'allure-results/77-attachment.zip'))).toBe(false);
});

test('a secret too short to be a password is refused, and so is a path that is not a directory', () => {
  const dir = craftRunDir();
  expect(() => scrubRunDir(dir, { passwords: [PASSWORD, ''] })).toThrow(/a secret of 0 chars .* pass only real passwords/);
  expect(() => scrubRunDir(path.join(dir, 'run.json'), { passwords: [PASSWORD] })).toThrow(/is not a directory: give the scrub a run directory/);
});

test('extra patterns are replaced too', () => {
  const dir = craftRunDir();
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'token tk_12345678 and tk_87654321\n');
  scrubRunDir(dir, { passwords: [PASSWORD], extraPatterns: [/tk_\d{8}/] });
  expect(read(dir, 'notes.txt')).toBe('token [redacted] and [redacted]\n');
});
