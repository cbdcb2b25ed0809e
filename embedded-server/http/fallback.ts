/**
 * What Flask answers outside its routes: 404 page for an unknown path, 405 page (with
 * Allow) for a known path and another method, 200 with Allow for OPTIONS.
 */
import type { RequestHandler } from 'express';
import { sendBody, sendErrorPage } from './flask-response.ts';

const KNOWN_ROUTES: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/^\/$/, ['GET']],
  [/^\/register$/, ['POST']],
  [/^\/login$/, ['POST']],
  [/^\/logout$/, ['POST']],
  [/^\/review$/, ['GET']],
  [/^\/answer$/, ['POST']],
  [/^\/export$/, ['GET']],
  [/^\/add_card$/, ['POST']],
  [/^\/decks$/, ['GET', 'POST']],
  [/^\/decks\/current$/, ['PUT']],
  [/^\/decks\/\d+$/, ['DELETE']],
  [/^\/decks\/\d+\/stats$/, ['GET']],
  [/^\/decks\/\d+\/rename$/, ['PUT']],
  [/^\/decks\/[^/]+\/cards$/, ['GET']],
  [/^\/cards\/[^/]+$/, ['GET', 'PUT', 'DELETE']],
];

function allowed(path: string): string[] {
  const methods = new Set<string>();
  for (const [pattern, list] of KNOWN_ROUTES) {
    if (pattern.test(path)) list.forEach((m) => methods.add(m));
  }
  if (methods.has('GET')) methods.add('HEAD');
  if (methods.size > 0) methods.add('OPTIONS');
  return [...methods].sort();
}

export const routeFallback: RequestHandler = (req, res) => {
  const methods = allowed(req.path);
  if (methods.length === 0) return sendErrorPage(res, 404);
  res.setHeader('Allow', methods.join(', '));
  if (req.method === 'OPTIONS') return sendBody(res, 200, 'text/html; charset=utf-8', '');
  sendErrorPage(res, 405);
};
