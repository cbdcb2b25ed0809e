/**
 * Fixtures of the target's own tests:
 * - `launch` (test): starts an embedded target on a fresh data dir of the test (port 0,
 *   bcrypt cost 4 for speed) with the given faults; every target a test launched is
 *   stopped after it.
 * - `users` (test): registers and logs in users on a target, each with its own cookie jar
 *   (Playwright request context), disposed after the test.
 * Neither is `auto`: a test that starts no target pays for nothing.
 */
import { test as base, type APIRequestContext } from '@playwright/test';
import { startTarget, type RunningTarget } from '../../../embedded-server/start.ts';

export interface LaunchOptions {
  faults?: string;
  workers?: number;
  faultSeed?: number;
  enhancedLog?: boolean;
  sessionStore?: string;
}

export interface TargetUser {
  api: APIRequestContext;
  userId: number;
  username: string;
  /** Epoch second of the registration: an add in that second collides with the sample deck's ids. */
  registeredSecond: number;
}

export interface Users {
  /** Registers (201) and logs in (200) a new user on `target`, with a cookie jar of its own. */
  create(target: RunningTarget, username: string): Promise<TargetUser>;
  /** A client with an empty cookie jar. */
  anonymous(target: RunningTarget): Promise<APIRequestContext>;
}

/** Passwords must be 10–20 characters on the real server too. */
const PASSWORD = 'password123';

export const test = base.extend<{ launch: (opts?: LaunchOptions) => Promise<RunningTarget>; users: Users }>({
  launch: async ({}, use, testInfo) => {
    const started: RunningTarget[] = [];
    await use(async (opts = {}) => {
      const target = await startTarget({
        port: 0,
        dataDir: testInfo.outputPath(`data-${started.length}`),
        workers: opts.workers ?? 3,
        faults: opts.faults ?? null,
        faultSeed: opts.faultSeed ?? 1,
        bcryptCost: 4,
        enhancedLog: opts.enhancedLog === true,
        sessionStore: opts.sessionStore ?? 'files',
      });
      started.push(target);
      return target;
    });
    for (const target of started) {
      await testInfo.attach(`server.log (${target.baseUrl})`, { path: target.logFile, contentType: 'text/plain' });
      await target.stop();
    }
  },

  users: async ({ playwright }, use) => {
    const contexts: APIRequestContext[] = [];
    const anonymous = async (target: RunningTarget): Promise<APIRequestContext> => {
      const api = await playwright.request.newContext({ baseURL: target.baseUrl });
      contexts.push(api);
      return api;
    };
    await use({
      anonymous,
      create: async (target, username) => {
        const api = await anonymous(target);
        const registeredSecond = Math.floor(Date.now() / 1000);
        const reg = await api.post('/register', { data: { username, name: `Name of ${username}`, password: PASSWORD } });
        if (reg.status() !== 201) throw new Error(`POST /register ${username} answered ${reg.status()}: ${await reg.text()}`);
        const { userId } = (await reg.json()) as { userId: number };
        const login = await api.post('/login', { data: { username, password: PASSWORD } });
        if (login.status() !== 200) throw new Error(`POST /login ${username} answered ${login.status()}: ${await login.text()}`);
        return { api, userId, username, registeredSecond: Math.max(registeredSecond, Math.floor(Date.now() / 1000)) };
      },
    });
    for (const api of contexts) await api.dispose();
  },
});

export { expect } from '@playwright/test';
