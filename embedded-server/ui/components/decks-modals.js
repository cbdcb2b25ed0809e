// The decks page's confirmation dialogs: delete a card, delete a deck, rename
// a deck. Like the real client they are plain overlays (no dialog role).
import { h } from '../dom.js';
import { t } from '../i18n.js';

function modal(...content) {
  return h('div', { class: 'modal-overlay' }, h('div', { class: 'modal-box' }, ...content));
}

function buttons(cancel, confirm) {
  return h('div', { class: 'modal-buttons' }, cancel, confirm);
}

function shorten(text, max) {
  return text.length > max ? `${text.substring(0, max)}...` : text;
}

export function cardDeleteModal(page) {
  const { cardToDelete, isDeleting } = page.state;
  return modal(
    h('h3', null, t('common.deleteCard')),
    h('p', null, t('decks.confirmDeleteCard')),
    cardToDelete && h('div', { class: 'modal-subject' },
      h('strong', null, `${t('decks.front')}:`), ' ', shorten(cardToDelete.front, 50)),
    buttons(
      h('button', {
        class: 'page-button', disabled: isDeleting,
        onClick: () => page.setState({ showDeleteModal: false, cardToDelete: null }),
      }, t('common.cancel')),
      h('button', { class: 'page-button danger-button', disabled: isDeleting, onClick: () => void page.confirmCardDelete() },
        isDeleting ? t('common.deleting') : t('common.delete')),
    ),
  );
}

export function deckDeleteModal(page) {
  const { deckToDelete, isDeckDeleting } = page.state;
  return modal(
    h('h3', null, t('common.deleteDeck')),
    // The real client asks for a key no language defines, so it shows the key.
    h('p', null, t('decks.confirmDeleteDeck')),
    deckToDelete && h('div', { class: 'modal-subject' }, h('strong', null, `${t('decks.deck')}:`), ' ', deckToDelete.name),
    buttons(
      h('button', {
        class: 'page-button', disabled: isDeckDeleting,
        onClick: () => page.setState({ showDeckDeleteModal: false, deckToDelete: null }),
      }, t('common.cancel')),
      h('button', { class: 'page-button danger-button', disabled: isDeckDeleting, onClick: () => void page.confirmDeckDelete() },
        isDeckDeleting ? t('common.deleting') : t('common.delete')),
    ),
  );
}

export function deckRenameModal(page) {
  const { deckToRename, newDeckRename, isRenaming } = page.state;
  return modal(
    h('h3', null, t('decks.renameDeck')),
    h('p', null, t('decks.enterNewName')),
    deckToRename && h('div', { class: 'modal-field' }, h('strong', null, `${t('decks.currentName')}:`), ' ', deckToRename.name),
    h('div', { class: 'modal-field' },
      h('input', {
        type: 'text', class: 'create-deck-input modal-input', value: newDeckRename, required: true,
        placeholder: t('decks.enterNewName'),
        // The rename button is enabled only while the name is not blank, so
        // every keystroke re-renders here.
        onInput: (event) => page.setState({ newDeckRename: event.target.value }),
      }),
    ),
    buttons(
      h('button', {
        class: 'page-button', disabled: isRenaming,
        onClick: () => page.setState({ showDeckRenameModal: false, deckToRename: null, newDeckRename: '' }),
      }, t('common.cancel')),
      h('button', {
        class: 'page-button rename-button', disabled: isRenaming || !newDeckRename.trim(),
        onClick: () => void page.confirmDeckRename(),
      }, isRenaming ? t('common.renaming') : t('decks.rename')),
    ),
  );
}
