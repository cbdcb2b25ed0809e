/**
 * Responses shaped like Flask/Werkzeug's: `jsonify` bodies (sorted keys, ASCII,
 * trailing newline, `Content-Type: application/json`), Werkzeug's HTML error pages,
 * upper-case reason phrases ("201 CREATED"), and `Connection: close` on every answer
 * because Gunicorn's sync workers close each connection, which is what spreads one
 * client's requests over all workers.
 */
import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import { flaskJsonBody, type JsonValue } from '../anki/python-json.ts';

export function sendBody(res: Response, status: number, contentType: string, body: string | Buffer): void {
  res.statusCode = status;
  res.statusMessage = (STATUS_CODES[status] ?? '').toUpperCase();
  res.setHeader('Content-Type', contentType);
  res.setHeader('Connection', 'close');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

export function sendJson(res: Response, status: number, value: JsonValue): void {
  sendBody(res, status, 'application/json', flaskJsonBody(value));
}

/** `{"error": text}`, the shape of every error the real server answers in JSON. */
export function sendError(res: Response, status: number, text: string): void {
  sendJson(res, status, { error: text });
}

const PAGES: Record<number, [string, string]> = {
  400: ['Bad Request', 'The browser (or proxy) sent a request that this server could not understand.'],
  404: ['Not Found', 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.'],
  405: ['Method Not Allowed', 'The method is not allowed for the requested URL.'],
  500: ['Internal Server Error', 'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.'],
};

export type PageStatus = 400 | 404 | 405 | 500;

/** Werkzeug's default HTML page for an HTTP error (what Flask answers for a bad JSON body). */
export function sendErrorPage(res: Response, status: PageStatus): void {
  const [title, text] = PAGES[status] ?? ['Error', ''];
  const body = `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${text}</p>\n`;
  sendBody(res, status, 'text/html; charset=utf-8', body);
}
