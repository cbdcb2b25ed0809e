/**
 * Requests are grouped by route, not by URL: `/decks/1732/stats` and `/decks/9/stats`
 * are one endpoint. Numeric path segments (deck ids, card ids) become `<id>`; the query
 * string is dropped. `/decks/current` keeps its name because it is a route of its own.
 */

const NUMERIC_SEGMENT = /^\d+$/;

/** `/decks/1732/cards?page=2` → `/decks/<id>/cards`. */
export function routeTemplate(path: string): string {
  const withoutQuery = path.split(/[?#]/, 1)[0] ?? '';
  // Histories record paths, but a full URL must not split into per-host endpoints.
  const pathname = withoutQuery.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '') || '/';
  return pathname
    .split('/')
    .map((segment) => (NUMERIC_SEGMENT.test(segment) ? '<id>' : segment))
    .join('/');
}

/** `POST /add_card`: the key every endpoint statistic is filed under. */
export function endpointKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${routeTemplate(path)}`;
}
