/**
 * Logging in through the form, as every browser VU starts (fixtures/browser-fixture.ts opens
 * its page once its stage started): the login call must succeed and the header must greet
 * the user by name.
 */
import { expect, test, type Page } from '@playwright/test';
import { AuthPage } from './pages/auth-page.ts';
import { Header } from './pages/header.ts';
import type { BrowserTraffic } from './traffic.ts';
import { config } from '../config/config.ts';
import type { Operation } from '../history/operation.ts';

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
