/**
 * "Seus Baralhos" (/decks): one list item per deck with its gear menu, and the
 * new-deck form. Every gear has the same name, so a deck is found by its list item first.
 */
import { test, type Locator, type Page } from '@playwright/test';

export type GearAction = 'Revisar' | 'Estatísticas' | 'Navegar Cartões' | 'Renomear' | 'Adicionar Cartão' | 'Excluir';

const ENGLISH: Record<GearAction, string> = {
  Revisar: 'Review',
  Estatísticas: 'Statistics',
  'Navegar Cartões': 'Browse Cards',
  Renomear: 'Rename',
  'Adicionar Cartão': 'Add Card',
  Excluir: 'Delete',
};

export class DecksPage {
  readonly heading: Locator;
  readonly newDeckName: Locator;
  readonly createButton: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: /^(Seus Baralhos|Your Decks)$/ });
    // Its accessible name is its title ("Nome do baralho é obrigatório."), so the placeholder finds it.
    this.newDeckName = page.getByPlaceholder(/^(Digite o nome do baralho|Enter deck name)$/);
    this.createButton = page.getByRole('button', { name: /^(Criar Baralho|Create Deck)$/ });
  }

  /** The list item of the deck named exactly `name`. */
  deck(name: string): Locator {
    return this.page.getByRole('listitem').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  async createDeck(name: string): Promise<void> {
    await test.step(`create deck "${name}" with "Criar Baralho"`, async () => {
      await this.newDeckName.fill(name);
      await this.createButton.click();
    });
  }

  /** Open the deck's gear menu and pick an entry ("Revisar", "Adicionar Cartão", …). */
  async gearAction(deckName: string, action: GearAction): Promise<void> {
    await test.step(`gear of "${deckName}" → "${action}"`, async () => {
      const item = this.deck(deckName);
      await item.getByRole('button', { name: /⚙/ }).click();
      await item.getByRole('button', { name: new RegExp(`^(${action}|${ENGLISH[action]})$`) }).click();
    });
  }
}
