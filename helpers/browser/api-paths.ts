/**
 * Which of a page's requests are API calls, and which operation each one is. nginx proxies
 * exactly these first path segments to the app; everything else (the UI's files under
 * /ui/, the SPA's own routes typed as URLs) is the web client, not the API.
 */
import type { OpKind } from '../history/operation.ts';

const API_SEGMENTS = new Set(['login', 'logout', 'register', 'decks', 'review', 'answer', 'add_card', 'cards', 'export']);

/** Resource types a page's script uses for API calls; a navigation to /decks is a 'document'. */
const SCRIPT_REQUESTS = new Set(['fetch', 'xhr']);

/** Whether a request of the page is an API call (never a navigation or a static file). */
export function isApiRequest(url: string, resourceType: string): boolean {
  if (!SCRIPT_REQUESTS.has(resourceType)) return false;
  return API_SEGMENTS.has(segmentsOf(url)[0] ?? '');
}

/** The operation a method and URL stand for, as the API client names them; `page` when unknown. */
export function opKindOf(method: string, url: string): OpKind {
  const [first, second, third] = segmentsOf(url);
  const m = method.toUpperCase();
  switch (first) {
    case 'register':
      return 'register';
    case 'login':
      return 'login';
    case 'logout':
      return 'logout';
    case 'add_card':
      return 'add_card';
    case 'review':
      return 'get_review';
    case 'answer':
      return 'answer';
    case 'export':
      return 'export';
    case 'cards':
      if (m === 'PUT') return 'update_card';
      if (m === 'DELETE') return 'delete_card';
      return 'get_card';
    case 'decks':
      return deckOp(m, second, third);
    default:
      return 'page';
  }
}

function deckOp(method: string, second: string | undefined, third: string | undefined): OpKind {
  if (second === undefined) return method === 'POST' ? 'create_deck' : 'list_decks';
  if (second === 'current') return 'set_current_deck';
  if (third === 'stats') return 'deck_stats';
  if (third === 'cards') return 'deck_cards';
  if (third === 'rename') return 'rename_deck';
  return method === 'DELETE' ? 'delete_deck' : 'page';
}

function segmentsOf(url: string): string[] {
  return new URL(url).pathname.split('/').filter(Boolean);
}

/** Path and query of a URL, as the history records it (`/decks/3/cards?page=1`). */
export function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}
