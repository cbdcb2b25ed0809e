/**
 * Flask's `request.get_json()`: the body must be declared JSON (application/json or any
 * application/...+json type) and parse; otherwise a 400. It is called inside the handlers, after the
 * login check, so an unauthenticated bad body is still a 401 as on the real server.
 */
import type { Request } from 'express';
import type { JsonValue } from '../anki/python-json.ts';
import { asObject, type JsonObject } from '../anki/collection.ts';
import { BadJsonBodyError } from './bad-json-body-error.ts';

function isJsonMimetype(contentType: string | undefined): boolean {
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return mime === 'application/json' || (mime.startsWith('application/') && mime.endsWith('+json'));
}

/** The decoded body, or throws BadJsonBodyError. */
export function getJson(req: Request): JsonValue {
  if (!isJsonMimetype(req.headers['content-type'])) {
    throw new BadJsonBodyError(req.method, req.path, 'Content-Type is not application/json');
  }
  const raw: unknown = req.body;
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw new BadJsonBodyError(req.method, req.path, 'body is not valid JSON');
  }
}

/** Python truthiness of a decoded JSON value (`if not data`). */
export function truthy(v: JsonValue | undefined): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/**
 * `data.get(...)` on a body that is not a JSON object raises AttributeError in the real
 * server, which Flask turns into a 500 page; throwing here reaches the same page.
 */
export function requireObject(data: JsonValue, what: string): JsonObject {
  const obj = asObject(data);
  if (!obj) throw new TypeError(`'${what}' body is not a JSON object`);
  return obj;
}

/** `value.strip()` on a non-string raises AttributeError upstream: a 500 page. */
export function requireString(v: JsonValue | undefined, field: string): string {
  if (typeof v !== 'string') throw new TypeError(`field '${field}' is not a string`);
  return v;
}

/** Python's `key in data` for a decoded body (dict keys, list items, substrings). */
export function pyContains(data: JsonValue, key: string): boolean {
  if (typeof data === 'string') return data.includes(key);
  if (Array.isArray(data)) return data.includes(key);
  if (data !== null && typeof data === 'object') return Object.hasOwn(data, key);
  throw new TypeError(`argument of type '${typeof data}' is not iterable`);
}
