// The web client's shell: who is logged in (memory only, so a reload shows
// the login screen), client-side routing with history.pushState, and the
// render loop that patches the current page's view into #root.
//
// Routes, as in the real client: "/" is always the auth page; /decks,
// /review, /add, /decks/:deckId/stats and /edit/:cardId show their page when
// logged in and the auth page otherwise (the URL stays); any other path
// renders nothing.
import { morph } from './dom.js';
import { api } from './api.js';
import { onLanguageChange } from './i18n.js';
import { AuthPage } from './pages/auth-page.js';
import { DecksPage } from './pages/decks-page.js';
import { ReviewPage } from './pages/review-page.js';
import { AddCardPage } from './pages/add-card-page.js';
import { DeckStatisticsPage } from './pages/deck-statistics-page.js';
import { EditCardPage } from './pages/edit-card-page.js';

const AUTH = { key: 'auth', create: (app) => new AuthPage(app) };

/** Which page a path shows, and a key telling whether it is the page already mounted. */
function resolveRoute(pathname, user) {
  const path = pathname.replace(/\/+$/, '').toLowerCase() || '/';
  const segments = pathname.replace(/\/+$/, '').split('/').slice(1).map(decodeURIComponent);
  if (path === '/') return AUTH;
  const guarded = (key, create) => (user ? { key, create } : AUTH);
  if (path === '/decks') return guarded('decks', (app) => new DecksPage(app));
  if (path === '/review') return guarded('review', (app) => new ReviewPage(app));
  if (path === '/add') return guarded('add', (app) => new AddCardPage(app));
  if (segments.length === 3 && path.startsWith('/decks/') && path.endsWith('/stats') && segments[1] !== '') {
    const deckId = segments[1];
    return guarded(`stats:${deckId}`, (app) => new DeckStatisticsPage(app, deckId));
  }
  if (segments.length === 2 && path.startsWith('/edit/') && segments[1] !== '') {
    const cardId = segments[1];
    return guarded(`edit:${cardId}`, (app) => new EditCardPage(app, cardId));
  }
  return { key: 'none', create: () => null };
}

const appRoot = document.createElement('div');
appRoot.className = 'App';
document.getElementById('root').appendChild(appRoot);

let page = null;
let pageKey = null;
let renderQueued = false;

const app = {
  /** `{ userId, username, name }` from POST /login, or null. */
  user: null,

  /** Schedules one render after the current task, batching state changes like React. */
  render() {
    if (renderQueued) return;
    renderQueued = true;
    queueMicrotask(renderNow);
  },

  /** Client-side navigation; going to the current path replaces the entry, as <Link> does. */
  navigate(to) {
    if (to === window.location.pathname) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
    locationChanged();
  },

  back() {
    window.history.back();
  },

  loginSucceeded(user) {
    app.user = user;
    app.navigate('/decks');
  },

  /** POST /logout, then forget the user whatever the answer. */
  async logout() {
    try {
      await api.post('/logout');
    } catch {
      // Logged out locally anyway, as the real client does.
    }
    app.user = null;
    app.navigate('/');
  },
};

/**
 * Every location change re-renders the real client's App, which hands its
 * pages a new logout callback; pages whose effects depend on it fetch again
 * even when the path did not change (e.g. clicking "Seus Baralhos" on /decks
 * reloads the deck list).
 */
function locationChanged() {
  const route = resolveRoute(window.location.pathname, app.user);
  if (page && route.key === pageKey) page.locationChanged?.();
  app.render();
}

function renderNow() {
  renderQueued = false;
  const route = resolveRoute(window.location.pathname, app.user);
  if (route.key !== pageKey) {
    page?.unmount();
    pageKey = route.key;
    page = route.create(app);
    appRoot.replaceChildren(...(page ? [page.view()] : []));
    page?.mounted?.();
  } else if (page) {
    const next = page.view();
    if (appRoot.firstChild) morph(appRoot.firstChild, next);
    else appRoot.appendChild(next);
  }
  page?.rendered?.();
}

window.addEventListener('popstate', locationChanged);
onLanguageChange(() => {
  page?.languageChanged?.();
  app.render();
});

renderNow();
