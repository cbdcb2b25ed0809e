/**
 * Fixtures of the contract specs, on top of the worker's `target`:
 * - `sessions` (test): new users and clients, each client with its own cookie jar,
 *   all disposed after the test;
 * - `reader` (worker): one registered, logged-in user per worker for checks that do not
 *   change that user's data (error answers, shapes of untouched routes), because
 *   registering and logging in cost a bcrypt hash each (about 0.25 s at cost 12).
 * - `quick` (test): a target whose bcrypt hashes take milliseconds, and sessions on it, for
 *   checks that must fit register, login and add into one clock second: a target of the test's
 *   own at bcrypt's lowest cost when the suite runs the embedded one, else the configured target
 *   (a real server's cost is its own).
 * None is `auto`: a spec asks for what it uses, so a spec without the reader never
 * pays for one, and only the test that needs it starts a second target.
 */
import type { APIRequestContext, APIRequest } from '@playwright/test';
import { test as base, expect, type TargetInfo } from '../../../fixtures/target-fixture.ts';
import { startTarget } from '../../../embedded-server/start.ts';
import { secondAfter } from './clock.ts';
import { newPassword, uniqueUsername } from './names.ts';

export interface ContractUser {
  username: string;
  name: string;
  password: string;
  userId: number;
  /** Epoch ms just before POST /register was sent and just after it returned. */
  sentMs: number;
  returnedMs: number;
}

export interface Sessions {
  /** A client with an empty cookie jar. */
  anonymous(): Promise<APIRequestContext>;
  /** Registers a fresh user (must answer 201); `prefix` (≤ 3 chars) names the spec in the username. */
  register(prefix: string): Promise<ContractUser>;
  /** Logs `user` in on a new client (must answer 200). */
  login(user: ContractUser): Promise<APIRequestContext>;
  /** Register, then log in. */
  newUser(prefix: string): Promise<{ user: ContractUser; api: APIRequestContext }>;
  /**
   * `newUser`, then wait until the registration second is over: an add_card in that
   * second would get the first sample note's id and fail with 500.
   */
  newWriter(prefix: string): Promise<{ user: ContractUser; api: APIRequestContext }>;
}

export interface Reader {
  user: ContractUser;
  api: APIRequestContext;
}

async function registerUser(api: APIRequestContext, prefix: string): Promise<ContractUser> {
  const username = uniqueUsername(prefix);
  const name = `Contract ${username}`;
  const password = newPassword();
  const sentMs = Date.now();
  const res = await api.post('/register', { data: { username, name, password } });
  const returnedMs = Date.now();
  expect(res.status(), `POST /register ${username}: ${await res.text()}`).toBe(201);
  const body = (await res.json()) as { userId: number };
  return { username, name, password, userId: body.userId, sentMs, returnedMs };
}

async function loginUser(api: APIRequestContext, user: ContractUser): Promise<void> {
  const res = await api.post('/login', { data: { username: user.username, password: user.password } });
  expect(res.status(), `POST /login ${user.username}: ${await res.text()}`).toBe(200);
}

/** bcrypt's lowest cost: a hash in about a millisecond, whatever the machine's load. */
const QUICK_BCRYPT_COST = 4;
/** The embedded target's own bound on getting ready (embedded-server/start.ts READY_TIMEOUT_MS). */
const QUICK_TARGET_BOOT_MS = 60_000;

/** Sessions on the target at `baseUrl`; `dispose` closes every client they opened. */
function sessionsOn(request: APIRequest, baseUrl: string): { sessions: Sessions; dispose: () => Promise<void> } {
  const opened: APIRequestContext[] = [];
  const client = async (): Promise<APIRequestContext> => {
    const api = await request.newContext({ baseURL: baseUrl });
    opened.push(api);
    return api;
  };
  const sessions: Sessions = {
    anonymous: client,
    register: async (prefix) => registerUser(await client(), prefix),
    login: async (user) => {
      const api = await client();
      await loginUser(api, user);
      return api;
    },
    newUser: async (prefix) => {
      const api = await client();
      const user = await registerUser(api, prefix);
      await loginUser(api, user);
      return { user, api };
    },
    newWriter: async (prefix) => {
      const made = await sessions.newUser(prefix);
      await secondAfter(made.user.returnedMs);
      return made;
    },
  };
  return { sessions, dispose: async () => void (await Promise.all(opened.map((api) => api.dispose()))) };
}

export const test = base.extend<{ sessions: Sessions; quick: { target: TargetInfo; sessions: Sessions } }, { reader: Reader }>({
  sessions: async ({ playwright, target }, use) => {
    const { sessions, dispose } = sessionsOn(playwright.request, target.baseUrl);
    await use(sessions);
    await dispose();
  },
  quick: async ({ playwright, target }, use, testInfo) => {
    // Booting a target under tsx takes seconds on a busy machine: that time is the fixture's, not the check's.
    if (target.embedded) testInfo.setTimeout(testInfo.timeout + QUICK_TARGET_BOOT_MS);
    const own = target.embedded ? await startTarget({ port: 0, dataDir: testInfo.outputPath('quick-target'), workers: 1, bcryptCost: QUICK_BCRYPT_COST }) : null;
    const quick: TargetInfo = own ? { baseUrl: own.baseUrl, dataDir: own.dataDir, serverLog: own.logFile, embedded: true } : target;
    const { sessions, dispose } = sessionsOn(playwright.request, quick.baseUrl);
    await use({ target: quick, sessions });
    await dispose();
    await own?.stop();
  },
  reader: [
    async ({ playwright, target }, use) => {
      const api = await playwright.request.newContext({ baseURL: target.baseUrl });
      const user = await registerUser(api, 'rd');
      await loginUser(api, user);
      await use({ user, api });
      await api.dispose();
    },
    { scope: 'worker' },
  ],
});

export { expect };
export type { TargetInfo };
