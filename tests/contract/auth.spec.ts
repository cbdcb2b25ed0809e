/**
 * POST /register, /login, /logout: success shapes, every validation message, the
 * session cookie, and independence of two sessions of one user.
 */
import crypto from 'node:crypto';
import { test, expect } from './support/contract-fixture.ts';
import { newPassword, uniqueUsername } from './support/names.ts';
import { expectError, expectJson } from './support/responses.ts';
import { readAdminDb, userByName } from '../support/user-db.ts';

const LENGTH_ERRORS = {
  username: 'Username must be between 1 and 10 characters',
  name: 'Name must be between 1 and 40 characters',
  password: 'Password must be between 10 and 20 characters',
} as const;

test.describe('POST /register', () => {
  test('answers 201 with the new user id and ignores extra fields such as email and group', async ({ sessions }) => {
    const api = await sessions.anonymous();
    const username = uniqueUsername('au');
    const res = await api.post('/register', {
      data: { username, name: 'Ana Souza', password: newPassword(), email: 'ana@example.org', group: 'Metrologia' },
    });
    const body = await expectJson<{ message: string; userId: number }>(res, 201);
    expect(body).toEqual({ message: 'User registered successfully', userId: expect.any(Number) });
    expect(Number.isInteger(body.userId) && body.userId > 0).toBe(true);
  });

  test('answers 400 "Missing required fields" when username, name or password is absent', async ({ sessions }) => {
    const api = await sessions.anonymous();
    const full = { username: uniqueUsername('au'), name: 'Nobody', password: newPassword() };
    for (const missing of ['username', 'name', 'password'] as const) {
      const data: Record<string, string> = { ...full };
      delete data[missing];
      await expectError(await api.post('/register', { data }), 400, 'Missing required fields');
    }
    await expectError(await api.post('/register', { data: {} }), 400, 'Missing required fields');
    // JSON that is not an object is treated as missing everything.
    await expectError(await api.post('/register', { data: [] }), 400, 'Missing required fields');
    await expectError(await api.post('/register', { headers: { 'content-type': 'application/json' }, data: Buffer.from('null') }), 400, 'Missing required fields');
  });

  test('enforces the username, name and password length limits, in that order', async ({ sessions }) => {
    const api = await sessions.anonymous();
    const ok = { username: uniqueUsername('au'), name: 'Length Check', password: newPassword() };
    const cases: [Partial<typeof ok>, string][] = [
      [{ username: '' }, LENGTH_ERRORS.username],
      [{ username: 'a'.repeat(11) }, LENGTH_ERRORS.username],
      // The username is trimmed before the check.
      [{ username: '   ' }, LENGTH_ERRORS.username],
      [{ name: '' }, LENGTH_ERRORS.name],
      [{ name: 'n'.repeat(41) }, LENGTH_ERRORS.name],
      [{ name: '  ' }, LENGTH_ERRORS.name],
      [{ password: 'p'.repeat(9) }, LENGTH_ERRORS.password],
      [{ password: 'p'.repeat(21) }, LENGTH_ERRORS.password],
      // Several bad fields: the username is reported first, then the name.
      [{ username: '', name: '', password: '' }, LENGTH_ERRORS.username],
      [{ name: '', password: '' }, LENGTH_ERRORS.name],
    ];
    for (const [patch, error] of cases) {
      await test.step(`${JSON.stringify(patch)} → ${error}`, async () => {
        await expectError(await api.post('/register', { data: { ...ok, ...patch } }), 400, error);
      });
    }
  });

  test('accepts the limits themselves: 10-char username, 40-char name, 10- and 20-char passwords', async ({ sessions }) => {
    const api = await sessions.anonymous();
    for (const password of ['p'.repeat(10), 'q'.repeat(20)]) {
      const username = uniqueUsername('al');
      expect(username).toHaveLength(10);
      const res = await api.post('/register', { data: { username, name: 'N'.repeat(40), password } });
      await expectJson(res, 201);
    }
  });

  test('counts lengths in characters (code points), not UTF-16 units or bytes', async ({ sessions }) => {
    const api = await sessions.anonymous();
    // Emoji lie outside the BMP: one character each for the server, two UTF-16 units in JS.
    const emoji = (n: number): string => Array.from({ length: n }, () => String.fromCodePoint(0x1f600 + crypto.randomInt(0, 80))).join('');
    const ok = { username: emoji(10), name: emoji(40), password: emoji(10) };
    await expectError(await api.post('/register', { data: { ...ok, username: emoji(11) } }), 400, LENGTH_ERRORS.username);
    await expectError(await api.post('/register', { data: { ...ok, name: emoji(41) } }), 400, LENGTH_ERRORS.name);
    await expectError(await api.post('/register', { data: { ...ok, password: emoji(9) } }), 400, LENGTH_ERRORS.password);
    await expectJson(await api.post('/register', { data: ok }), 201);
  });

  test('answers 409 "Username already exists" for a taken username, after trimming it', async ({ sessions, target }) => {
    const api = await sessions.anonymous();
    const username = uniqueUsername('du');
    await expectJson(await api.post('/register', { data: { username: ` ${username} `, name: 'First', password: newPassword() } }), 201);
    const stored = readAdminDb(target.dataDir, (db) => userByName(db, username));
    expect(stored?.username, 'the stored username is the trimmed one').toBe(username);
    await expectError(await api.post('/register', { data: { username, name: 'Second', password: newPassword() } }), 409, 'Username already exists');
    // Field checks come before the duplicate check.
    await expectError(await api.post('/register', { data: { username, name: 'Second', password: 'short' } }), 400, LENGTH_ERRORS.password);
  });
});

