/**
 * Logging in through the form, as every browser VU starts: the login call must succeed
 * and the header must greet the user by name.
 */
import { expect, test, type Page } from '@playwright/test';
import { AuthPage } from './pages/auth-page.ts';
import { Header } from './pages/header.ts';
import type { BrowserTraffic } from './traffic.ts';
import { config } from '../setup/config.ts';
import type { Operation } from '../history/operation.ts';
import { Deadline } from '../vu/pacing.ts';
import { waitForScheduledStart } from '../vu/schedule.ts';
import type { Vu } from '../vu/vu.ts';

/** Log in with the form of the page at `/` and wait for "Bem-vindo, <name>!". Returns the login op. */
export async function logInThroughForm(page: Page, recorder: BrowserTraffic, user: { username: string; name: string }, password: string): Promise<Operation> {
  return test.step(`log in as ${user.username} and see "Bem-vindo, ${user.name}!"`, async () => {
    const auth = new AuthPage(page);
    const cursor = recorder.cursor();
    await auth.logIn(user.username, password);
    const [login] = await recorder.waitFor(cursor, 'login', 1, config.requestTimeoutMs);
    expect(login!.outcome, `POST /login of ${user.username}: ${login!.status ?? 'no answer'} ${login!.error ?? JSON.stringify(login!.body)}`).toBe('ok');
    await expect(new Header(page).welcome(user.name)).toBeVisible();
    return login!;
  });
}

/**
 * How every browser VU starts: wait for its stage (logins cost the server a bcrypt hash, so
 * they happen when the stage starts, as for API VUs), open `/`, log in through the form.
 * Returns the VU's deadline, counted from the login.
 */
export async function startBrowserVu(page: Page, recorder: BrowserTraffic, vu: Vu): Promise<Deadline> {
  const lateMs = await test.step(`wait for ${vu.spec.stageName}`, () => waitForScheduledStart(vu.spec, vu.epochMs));
  test.info().annotations.push({ type: `started late for ${vu.spec.stageName} (ms)`, description: String(lateMs) });
  await page.goto('/');
  await logInThroughForm(page, recorder, vu.user, vu.password(vu.user.username));
  return Deadline.after(vu.spec.budgetMs);
}
