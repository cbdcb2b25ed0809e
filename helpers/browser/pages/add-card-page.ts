/**
 * "Adicionar ao Baralho: <deck>" (/add): Frente, Verso and the form's "Adicionar Cartão"
 * (the header has a link of the same name, so the button is looked up in the form).
 */
import { test, type Locator, type Page } from '@playwright/test';
import { escapeRegExp } from './reg-exp.ts';

export class AddCardPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly front: Locator;
  readonly back: Locator;
  readonly submit: Locator;
  readonly success: Locator;
  /** The error line: the server's error text, or the client's own when there is none. */
  readonly failure: Locator;
  /** Whichever result line the last add left. */
  readonly result: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 2, name: /^(Adicionar ao Baralho|Add to Deck):/ });
    this.form = page.locator('form');
    this.front = this.form.getByRole('textbox', { name: /^(Frente|Front)$/ });
    this.back = this.form.getByRole('textbox', { name: /^(Verso|Back)$/ });
    this.submit = this.form.getByRole('button', { name: /^(Adicionar Cartão|Add Card)$/ });
    this.success = page.getByText(/^(Cartão adicionado com sucesso!|Card added successfully!)$/);
    // The line has no role in either client; Bootstrap's danger alert is what both render.
    this.failure = page.locator('.alert-danger');
    this.result = this.success.or(this.failure);
  }

  /** The heading for a deck: "Adicionar ao Baralho: <deck>". */
  headingFor(deckName: string): Locator {
    return this.page.getByRole('heading', { level: 2, name: new RegExp(`^(Adicionar ao Baralho|Add to Deck): ${escapeRegExp(deckName)}$`) });
  }

  async addCard(front: string, back: string): Promise<void> {
    await test.step('fill Frente and Verso, click "Adicionar Cartão"', async () => {
      await this.front.fill(front);
      await this.back.fill(back);
      await this.submit.click();
    });
  }
}
