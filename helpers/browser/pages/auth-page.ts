/**
 * The auth page at `/`: tabs "Entrar" / "Registrar" and the active form. The tabs and
 * the submit buttons share their names, so submits are always looked up inside the form.
 */
import { test, type Locator, type Page } from '@playwright/test';

const LOGIN = /^(Entrar|Login)$/;
const REGISTER = /^(Registrar|Register)$/;

export interface Registration {
  username: string;
  name: string;
  email: string;
  /** Visible option of "Grupo de Interesse:", e.g. "Outros Interesses". */
  group: string;
  password: string;
}

export class AuthPage {
  readonly title: Locator;
  readonly form: Locator;
  readonly loginTab: Locator;
  readonly registerTab: Locator;
  /** The error line of the form (server's text or the client's own check). */
  readonly formError: Locator;

  constructor(private readonly page: Page) {
    this.title = page.getByRole('heading', { level: 1, name: 'Javumbo' });
    this.form = page.locator('form');
    // The tabs come before the form in both clients; the form's submit has the same name.
    this.loginTab = page.getByRole('button', { name: LOGIN }).first();
    this.registerTab = page.getByRole('button', { name: REGISTER }).first();
    this.formError = this.form.locator('.form-error');
  }

  async logIn(username: string, password: string): Promise<void> {
    await test.step(`log in as ${username} through the form`, async () => {
      await this.form.getByLabel(/^(Usuário|Username):$/).fill(username);
      await this.form.getByLabel(/^(Senha|Password):$/).fill(password);
      await this.form.getByRole('button', { name: LOGIN }).click();
    });
  }

  async openRegisterTab(): Promise<void> {
    await test.step('open the "Registrar" tab', () => this.registerTab.click());
  }

  async register(user: Registration): Promise<void> {
    await test.step(`register ${user.username} through the form`, async () => {
      await this.form.getByLabel(/^(Usuário \(máx 10 caracteres\)|Username \(max 10 chars\)):$/).fill(user.username);
      await this.form.getByLabel(/^(Nome \(máx 40 caracteres\)|Name \(max 40 chars\)):$/).fill(user.name);
      await this.form.getByLabel(/^Email:$/).fill(user.email);
      await this.form.getByRole('combobox', { name: /^(Grupo de Interesse|Group of Interest):$/ }).selectOption({ label: user.group });
      await this.form.getByLabel(/^(Senha \(10-20 caracteres\)|Password \(10-20 chars\)):$/).fill(user.password);
      await this.form.getByLabel(/^(Confirmar Senha|Confirm Password):$/).fill(user.password);
      await this.form.getByRole('button', { name: REGISTER }).click();
    });
  }
}