test.describe('POST /login', () => {
  test('answers 200 with the user and sets an HttpOnly session cookie <uuid4>.<signature>', async ({ sessions }) => {
    const user = await sessions.register('li');
    const api = await sessions.anonymous();
    const res = await api.post('/login', { data: { username: user.username, password: user.password } });
    expect(await expectJson(res, 200)).toEqual({ message: 'Login successful', user: { userId: user.userId, username: user.username, name: user.name } });
    const cookie = res.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie')?.value ?? '';
    expect(cookie).toMatch(/^session=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.[A-Za-z0-9_-]+;/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie, 'the session cookie has no expiry').not.toMatch(/Expires=|Max-Age=/i);
    // The contract says SameSite=Lax; the real server under Flask 2.2 sends no SameSite at all
    // (browsers then default to Lax), so only a stricter or looser value is refused.
    expect(cookie).not.toMatch(/SameSite=(None|Strict)/i);
    await expectJson(await api.get('/decks'), 200);
  });

  test('answers 400 "Username and password are required" when either is absent', async ({ sessions }) => {
    const api = await sessions.anonymous();
    for (const data of [{}, [], { username: 'someone' }, { password: 'something-long' }]) {
      await expectError(await api.post('/login', { data }), 400, 'Username and password are required');
    }
  });

  test('answers 401 "Invalid username or password" for a wrong password and for an unknown user', async ({ sessions }) => {
    const user = await sessions.register('lw');
    const api = await sessions.anonymous();
    await expectError(await api.post('/login', { data: { username: user.username, password: `${user.password}x` } }), 401, 'Invalid username or password');
    await expectError(await api.post('/login', { data: { username: uniqueUsername('nx'), password: newPassword() } }), 401, 'Invalid username or password');
    // Registration trims the username; login does not.
    await expectError(await api.post('/login', { data: { username: ` ${user.username}`, password: user.password } }), 401, 'Invalid username or password');
    await expectError(await api.get('/decks'), 401, 'Authentication required');
  });
});

test.describe('POST /logout', () => {
  test('answers 200 "Logout successful" without a session', async ({ sessions }) => {
    const api = await sessions.anonymous();
    expect(await expectJson(await api.post('/logout'), 200)).toEqual({ message: 'Logout successful' });
  });

  test('ends only its own session: another login of the same user keeps working', async ({ sessions }) => {
    const { user, api: first } = await sessions.newUser('lo');
    const second = await sessions.login(user);
    expect(await expectJson(await first.post('/logout'), 200)).toEqual({ message: 'Logout successful' });
    await expectError(await first.get('/decks'), 401, 'Authentication required');
    await expectJson(await second.get('/decks'), 200);
  });
});
