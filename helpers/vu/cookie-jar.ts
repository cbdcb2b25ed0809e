/**
 * One simulated user's cookies for one server (the load target is a single origin on
 * loopback): what a browser keeps between requests. tough-cookie does the RFC 6265 work —
 * parsing, default path, path and domain matching, host-only cookies, a Domain for another
 * host refused, public suffixes, Secure, the send order of §5.4 — in its synchronous
 * in-memory store, so a request pays no promise hop for its cookies.
 *
 * Two things stay here, both about time. §5.3 turns Max-Age into an expiry time when the
 * cookie is received; tough-cookie counts it from the cookie's last access instead, which a
 * get moves, so a Max-Age cookie read once a second would never expire. And the jar answers
 * for the clock it is given (`now`), where tough-cookie's get reads the wall clock. So Max-Age
 * becomes an absolute Expires on the way in, and expiry is judged here on the way out.
 * JAVUMBO's own `session` cookie is host-only with no expiry; Flask's logout deletes it with
 * an expiry in 1970 (and Max-Age=0).
 */
import { Cookie, CookieJar as ToughCookieJar } from 'tough-cookie';

export class CookieJar {
  private readonly jar = new ToughCookieJar();
  private readonly origin: string;

  /** `host` as a URL's hostname (an IPv6 address in brackets); `protocol` decides whether Secure cookies are sent. */
  constructor(host: string, protocol: 'http:' | 'https:' = 'http:') {
    this.origin = `${protocol}//${host}`;
  }

  /** Takes every Set-Cookie of an answer to a request for `requestPath`. */
  store(setCookieHeaders: readonly string[], requestPath: string, now = Date.now()): void {
    const url = this.url(requestPath);
    for (const header of setCookieHeaders) {
      const cookie = Cookie.parse(header);
      if (!cookie) continue;
      if (typeof cookie.maxAge === 'number') {
        cookie.expires = new Date(cookie.maxAge <= 0 ? 0 : now + cookie.maxAge * 1000);
        cookie.maxAge = null;
      }
      // ignoreError: a cookie a browser would refuse (another host's Domain, a bad prefix) is dropped, not thrown.
      const stored = this.jar.setCookieSync(cookie, url, { now: new Date(now), ignoreError: true });
      if (stored && isExpired(stored, now)) this.evict(stored);
    }
  }

  /** The Cookie header for a request to `requestPath`, longer paths first (§5.4); null when none applies. */
  header(requestPath: string, now = Date.now()): string | null {
    const sent: string[] = [];
    for (const cookie of this.jar.getCookiesSync(this.url(requestPath), { expire: false, sort: true })) {
      if (isExpired(cookie, now)) this.evict(cookie);
      else sent.push(cookie.cookieString());
    }
    return sent.length === 0 ? null : sent.join('; ');
  }

  private url(requestPath: string): string {
    return this.origin + (requestPath.startsWith('/') ? requestPath : `/${requestPath}`);
  }

  private evict(cookie: Cookie): void {
    // The in-memory store answers at once; the callback form keeps that synchronous.
    this.jar.store.removeCookie(cookie.domain, cookie.path, cookie.key, () => undefined);
  }
}

function isExpired(cookie: Cookie, now: number): boolean {
  const at = cookie.expiryTime();
  return at !== undefined && at <= now;
}
