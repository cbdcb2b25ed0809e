// The decks page's card browser ("Navegar Cartões"): h1 "Cartões em <deck>",
// one row per card (front cut at 60 characters, click to expand), with
// "Editar Cartão" and "Excluir" on the expanded card, and first / previous /
// next / last page buttons when there is more than one page.
import { h } from '../dom.js';
import { t } from '../i18n.js';

function shorten(text, max) {
  return text.length > max ? `${text.substring(0, max)}...` : text;
}

function cardItem(page, card) {
  const { expandedCardId } = page.state;
  const expanded = expandedCardId === card.cardId;
  return h('li', { key: `card-${card.cardId}`, class: 'card-item' },
    h('div', {
      class: 'card-item-header',
      onClick: () => page.setState({ expandedCardId: expanded ? null : card.cardId }),
    },
      h('div', { class: 'card-item-front' }, shorten(card.front, 60)),
      h('span', null, expanded ? '▲' : '▼'),
    ),
    expanded && h('div', { class: 'card-item-content' },
      h('div', { class: 'card-item-side' }, h('h5', null, t('decks.front')), h('p', null, card.front)),
      h('div', { class: 'card-item-side' }, h('h5', null, t('decks.back')), h('p', null, card.back)),
      h('div', { class: 'card-item-actions' },
        h('button', { class: 'page-button primary-button', onClick: () => page.app.navigate(`/edit/${card.cardId}`) },
          t('cards.edit')),
        h('button', {
          class: 'page-button danger-button',
          onClick: () => page.setState({ cardToDelete: card, showDeleteModal: true }),
        }, t('common.delete')),
      ),
    ),
  );
}

function pager(page) {
  const { currentPage, pagination } = page.state;
  // The real client draws these with the Material Icons font; the names
  // below are both its ligatures and the buttons' accessible names.
  const button = (target, disabled, titleKey, icon) => h('button', {
    class: 'page-button pager-button', disabled, title: t(titleKey), onClick: () => page.changePage(target),
  }, icon);
  return h('div', { class: 'pager' },
    button(1, currentPage === 1, 'common.first', 'first_page'),
    button(currentPage - 1, currentPage === 1, 'common.prev', 'navigate_before'),
    h('span', { class: 'pager-label' }, t('decks.page', { currentPage, totalPages: pagination.totalPages })),
    button(currentPage + 1, currentPage === pagination.totalPages, 'common.next', 'navigate_next'),
    button(pagination.totalPages, currentPage === pagination.totalPages, 'common.last', 'last_page'),
  );
}

/** The browser view of a DecksPage, built from its state. */
export function cardBrowserView(page) {
  const { selectedDeck, isLoadingCards, cardsError, cards, pagination } = page.state;
  return [
    h('h1', null, t('decks.cardsIn', { deckName: selectedDeck?.name || t('decks.deck') })),
    isLoadingCards && h('p', null, t('common.loading')),
    cardsError && h('p', { class: 'page-error' }, cardsError),
    !isLoadingCards && [
      h('ul', { class: 'card-list' },
        cards.map((card) => cardItem(page, card)),
        cards.length === 0 && !cardsError && h('p', null, t('decks.noCards')),
      ),
      pagination.totalPages > 1 && pager(page),
    ],
  ];
}
