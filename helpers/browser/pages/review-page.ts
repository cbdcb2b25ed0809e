/**
 * "Revisar Cartões" (/review): the front under h5 "Frente", "Mostrar Resposta", then the
 * four ease buttons "Novamente (1)" … "Fácil (4)".
 */
import { test, type Locator, type Page } from '@playwright/test';
import { escapeRegExp } from './reg-exp.ts';

export type Ease = 1 | 2 | 3 | 4;

const EASE_NAMES: Record<Ease, string> = {
  1: '(Novamente|Again) \\(1\\)',
  2: '(Difícil|Hard) \\(2\\)',
  3: '(Bom|Good) \\(3\\)',
  4: '(Fácil|Easy) \\(4\\)',
};

export class ReviewPage {
  readonly heading: Locator;
  /** The text right under the h5 "Frente": the card on screen. */
  readonly front: Locator;
  readonly backHeading: Locator;
  readonly showAnswerButton: Locator;
  readonly backToDecks: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 2, name: /^(Revisar Cartões|Review Cards)$/ });
    this.front = page.getByRole('heading', { level: 5, name: /^(Frente|Front)$/ }).locator('xpath=following-sibling::*[1]');
    this.backHeading = page.getByRole('heading', { level: 5, name: /^(Verso|Back)$/ });
    this.showAnswerButton = page.getByRole('button', { name: /^(Mostrar Resposta|Show Answer)$/ });
    this.backToDecks = page.getByRole('button', { name: /^(Voltar aos Baralhos|Back to Decks)$/ });
  }

  easeButton(ease: Ease): Locator {
    return this.page.getByRole('button', { name: new RegExp(`^${EASE_NAMES[ease]}$`) });
  }

  /** A front with exactly this text under "Frente". */
  frontShowing(text: string): Locator {
    const words = text.trim().split(/\s+/).map(escapeRegExp);
    return this.front.filter({ hasText: new RegExp(`^\\s*${words.join('\\s+')}\\s*$`) });
  }

  /** The front text as the user reads it. */
  async readFront(): Promise<string> {
    return test.step('read the front on screen', async () => (await this.front.innerText()).trim());
  }

  async showAnswer(): Promise<void> {
    await test.step('click "Mostrar Resposta"', () => this.showAnswerButton.click());
  }

  async answer(ease: Ease): Promise<void> {
    await test.step(`answer with ease ${ease}`, () => this.easeButton(ease).click());
  }
}
