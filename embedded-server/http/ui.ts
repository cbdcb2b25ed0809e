/**
 * The web UI: `/` serves embedded-server/ui/index.html; browser navigations (Accept prefers
 * text/html) to /decks, /add and /review get index.html too, as nginx does for the
 * real client, while API calls to the same paths reach the API. Every file of
 * embedded-server/ui/ is served at /ui/<file>, a prefix no API route uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type RequestHandler } from 'express';
import { sendBody } from './flask-response.ts';

/** Client routes a browser may load directly (/edit/<cardId> too: no API path starts with it). */
const SPA_PATHS = new Set(['/decks', '/add', '/review']);

const PLACEHOLDER = '<!doctype html><title>Javumbo</title><p>JAVUMBO target is running; its web UI (embedded-server/ui/index.html) is not there yet.</p>\n';

/** A browser navigation: text/html wins over JSON (`*\/*` alone, as API clients send, does not). */
function prefersHtml(req: Request): boolean {
  return req.accepts(['json', 'html']) === 'html';
}

export function uiNavigation(uiDir: string): RequestHandler {
  const indexFile = path.join(uiDir, 'index.html');
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const clientRoute = SPA_PATHS.has(req.path) || req.path.startsWith('/edit/');
    if (req.path !== '/' && !(clientRoute && prefersHtml(req))) return next();
    // Read on every request so a UI rebuilt while the target runs is served at once.
    fs.readFile(indexFile, (err, html) => {
      sendBody(res, 200, 'text/html; charset=utf-8', err ? PLACEHOLDER : html);
    });
  };
}

export const UI_PREFIX = '/ui';

export function uiStatic(uiDir: string): RequestHandler {
  return express.static(uiDir, { index: false, redirect: false, fallthrough: true });
}
