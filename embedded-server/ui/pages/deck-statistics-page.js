// The statistics page (/decks/:deckId/stats): h2 "Statistics for <deck>"
// (English in every language, as in the real client), "← Voltar aos
// Baralhos", a pie chart and a Status / Count / Percentage table of
// GET /decks/<id>/stats. Fetched on mount and again after a navigation that
// lands on this same page, not on a language change.
import { h } from '../dom.js';
import { Component } from '../component.js';
import { api, serverError } from '../api.js';
import { t } from '../i18n.js';
import { Header } from '../components/header.js';
import { drawPieChart } from '../components/pie-chart.js';

function percentage(count, total) {
  if (!total) return '0.0%';
  return `${((count / total) * 100).toFixed(1)}%`;
}

export class DeckStatisticsPage extends Component {
  constructor(app, deckId) {
    super(app);
    this.deckId = deckId;
    this.header = new Header(app);
    this.state = { stats: null, loading: true, error: '', deckName: 'Loading Deck Name...' };
  }

  mounted() {
    void this.fetchStats();
  }

  locationChanged() {
    void this.fetchStats();
  }

  unmount() {
    this.header.unmount();
    super.unmount();
  }

  async fetchStats() {
    this.setState({
      deckName: localStorage.getItem('currentDeckName') || `Deck ${this.deckId}`,
      loading: true, error: '', stats: null,
    });
    try {
      const response = await api.get(`/decks/${this.deckId}/stats`);
      const data = response.data;
      if (data && data.counts && typeof data.total !== 'undefined') this.setState({ stats: data });
      else this.setState({ error: 'Received invalid data format from server.', stats: null });
    } catch (err) {
      this.setState({ error: serverError(err) ?? 'Failed to load statistics.', stats: null });
      if (err?.response?.status === 401) void this.app.logout();
    } finally {
      this.setState({ loading: false });
    }
  }

  rendered() {
    const canvas = document.getElementById('deck-stats-chart');
    if (canvas && this.state.stats) drawPieChart(canvas, this.state.stats.counts);
  }

  view() {
    const { stats, loading, error, deckName } = this.state;
    const hasData = stats && Object.values(stats.counts).some((count) => count > 0);
    return h('div', { class: 'container mt-4' },
      this.header.view(),
      h('div', { class: 'd-flex justify-content-between align-items-center mb-3' },
        h('h2', { class: 'mb-0' }, `Statistics for ${deckName}`),
        h('button', { class: 'btn btn-secondary', onClick: () => this.app.navigate('/decks') }, `← ${t('stats.backToDecks')}`),
      ),
      loading && h('p', null, 'Loading statistics...'),
      error && h('div', { class: 'alert alert-danger' }, error),
      !loading && !error && stats && h('div', { class: 'row' },
        h('div', { class: 'col-md-6 chart-cell' },
          hasData
            ? h('canvas', { id: 'deck-stats-chart', width: '300', height: '300', role: 'img' })
            : h('p', { class: 'text-muted' }, 'No card data to display in chart.'),
        ),
        h('div', { class: 'col-md-6' },
          h('table', { class: 'table' },
            h('thead', null, h('tr', null, h('th', null, 'Status'), h('th', null, 'Count'), h('th', null, 'Percentage'))),
            h('tbody', null,
              Object.entries(stats.counts).map(([status, count]) => h('tr', null,
                h('td', null, status), h('td', null, String(count)), h('td', null, percentage(count, stats.total)))),
              h('tr', { class: 'table-group-divider' },
                h('td', null, h('strong', null, 'Total')),
                h('td', null, h('strong', null, String(stats.total))),
                h('td', null, h('strong', null, stats.total > 0 ? '100.0%' : '0.0%')),
              ),
            ),
          ),
        ),
      ),
      !loading && !error && !stats && h('p', null, 'No statistics data available.'),
    );
  }
}
