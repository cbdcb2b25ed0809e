/**
 * Scenario A in a real browser: each VU signs up a NEW user with the "Registrar" form
 * (email and interest group included, which only the client requires), accepts the
 * success alert, logs in with the form and is greeted by name. The account must then be
 * in admin.db with the id the server answered, with its own Anki database beside it.
 */
import fs from 'node:fs';
import { test, expect } from '../../fixtures/browser-fixture.ts';
import { VUS_ANNOTATION } from '../../helpers/vu/shard-vus.ts';
import { AuthPage } from '../../helpers/browser/pages/auth-page.ts';
import { readAdminUsers } from '../../db/admin-db.ts';
import { userDbPath } from '../../db/anki-collection.ts';
import { browserRegistrantVus, registrantFor } from '../../helpers/browser/registrants.ts';
import { logInThroughForm } from '../../helpers/browser/login.ts';
import { attachScreenshot } from '../../helpers/browser/screenshot.ts';
import { config } from '../../helpers/config/config.ts';
import { runTagOf } from '../../helpers/run/current-run.ts';
import { passwordFor } from '../../helpers/secrets/run-secret.ts';

const SUCCESS_ALERT = /^(Registro realizado com sucesso! Por favor, faça login\.|Registration successful! Please login\.)$/;

for (const spec of browserRegistrantVus(config.profile, config.onlyVus)) {
  test.describe(() => {
    test.use({ vuSpec: spec });

    test(
      `browser registrant ${spec.vu} signs up a new user through the form and logs in as it`,
      { tag: ['@browser', '@registration'], annotation: { type: VUS_ANNOTATION, description: spec.vu } },
      async ({ page, run, recorder }, testInfo) => {
        const user = registrantFor(spec.vu, runTagOf(run.info.id));
        const password = passwordFor(run.secret, user.username);
        recorder.actAs(user.username, null);
        const auth = new AuthPage(page);
        await page.goto('/');
        await expect(auth.title).toBeVisible();

        const registered = await test.step(`register ${user.username} ("${user.name}", ${user.group})`, async () => {
          await auth.openRegisterTab();
          let alertText: string | null = null;
          // The alert blocks the page until it is answered; the client shows the login tab after it.
          page.once('dialog', (dialog) => {
            alertText = dialog.message();
            dialog.accept().catch(() => undefined);
          });
          const cursor = recorder.cursor();
          await auth.register({ ...user, password });
          const [op] = await recorder.waitFor(cursor, 'register', 1, config.requestTimeoutMs);
          expect(op!.outcome, `POST /register of ${user.username}: ${op!.status ?? 'no answer'} ${op!.error ?? JSON.stringify(op!.body)}`).toBe('ok');
          await expect.poll(() => alertText, { message: 'the success alert', timeout: config.requestTimeoutMs }).toMatch(SUCCESS_ALERT);
          await expect(auth.form.getByRole('heading', { level: 2, name: /^(Entrar|Login)$/ }), 'the login tab comes back').toBeVisible();
          await attachScreenshot(page, testInfo, 'after registering');
          const userId = (op!.body as { userId?: unknown }).userId;
          expect(typeof userId, `userId in ${JSON.stringify(op!.body)}`).toBe('number');
          recorder.actAs(user.username, userId as number);
          return userId as number;
        });

        await logInThroughForm(page, recorder, user, password);
        await attachScreenshot(page, testInfo, 'logged in');

        await test.step(`${user.username} is in admin.db as user ${registered}, with its own database`, () => {
          const account = readAdminUsers(run.info.dataDir).find((a) => a.username === user.username);
          expect(account, `${user.username} in admin.db`).toBeTruthy();
          expect(account!.userId, 'id in admin.db = id /register answered').toBe(registered);
          expect(account!.name).toBe(user.name);
          expect(fs.existsSync(userDbPath(run.info.dataDir, registered)), `${userDbPath(run.info.dataDir, registered)} exists`).toBe(true);
        });
      },
    );
  });
}
