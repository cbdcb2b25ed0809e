/**
 * How a virtual user's requests reach the server: one transport per simulated user, each
 * with its own cookie jar and its own kept-alive connections, so no two users ever share a
 * session or a socket.
 *
 * Two transports answer alike (tests/target/http-transport.spec.ts sends the same calls
 * through both and compares what the history would record):
 * - `playwright`: an APIRequestContext. Each call is a Playwright API call, so it shows in a
 *   trace and as a `pw:api` step — what one user debugged with `VU=w03` wants to see.
 * - `node`: Node's own http client and a cookie jar (`cookie-jar.ts`), with a kept-alive
 *   agent per user as Playwright's context has. Measured on a 24-VU reviewers lane, each
 *   Playwright call cost ≈ 11 ms of worker CPU — a captured, source-mapped stack, a step
 *   sent to the runner process and reported there, the client/server protocol — more than
 *   the embedded server spends answering it; the load run's VUs use this one. undici (a
 *   Pool and a jar per user) was measured against it and kept out: more runner CPU per
 *   request in every round, the same p99, more heap per user (docs/ecosystem.md,
 *   `npx tsx scripts/bench-transport.ts`).
 */
import http from 'node:http';
import https from 'node:https';
import type { APIRequest, APIRequestContext } from '@playwright/test';
import { CookieJar } from './cookie-jar.ts';

export type TransportKind = 'node' | 'playwright';

/** What the history needs of an answer. */
export interface HttpAnswer {
  status: number;
  contentType: string;
  /** The Date header, as sent. */
  date: string | undefined;
  setCookies: string[];
  text: string;
}

export interface HttpTransport {
  /** One request to `path` (relative to the base URL); rejects on no answer (refused, reset, timeout). */
  send(method: string, path: string, data: unknown, timeoutMs: number): Promise<HttpAnswer>;
  /** Closes the user's connections; its cookies go with it. */
  close(): Promise<void>;
}

/** A transport over a Playwright APIRequestContext (its own cookie jar); `close` disposes it. */
export function playwrightTransport(context: APIRequestContext): HttpTransport {
  return {
    async send(method, path, data, timeoutMs) {
      const res = await context.fetch(path, { method, data, timeout: timeoutMs, failOnStatusCode: false, maxRedirects: 0 });
      const headers = res.headers();
      return {
        status: res.status(),
        contentType: headers['content-type'] ?? '',
        date: headers['date'],
        setCookies: res
          .headersArray()
          .filter((h) => h.name.toLowerCase() === 'set-cookie')
          .map((h) => h.value),
        text: await res.text(),
      };
    },
    close: () => context.dispose(),
  };
}

/** A transport over Node's http(s) client with a cookie jar and a kept-alive agent of its own. */
export function nodeTransport(baseUrl: string): HttpTransport {
  const base = new URL(baseUrl);
  const secure = base.protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const jar = new CookieJar(base.hostname, secure ? 'https:' : 'http:');
  return {
    send(method, path, data, timeoutMs) {
      const url = new URL(path, base);
      const target = url.pathname + url.search;
      const body = data === undefined ? undefined : Buffer.from(JSON.stringify(data));
      const headers: Record<string, string | number> = { accept: '*/*', 'user-agent': 'javumbo-load' };
      if (body) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = body.length;
      }
      const cookie = jar.header(target);
      if (cookie) headers.cookie = cookie;
      return new Promise<HttpAnswer>((resolve, reject) => {
        const req = (secure ? https : http).request({ protocol: url.protocol, hostname: url.hostname, port: url.port, method, path: target, headers, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', fail);
          // Cut mid-body (a worker that died): no 'end', only 'close' on an incomplete answer.
          res.on('close', () => {
            if (!res.complete) fail(new Error('socket hang up while reading the answer'));
          });
          res.on('end', () => {
            clearTimeout(timer);
            const setCookies = res.headers['set-cookie'] ?? [];
            jar.store(setCookies, target);
            const contentType = res.headers['content-type'];
            resolve({ status: res.statusCode ?? 0, contentType: contentType ?? '', date: res.headers.date, setCookies, text: Buffer.concat(chunks).toString('utf8') });
          });
        });
        const timer = setTimeout(() => {
          const timeout = new Error(`Timeout ${timeoutMs}ms exceeded`);
          fail(timeout);
          req.destroy(timeout);
        }, timeoutMs);
        function fail(e: Error): void {
          clearTimeout(timer);
          reject(e);
        }
        req.on('error', fail);
        req.end(body);
      });
    },
    close() {
      agent.destroy();
      return Promise.resolve();
    },
  };
}

/** A transport of the kind asked for: Playwright's needs its APIRequest to make a context. */
export async function openTransport(kind: TransportKind, request: APIRequest, baseUrl: string): Promise<HttpTransport> {
  return kind === 'node' ? nodeTransport(baseUrl) : playwrightTransport(await request.newContext({ baseURL: baseUrl }));
}

/**
 * The transport API VUs use: the one asked for (API_TRANSPORT), else Playwright's while the
 * run records traces (a trace without the requests would be empty) and Node's otherwise.
 */
export function chooseTransport(asked: TransportKind | null, traceMode: string): TransportKind {
  return asked ?? (traceMode === 'off' ? 'node' : 'playwright');
}
