// The review page (/review): h2 "Revisar Cartões", "Voltar aos Baralhos", a
// status line ("Revisando: <deck>", or the server's message when nothing is
// due), the card with h5 "Frente" and "Mostrar Resposta", then h5 "Verso"
// and "Novamente (1)", "Difícil (2)", "Bom (3)", "Fácil (4)".
//
// Request pattern of the real client, kept on purpose because the load suite
// must see the same traffic from either UI:
// - entering the page sends GET /review twice, concurrently: the real page's
//   fetch effect runs once with an empty deck name and again when the stored
//   deck name arrives, and nothing cancels the first call. Each response is
//   applied when it arrives, so the card shown is the one answered last
//   (with "Revisando: " and no deck name if that was the first call), while
//   the server remembers the card of whichever call it handled last;
// - an answer is POST /answer with `{ ease }` only (the real client passes
//   its time under a name its API helper ignores), then one GET /review;
// - the answer buttons stay live while the answer is in flight;
// - a language change fetches a new card (the effect depends on `t`).
import { h } from '../dom.js';
import { Component } from '../component.js';
import { api, serverError } from '../api.js';
import { t } from '../i18n.js';
import { Header } from '../components/header.js';

export class ReviewPage extends Component {
  constructor(app) {
    super(app);
    this.header = new Header(app);
    this.state = {
      card: null, showAnswer: false, startTime: null, currentDeckName: '',
      reviewMessage: t('common.loading'), error: '',
    };
  }

  mounted() {
    const deckBefore = this.state.currentDeckName;
    this.readStoredDeck();
    void this.fetchReviewData(deckBefore);
    if (this.state.currentDeckName !== deckBefore) void this.fetchReviewData(this.state.currentDeckName);
  }

  languageChanged() {
    this.readStoredDeck();
    void this.fetchReviewData(this.state.currentDeckName);
  }

  unmount() {
    this.header.unmount();
    super.unmount();
  }

  readStoredDeck() {
    const stored = localStorage.getItem('currentDeckName');
    if (stored) this.setState({ currentDeckName: stored, reviewMessage: `${t('review.reviewing')}: ${stored}` });
  }

  /** @param deckName the deck name this call was made with (it may be stale; see above) */
  async fetchReviewData(deckName) {
    const reviewing = t('review.reviewing');
    this.setState((s) => ({
      error: '',
      reviewMessage: s.reviewMessage.startsWith(reviewing)
        ? s.reviewMessage
        : `${reviewing}: ${deckName} - ${t('common.loading')}`,
    }));
    try {
      const response = await api.get('/review');
      const data = response.data;
      if (data && data.cardId) {
        this.setState({ card: data, showAnswer: false, startTime: Date.now(), reviewMessage: `${reviewing}: ${deckName}` });
      } else {
        this.setState({ card: null, reviewMessage: data?.message || t('review.noCardsMessage', { deckName }) });
      }
    } catch (err) {
      this.setState({
        error: serverError(err) ?? t('review.errorLoading'),
        card: null,
        reviewMessage: t('review.errorLoadingDeck', { deckName }),
      });
    }
  }

  async answer(ease) {
    const { card, startTime, currentDeckName } = this.state;
    if (!card || !startTime) return;
    this.setState({ error: '', reviewMessage: t('review.processingAnswer') });
    try {
      await api.post('/answer', { ease });
      this.setState({ card: null, reviewMessage: `${t('review.reviewing')}: ${currentDeckName} - ${t('common.loading')}` });
      void this.fetchReviewData(currentDeckName);
    } catch (err) {
      this.setState({
        error: serverError(err) ?? t('review.errorSubmitting'),
        reviewMessage: t('review.errorSubmittingAnswer', { deckName: currentDeckName }),
      });
    }
  }

  view() {
    const { card, showAnswer, reviewMessage, error } = this.state;
    const easeButton = (ease, className, key) => h('button', { class: `btn ${className}`, onClick: () => void this.answer(ease) },
      `${t(key)} (${ease})`);
    return h('div', { class: 'container mt-4' },
      this.header.view(),
      h('div', { class: 'd-flex justify-content-between align-items-center' },
        h('h2', null, t('review.title')),
        h('button', { class: 'btn btn-secondary', onClick: () => this.app.navigate('/decks') }, t('review.backToDecks')),
      ),
      error && h('div', { class: 'alert alert-danger mt-3' }, error),
      !error && reviewMessage && h('p', { class: 'text-muted mt-2' }, reviewMessage),
      !error && card && h('div', { class: 'card mt-3' },
        h('div', { class: 'card-body' },
          h('h5', { class: 'card-title' }, t('cards.front')),
          h('p', { class: 'card-text' }, card.front),
          showAnswer && [
            h('hr'),
            h('h5', { class: 'card-title' }, t('cards.back')),
            h('p', { class: 'card-text' }, card.back),
          ],
        ),
        h('div', { class: 'card-footer' },
          showAnswer
            ? h('div', { class: 'd-flex justify-content-around mb-2' },
              easeButton(1, 'btn-danger', 'review.again'),
              easeButton(2, 'btn-warning', 'review.hard'),
              easeButton(3, 'btn-success', 'review.good'),
              easeButton(4, 'btn-primary', 'review.easy'),
            )
            : h('div', { class: 'd-flex justify-content-between' },
              h('button', { class: 'btn btn-secondary', onClick: () => this.setState({ showAnswer: true }) }, t('review.showAnswer')),
            ),
        ),
      ),
    );
  }
}
