// The decks page (/decks): h1 "Seus Baralhos", one list item per deck with a
// gear button "⚙ ▼" whose menu holds Revisar, Estatísticas, Navegar Cartões,
// Renomear, Adicionar Cartão, Excluir; a create form ("Digite o nome do
// baralho" / "Criar Baralho"); "Exportar Coleção"; a card browser view.
//
// Requests follow the real client: GET /decks on mount, again after a deck is
// created, after a language change and after a navigation that lands on this
// same page; "Revisar" and "Adicionar Cartão" PUT /decks/current before
// navigating; the chosen deck's name is kept in localStorage
// ("currentDeckName") for the add, review and statistics pages.
import { h } from '../dom.js';
import { Component } from '../component.js';
import { api, serverError } from '../api.js';
import { t } from '../i18n.js';
import { Header } from '../components/header.js';
import { cardBrowserView } from '../components/deck-card-browser.js';
import { cardDeleteModal, deckDeleteModal, deckRenameModal } from '../components/decks-modals.js';

const DECK_NAME_KEY = 'currentDeckName';
const CARDS_PER_PAGE = 10;
const EMPTY_PAGINATION = { total: 0, perPage: CARDS_PER_PAGE, totalPages: 0 };

function rememberDeckName(name) {
  localStorage.setItem(DECK_NAME_KEY, name);
}

export class DecksPage extends Component {
  constructor(app) {
    super(app);
    this.header = new Header(app);
    this.state = {
      decks: [], isLoading: true, error: '', newDeckName: '', isCreating: false, isExporting: false,
      activeView: 'decks', selectedDeck: null, cards: [], isLoadingCards: false, cardsError: '',
      expandedCardId: null, currentPage: 1, pagination: EMPTY_PAGINATION,
      showDeleteModal: false, cardToDelete: null, isDeleting: false,
      showDeckDeleteModal: false, deckToDelete: null, isDeckDeleting: false,
      showDeckRenameModal: false, deckToRename: null, newDeckRename: '', isRenaming: false,
      openDropdownId: null,
    };
  }

  mounted() {
    this.listen('click', () => {
      if (this.state.openDropdownId !== null) this.setState({ openDropdownId: null });
    });
    void this.fetchDecks();
  }

  languageChanged() {
    void this.fetchDecks();
  }

  locationChanged() {
    void this.fetchDecks();
  }

  unmount() {
    this.header.unmount();
    super.unmount();
  }

  /** A 401 anywhere here logs the user out, as the real client does. */
  logoutOn401(err) {
    if (err?.response?.status === 401) void this.app.logout();
  }

  async fetchDecks() {
    this.setState({ isLoading: true, error: '' });
    try {
      const response = await api.get('/decks');
      this.setState({ decks: Array.isArray(response.data) ? response.data : [] });
    } catch (err) {
      this.setState({ error: t('decks.errorFetching') });
      this.logoutOn401(err);
    } finally {
      this.setState({ isLoading: false });
    }
  }

  async fetchCards(deckId, page = 1) {
    if (!deckId) return;
    this.setState({ isLoadingCards: true, cardsError: '' });
    try {
      const response = await api.get(`/decks/${deckId}/cards`, { params: { page, perPage: CARDS_PER_PAGE } });
      const data = response.data ?? {};
      this.setState({ cards: data.cards || [], pagination: data.pagination || { ...EMPTY_PAGINATION, page: 1 } });
      if (data.deckName) {
        this.setState({ selectedDeck: { id: data.deckId, name: data.deckName } });
        rememberDeckName(data.deckName);
      }
    } catch (err) {
      // The real client shows this text in English whatever the language.
      this.setState({ cardsError: 'Failed to load cards. Please try again later.' });
      this.logoutOn401(err);
    } finally {
      this.setState({ isLoadingCards: false });
    }
  }

  toggleDropdown(event, deckId) {
    event.stopPropagation();
    this.setState({ openDropdownId: this.state.openDropdownId === deckId ? null : deckId });
  }

  dropdownAction(event, action, deck) {
    event.stopPropagation();
    this.setState({ openDropdownId: null });
    if (action === 'review') void this.selectDeckAndGo(deck.id, deck.name, '/review');
    else if (action === 'stats') {
      rememberDeckName(deck.name || 'Unknown Deck');
      this.app.navigate(`/decks/${deck.id}/stats`);
    } else if (action === 'browse') this.viewCards(deck.id);
    else if (action === 'rename') {
      this.setState({ deckToRename: { id: deck.id, name: deck.name }, newDeckRename: deck.name, showDeckRenameModal: true });
    } else if (action === 'addCard') void this.selectDeckAndGo(deck.id, deck.name, '/add');
    else if (action === 'delete') {
      this.setState({ deckToDelete: { id: deck.id, name: deck.name }, showDeckDeleteModal: true });
    }
  }

