import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { redact, REDACTED } from '../../helpers/secrets/redact.ts';
import { writeRequestLog } from '../../report/request-log.ts';
import { EPOCH_MS, op } from './report-fake-run.ts';

const SECRET_PASSWORD = 'hunter2hunter2';
const SESSION_VALUE = 'b8f1c2de-7a41-4c3e-9d0e-5f2a1b3c4d5e.Zm9vYmFy';

test('drops password fields at any depth, whatever their case', () => {
  const out = redact({
    username: 'ana',
    password: SECRET_PASSWORD,
    nested: { list: [{ newPassword: SECRET_PASSWORD, keep: 1 }], Password: SECRET_PASSWORD },
  });
  expect(out).toEqual({ username: 'ana', nested: { list: [{ keep: 1 }] } });
  expect(JSON.stringify(out)).not.toContain(SECRET_PASSWORD);
});

test('replaces Cookie and Set-Cookie values in header maps, header pairs and text', () => {
  const out = redact({
    headers: { 'Set-Cookie': `session=${SESSION_VALUE}; HttpOnly; Path=/`, cookie: `session=${SESSION_VALUE}`, 'content-type': 'application/json' },
    headersArray: [
      { name: 'Set-Cookie', value: `session=${SESSION_VALUE}` },
      { name: 'Date', value: 'Thu, 01 Jan 2026 00:00:00 GMT' },
    ],
    error: `request failed\nCookie: session=${SESSION_VALUE}\nHost: 127.0.0.1`,
  });
  expect(JSON.stringify(out)).not.toContain(SESSION_VALUE);
  expect(out).toEqual({
    headers: { 'Set-Cookie': REDACTED, cookie: REDACTED, 'content-type': 'application/json' },
    headersArray: [
      { name: 'Set-Cookie', value: REDACTED },
      { name: 'Date', value: 'Thu, 01 Jan 2026 00:00:00 GMT' },
    ],
    error: `request failed\nCookie: ${REDACTED}\nHost: 127.0.0.1`,
  });
});

test('leaves the input untouched and survives cycles', () => {
  const input: Record<string, unknown> = { password: SECRET_PASSWORD, n: 1 };
  input.self = input;
  const out = redact(input) as Record<string, unknown>;
  expect(input.password).toBe(SECRET_PASSWORD);
  expect(out).toEqual({ n: 1, self: '[circular]' });
});

test('the request log is in send order and carries no password or cookie value', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-log-'));
  try {
    const late = op({ vu: 'w01', sentAt: EPOCH_MS + 2_000, seq: 2 });
    const early = {
      ...op({ vu: 'w01', op: 'login', path: '/login', status: 200, sentAt: EPOCH_MS + 1_000, seq: 1 }),
      body: { message: 'Login successful', echo: { username: 'w01k7q', password: SECRET_PASSWORD } },
      error: `Set-Cookie: session=${SESSION_VALUE}`,
    };
    const file = path.join(dir, 'api_request_log.jsonl');
    writeRequestLog(file, [late, early]);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(SECRET_PASSWORD);
    expect(text).not.toContain(SESSION_VALUE);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string });
    expect(lines.map((l) => l.id)).toEqual(['w01#1', 'w01#2']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
