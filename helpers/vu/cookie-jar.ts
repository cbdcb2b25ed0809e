/**
 * One simulated user's cookies for one server (the load target is a single origin on
 * loopback): what a browser keeps between requests, after RFC 6265 §5.3 — a cookie is
 * named by (name, path), replaced by a later Set-Cookie of the same name and path, gone
 * when Max-Age ≤ 0 or Expires is past, sent to paths under its own. A Domain attribute for
 * another host is refused, as a browser would; JAVUMBO's own `session` cookie is host-only
 * with no expiry, and Flask's logout deletes it with an expiry in 1970.
 */

interface StoredCookie {
  name: string;
  value: string;
  path: string;
  /** Epoch ms after which the cookie is gone; null: kept for the jar's life (a session cookie). */
  expiresAt: number | null;
}

export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  constructor(private readonly host: string) {}

  /** Takes every Set-Cookie of an answer to a request for `requestPath`. */
  store(setCookieHeaders: readonly string[], requestPath: string, now = Date.now()): void {
    for (const header of setCookieHeaders) {
      const cookie = parseSetCookie(header, requestPath, this.host, now);
      if (!cookie) continue;
      const key = `${cookie.name}\u0000${cookie.path}`;
      if (cookie.expiresAt !== null && cookie.expiresAt <= now) this.cookies.delete(key);
      else this.cookies.set(key, cookie);
    }
  }

  /** The Cookie header for a request to `requestPath`, longer paths first (§5.4); null when none applies. */
  header(requestPath: string, now = Date.now()): string | null {
    const path = pathOf(requestPath);
    const sent: StoredCookie[] = [];
    for (const [key, c] of this.cookies) {
      if (c.expiresAt !== null && c.expiresAt <= now) {
        this.cookies.delete(key);
        continue;
      }
      if (pathMatches(path, c.path)) sent.push(c);
    }
    if (sent.length === 0) return null;
    sent.sort((a, b) => b.path.length - a.path.length);
    return sent.map((c) => `${c.name}=${c.value}`).join('; ');
  }
}

/** The path part of a request target (no query, no fragment). */
function pathOf(requestPath: string): string {
  const end = requestPath.search(/[?#]/);
  const p = end < 0 ? requestPath : requestPath.slice(0, end);
  return p.startsWith('/') ? p : '/';
}

/** RFC 6265 §5.1.4 default-path: the request path up to, not including, its last '/'. */
function defaultPath(requestPath: string): string {
  const p = pathOf(requestPath);
  const last = p.lastIndexOf('/');
  return last <= 0 ? '/' : p.slice(0, last);
}

/** RFC 6265 §5.1.4 path-match. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}

function parseSetCookie(header: string, requestPath: string, host: string, now: number): StoredCookie | null {
  const [pair = '', ...attributes] = header.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return null;
  const name = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim();
  if (!name) return null;
  let path = defaultPath(requestPath);
  let maxAge: number | null = null;
  let expires: number | null = null;
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const val = at < 0 ? '' : attribute.slice(at + 1).trim();
    if (key === 'path' && val.startsWith('/')) path = val;
    else if (key === 'max-age' && /^-?\d+$/.test(val)) maxAge = Number(val);
    else if (key === 'expires') {
      const t = Date.parse(val);
      if (Number.isFinite(t)) expires = t;
    } else if (key === 'domain' && val) {
      const domain = val.replace(/^\./, '').toLowerCase();
      if (domain !== host.toLowerCase()) return null;
    }
  }
  // Max-Age wins over Expires (§5.3 step 3).
  const expiresAt = maxAge !== null ? (maxAge <= 0 ? 0 : now + maxAge * 1000) : expires;
  return { name, value, path, expiresAt };
}
