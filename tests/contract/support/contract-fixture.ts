/**
 * Fixtures of the contract specs, on top of the worker's `target`:
 * - `sessions` (test): new users and clients, each client with its own cookie jar,
 *   all disposed after the test;
 * - `reader` (worker): one registered, logged-in user per worker for checks that do not
 *   change that user's data (error answers, shapes of untouched routes), because
 *   registering and logging in cost a bcrypt hash each (about 0.25 s at cost 12).
 * Neither is `auto`: a spec asks for what it uses, so a spec without the reader never
 * pays for one.
 */
import type { APIRequestContext } from '@playwright/test';
import { test as base, expect, type TargetInfo } from '../../../fixtures/target-fixture.ts';
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

export const test = base.extend<{ sessions: Sessions }, { reader: Reader }>({
  sessions: async ({ playwright, target }, use) => {
    const opened: APIRequestContext[] = [];
    const client = async (): Promise<APIRequestContext> => {
      const api = await playwright.request.newContext({ baseURL: target.baseUrl });
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
    await use(sessions);
    await Promise.all(opened.map((api) => api.dispose()));
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
