/**
 * The session cookie in Flask-Session's shape, `session=<uuid4>.<signature>` with a
 * URL-safe signature, instead of express-session's `s%3A<id>.<base64 signature>`:
 * clients and checks written against the real server see the same cookie. Both
 * directions are a lossless re-encoding of the same HMAC, so express-session still
 * does all the signing and verifying.
 */
import type { RequestHandler, Response } from 'express';

const COOKIE_NAME = 'session';

/** `<uuid>.<base64url>` (Flask shape) → `s:<uuid>.<base64>` URL-encoded (express-session shape). */
function toExpressValue(value: string): string {
  if (value.startsWith('s%3A') || value.startsWith('s:')) return value;
  return encodeURIComponent(`s:${value.replace(/-(?=[^.]*$)/g, '+').replace(/_(?=[^.]*$)/g, '/')}`);
}

/** The reverse, for the Set-Cookie header. */
function toFlaskValue(value: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return value;
  }
  if (!decoded.startsWith('s:')) return value;
  const signed = decoded.slice(2);
  const dot = signed.lastIndexOf('.');
  if (dot < 0) return value;
  return `${signed.slice(0, dot)}.${signed
    .slice(dot + 1)
    .replace(/\+/g, '-')
    .replace(/\//g, '_')}`;
}

function rewriteRequestCookies(header: string): string {
  return header
    .split(';')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0 || part.slice(0, eq).trim() !== COOKIE_NAME) return part;
      return `${part.slice(0, eq)}=${toExpressValue(part.slice(eq + 1).trim())}`;
    })
    .join(';');
}

function rewriteSetCookie(line: string): string {
  const prefix = `${COOKIE_NAME}=`;
  if (!line.startsWith(prefix)) return line;
  const end = line.indexOf(';');
  const value = line.slice(prefix.length, end < 0 ? undefined : end);
  return `${prefix}${toFlaskValue(value)}${end < 0 ? '' : line.slice(end)}`;
}

type SetHeader = Response['setHeader'];

export const flaskCookieFormat: RequestHandler = (req, res, next) => {
  if (req.headers.cookie) req.headers.cookie = rewriteRequestCookies(req.headers.cookie);
  const setHeader: SetHeader = res.setHeader.bind(res);
  const wrapped: SetHeader = (name, value) => {
    if (name.toLowerCase() !== 'set-cookie') return setHeader(name, value);
    const rewritten = Array.isArray(value) ? value.map((v) => rewriteSetCookie(String(v))) : rewriteSetCookie(String(value));
    return setHeader(name, rewritten);
  };
  res.setHeader = wrapped;
  next();
};
