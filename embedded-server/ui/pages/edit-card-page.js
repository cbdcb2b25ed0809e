// The edit page (/edit/:cardId), reached from the card browser: h1 "Editar
// Cartão", textareas "Frente:" and "Verso:", "Atualizar Cartão" and
// "Cancelar". GET /cards/<id> on mount, after a language change and after a
// navigation that lands here again; PUT /cards/<id>; on success it goes back
// one history entry after 1.5 s, as the real client does.
import { h } from '../dom.js';
import { Component } from '../component.js';
import { api, serverError } from '../api.js';
import { t } from '../i18n.js';
import { Header } from '../components/header.js';

const BACK_AFTER_SAVE_MS = 1500;

export class EditCardPage extends Component {
  constructor(app, cardId) {
    super(app);
    this.cardId = cardId;
    this.header = new Header(app);
    this.state = { front: '', back: '', message: '', error: '', loading: false, fetchLoading: true };
  }

  mounted() {
    void this.fetchCard();
  }

  languageChanged() {
    void this.fetchCard();
  }

  locationChanged() {
    void this.fetchCard();
  }

  unmount() {
    this.header.unmount();
    super.unmount();
  }

  async fetchCard() {
    this.setState({ fetchLoading: true, error: '' });
    try {
      const response = await api.get(`/cards/${this.cardId}`);
      this.setState({ front: response.data.front, back: response.data.back });
    } catch (err) {
      this.setState({ error: serverError(err) ?? t('cards.errorLoading') });
      if (err?.response?.status === 401) void this.app.logout();
    } finally {
      this.setState({ fetchLoading: false });
    }
  }

  async submit(event) {
    event.preventDefault();
    const { front, back } = this.state;
    this.setState({ message: '', error: '' });
    if (!front.trim() || !back.trim()) {
      this.setState({ error: t('cards.errorRequired') });
      return;
    }
    this.setState({ loading: true });
    try {
      await api.put(`/cards/${this.cardId}`, { front, back });
      this.setState({ message: t('cards.updateSuccess') });
      setTimeout(() => this.app.back(), BACK_AFTER_SAVE_MS);
    } catch (err) {
      this.setState({ message: '', error: serverError(err) ?? t('cards.errorUpdating') });
      if (err?.response?.status === 401) void this.app.logout();
    } finally {
      this.setState({ loading: false });
    }
  }

  side(id, labelKey, placeholderKey) {
    return h('div', null,
      h('label', { for: id, class: 'edit-label' }, `${t(labelKey)}:`),
      h('textarea', {
        id, class: 'edit-textarea', value: this.state[id], placeholder: t(placeholderKey), required: true,
        onInput: (event) => { this.state[id] = event.target.value; },
      }),
    );
  }

  view() {
    const { message, error, loading, fetchLoading } = this.state;
    if (fetchLoading) {
      return h('div', { class: 'edit-page' }, this.header.view(), h('h1', null, t('cards.editTitle')), h('p', null, t('common.loading')));
    }
    return h('div', { class: 'edit-page' },
      this.header.view(),
      h('h1', null, t('cards.editTitle')),
      h('form', { class: 'edit-form', onSubmit: (event) => void this.submit(event) },
        this.side('front', 'cards.front', 'cards.frontPlaceholder'),
        this.side('back', 'cards.back', 'cards.backPlaceholder'),
        message && h('p', { class: 'form-success' }, message),
        error && h('p', { class: 'form-error' }, error),
        h('div', { class: 'edit-actions' },
          h('button', { type: 'submit', class: 'page-button primary-button', disabled: loading },
            loading ? t('common.updating') : t('cards.update')),
          h('button', { type: 'button', class: 'page-button secondary-button', onClick: () => this.app.back() }, t('common.cancel')),
        ),
      ),
    );
  }
}