  /** "Revisar" and the gear's "Adicionar Cartão": make the deck current on the server first. */
  async selectDeckAndGo(deckId, deckName, path) {
    this.setState({ error: '' });
    try {
      await api.put('/decks/current', { deckId });
      rememberDeckName(deckName);
      this.app.navigate(path);
    } catch (err) {
      this.setState({ error: t('decks.errorSelectingDeck') });
      this.logoutOn401(err);
    }
  }

  async createDeck(event) {
    event.preventDefault();
    const { newDeckName } = this.state;
    if (!newDeckName.trim()) {
      this.setState({ error: t('decks.errorNameRequired') });
      return;
    }
    this.setState({ isCreating: true, error: '' });
    try {
      await api.post('/decks', { name: newDeckName });
      this.setState({ newDeckName: '' });
      void this.fetchDecks();
    } catch {
      this.setState({ error: t('decks.errorCreating') });
    } finally {
      this.setState({ isCreating: false });
    }
  }

  async exportCollection() {
    this.setState({ isExporting: true, error: '' });
    try {
      const response = await api.get('/export', { blob: true });
      const disposition = response.headers.get('content-disposition');
      const match = disposition?.match(/filename="?([^;"]+)"?/);
      const filename = match?.[1] ?? 'flashcard_export.apkg';
      const url = URL.createObjectURL(response.data);
      const anchor = h('a', { href: url, download: filename, style: { display: 'none' } });
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
      URL.revokeObjectURL(url);
      window.alert('Export successful! Check your downloads.');
    } catch (err) {
      if (err?.response?.status === 401) void this.app.logout();
      else if (err?.response && typeof err.response.data === 'object') {
        this.setState({ error: serverError(err) ?? 'Export failed.' });
      } else this.setState({ error: 'Export failed. Please try again.' });
    } finally {
      this.setState({ isExporting: false });
    }
  }

  viewCards(deckId) {
    this.setState({ activeView: 'cards', currentPage: 1, expandedCardId: null });
    void this.fetchCards(deckId, 1);
  }

  changePage(page) {
    if (page < 1 || page > this.state.pagination.totalPages) return;
    this.setState({ currentPage: page });
    void this.fetchCards(this.state.selectedDeck?.id, page);
  }

  async confirmCardDelete() {
    const { cardToDelete, cards, currentPage, selectedDeck } = this.state;
    if (!cardToDelete) return;
    this.setState({ isDeleting: true });
    try {
      await api.delete(`/cards/${cardToDelete.cardId}`);
      this.setState((s) => ({
        cards: cards.filter((card) => card.cardId !== cardToDelete.cardId),
        pagination: {
          ...s.pagination,
          total: s.pagination.total - 1,
          totalPages: Math.max(1, Math.ceil((s.pagination.total - 1) / s.pagination.perPage)),
        },
        showDeleteModal: false,
        cardToDelete: null,
      }));
      if (cards.length === 1 && currentPage > 1) {
        void this.fetchCards(selectedDeck?.id, currentPage - 1);
        this.setState({ currentPage: currentPage - 1 });
      }
    } catch (err) {
      if (err?.response?.status === 401) void this.app.logout();
      else this.setState({ cardsError: 'Failed to delete card. Please try again.' });
    } finally {
      this.setState({ isDeleting: false });
    }
  }

  async confirmDeckDelete() {
    const { deckToDelete, decks, selectedDeck } = this.state;
    if (!deckToDelete) return;
    this.setState({ isDeckDeleting: true });
    try {
      await api.delete(`/decks/${deckToDelete.id}`);
      this.setState({ decks: decks.filter((deck) => deck.id !== deckToDelete.id), showDeckDeleteModal: false, deckToDelete: null });
      if (selectedDeck && selectedDeck.id === deckToDelete.id) this.setState({ selectedDeck: null, activeView: 'decks' });
    } catch (err) {
      if (err?.response?.status === 401) void this.app.logout();
      else this.setState({ error: 'Failed to delete deck. Please try again.' });
    } finally {
      this.setState({ isDeckDeleting: false });
    }
  }

  async confirmDeckRename() {
    const { deckToRename, newDeckRename, decks, selectedDeck } = this.state;
    const name = newDeckRename.trim();
    if (!deckToRename || !name) return;
    this.setState({ isRenaming: true });
    try {
      await api.put(`/decks/${deckToRename.id}/rename`, { name });
      this.setState({ decks: decks.map((deck) => (deck.id === deckToRename.id ? { ...deck, name } : deck)) });
      if (selectedDeck && selectedDeck.id === deckToRename.id) {
        this.setState({ selectedDeck: { ...selectedDeck, name } });
        rememberDeckName(name);
      }
      this.setState({ showDeckRenameModal: false, deckToRename: null, newDeckRename: '' });
    } catch (err) {
      if (err?.response?.status === 401) void this.app.logout();
      else this.setState({ error: serverError(err) ?? 'Failed to rename deck. Please try again.' });
    } finally {
      this.setState({ isRenaming: false });
    }
  }

  view() {
    const s = this.state;
    if (s.isLoading) {
      return h('div', { class: 'container mt-4' }, this.header.view(), h('p', null, t('common.loading')));
    }
    const navClass = (view) => (s.activeView === view ? 'view-tab active' : 'view-tab');
    return h('div', { class: 'decks-page' },
      this.header.view(),
      h('div', null,
        h('div', { class: 'view-tabs' },
          h('button', { class: navClass('decks'), onClick: () => this.setState({ activeView: 'decks' }) }, t('decks.decks')),
          s.selectedDeck && h('button', { class: navClass('cards'), onClick: () => this.viewCards(s.selectedDeck.id) },
            t('decks.cardsIn', { deckName: s.selectedDeck.name })),
        ),
      ),
      s.activeView === 'decks' ? this.decksView() : cardBrowserView(this),
      s.showDeleteModal && cardDeleteModal(this),
      s.showDeckDeleteModal && deckDeleteModal(this),
      s.showDeckRenameModal && deckRenameModal(this),
    );
  }

  decksView() {
    const s = this.state;
    return [
      h('h1', null, t('decks.title')),
      h('div', { class: 'export-row' },
        h('button', { class: 'page-button export-button', disabled: s.isExporting, onClick: () => void this.exportCollection() },
          s.isExporting ? t('common.exporting') : t('decks.exportCollection')),
      ),
      s.error && h('p', { class: 'page-error' }, s.error),
      h('ul', { class: 'deck-list' },
        s.decks.map((deck) => this.deckItem(deck)),
        s.decks.length === 0 && !s.error && h('p', null, t('decks.noDecks')),
      ),
      h('form', { class: 'create-deck-form', onSubmit: (event) => void this.createDeck(event) },
        h('input', {
          type: 'text', class: 'create-deck-input', value: s.newDeckName, required: true,
          placeholder: t('decks.deckNamePlaceholder'), title: t('decks.errorNameRequired'),
          onInput: (event) => { this.state.newDeckName = event.target.value; },
        }),
        h('button', { type: 'submit', class: 'page-button primary-button', disabled: s.isCreating },
          s.isCreating ? t('common.loading') : t('decks.createButton')),
      ),
    ];
  }

  deckItem(deck) {
    const open = this.state.openDropdownId === deck.id;
    const item = (action, className, text) => h('button', {
      class: `deck-menu-item ${className}`,
      onClick: (event) => this.dropdownAction(event, action, deck),
    }, text);
    return h('li', { key: `deck-${deck.id}`, class: 'deck-item' },
      h('span', { class: 'deck-name' }, deck.name),
      h('div', { class: 'deck-menu' },
        // display:flex (in the stylesheet) splits gear and caret into two flex
        // items, which gives the accessible name "⚙ ▼" of the real client.
        h('button', { class: 'page-button gear-button', onClick: (event) => this.toggleDropdown(event, deck.id) },
          '⚙',
          h('span', { class: 'gear-caret' }, '▼'),
        ),
        open && h('div', { class: 'deck-menu-items' },
          item('review', 'menu-review', t('decks.review')),
          item('stats', 'menu-stats', t('decks.statistics')),
          item('browse', 'menu-browse', t('decks.browse')),
          item('rename', 'menu-rename', t('decks.rename')),
          item('addCard', 'menu-add', t('cards.add')),
          item('delete', 'menu-delete', t('common.delete')),
        ),
      ),
    );
  }
}
