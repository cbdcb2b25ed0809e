// The add page (/add): h2 "Adicionar ao Baralho: <deck>", "Voltar",
// textareas "Frente" and "Verso", "Adicionar Cartão" and "Cancelar"; then
// "Cartão adicionado com sucesso!" or the server's error text.
//
// The deck name comes from localStorage, written when a deck was chosen on the
// decks page; without it the page goes to /decks (so the header link works
// only after a deck was chosen in this browser). POST /add_card files the card
// under the server's current deck, which may differ from the name shown.
import { h } from '../dom.js';
import { Component } from '../component.js';
import { api, serverError } from '../api.js';
import { t } from '../i18n.js';
import { Header } from '../components/header.js';

export class AddCardPage extends Component {
  constructor(app) {
    super(app);
    this.header = new Header(app);
    this.state = { front: '', back: '', message: '', error: '', currentDeckName: '' };
  }

  mounted() {
    const stored = localStorage.getItem('currentDeckName');
    if (stored) this.setState({ currentDeckName: stored });
    else this.app.navigate('/decks');
  }

  unmount() {
    this.header.unmount();
    super.unmount();
  }

  async submit(event) {
    event.preventDefault();
    const { front, back } = this.state;
    this.setState({ message: '', error: '' });
    if (!front.trim() || !back.trim()) {
      this.setState({ error: t('cards.errorRequired') });
      return;
    }
    try {
      await api.post('/add_card', { front, back });
      this.setState({ message: t('cards.addSuccess'), front: '', back: '' });
    } catch (err) {
      this.setState({ error: serverError(err) ?? t('cards.errorAdding') });
    }
  }

  side(id, labelKey, placeholderKey) {
    return h('div', { class: 'mb-3' },
      h('label', { for: id, class: 'form-label' }, t(labelKey)),
      h('textarea', {
        id, class: 'form-control', rows: '3', value: this.state[id], placeholder: t(placeholderKey),
        onInput: (event) => { this.state[id] = event.target.value; },
      }),
    );
  }

  view() {
    const { message, error, currentDeckName } = this.state;
    const backToDecks = () => this.app.navigate('/decks');
    return h('div', { class: 'container mt-4' },
      this.header.view(),
      h('div', { class: 'd-flex justify-content-between align-items-center' },
        h('h2', null, t('cards.addTo'), ' ', currentDeckName),
        h('button', { class: 'btn btn-secondary', onClick: backToDecks }, t('common.back')),
      ),
      message && h('div', { class: 'alert alert-success mt-3' }, message),
      error && h('div', { class: 'alert alert-danger mt-3' }, error),
      h('form', { class: 'mt-4', onSubmit: (event) => void this.submit(event) },
        this.side('front', 'cards.front', 'cards.frontPlaceholder'),
        this.side('back', 'cards.back', 'cards.backPlaceholder'),
        h('div', { class: 'd-flex justify-content-between' },
          h('button', { type: 'submit', class: 'btn btn-primary' }, t('cards.add')),
          h('button', { type: 'button', class: 'btn btn-secondary', onClick: backToDecks }, t('common.cancel')),
        ),
      ),
    );
  }
}
