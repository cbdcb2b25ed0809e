/**
 * The navbar of every logged-in page: the welcome text, the page links and "Sair".
 * Names in Portuguese (what the client loads every time) or English.
 */
import { test, type Locator, type Page } from '@playwright/test';
import { escapeRegExp } from './reg-exp.ts';

export class Header {
  readonly decksLink: Locator;
  readonly addCardLink: Locator;
  readonly logoutButton: Locator;

  constructor(private readonly page: Page) {
    const nav = page.getByRole('navigation');
    this.decksLink = nav.getByRole('link', { name: /^(Seus Baralhos|Your Decks)$/ });
    this.addCardLink = nav.getByRole('link', { name: /^(Adicionar Cartão|Add Card)$/ });
    this.logoutButton = nav.getByRole('button', { name: /^(Sair|Logout)$/ });
  }

  /** "Bem-vindo, <name>!" (or "Welcome, <name>!"): who the client thinks is logged in. */
  welcome(name: string): Locator {
    return this.page.getByText(new RegExp(`^(Bem-vindo|Welcome), ${escapeRegExp(name)}!$`));
  }

  async logOut(): Promise<void> {
    await test.step('log out with "Sair"', () => this.logoutButton.click());
  }

  async goToDecks(): Promise<void> {
    await test.step('go to "Seus Baralhos"', () => this.decksLink.click());
  }
}
