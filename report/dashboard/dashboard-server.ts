/**
 * The dashboard's HTTP server, inside the runner's own process: the page, its script,
 * Chart.js from node_modules, the run's report.html once written, and `/events`, a stream of
 * server-sent events. Bound to 127.0.0.1 only, and it answers only requests addressed to that
 * host, so a web page elsewhere cannot read the run through a rebound DNS name.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chartJsPath } from './chart-js-path.ts';
import { DASHBOARD_PAGE } from './dashboard-page.ts';
import { DASHBOARD_SCRIPT } from './dashboard-script.ts';

export const DASHBOARD_HOST = '127.0.0.1';
/** A page that lost its stream asks again after this long (the run may have ended meanwhile). */
const RETRY_MS = 2_000;

export interface DashboardServerOptions {
  port: number;
  /** The full frame so far, for a page that connects. */
  snapshot(): unknown;
  /** report.html of the run, once the teardown has written it. */
  reportPath(): string | null;
}

export class DashboardServer {
  private readonly server: http.Server;
  private readonly streams = new Set<http.ServerResponse>();
  private chartJs: Buffer | null = null;

  constructor(private readonly options: DashboardServerOptions) {
    this.server = http.createServer((req, res) => this.handle(req, res));
    // Never the reason a finished run's process stays alive.
    this.server.unref();
  }

  /** Listens; resolves with the port, rejects with the listen error (a taken port). */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, DASHBOARD_HOST, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** Sends one event to every open page. */
  broadcast(event: string, data: unknown): void {
    if (this.streams.size === 0) return;
    const text = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of this.streams) res.write(text);
  }

  /** Ends every stream (its last event flushed, for at most `graceMs`) and stops listening. */
  async close(graceMs: number): Promise<void> {
    const ended = [...this.streams].map((res) => new Promise<void>((resolve) => res.end(resolve)));
    this.streams.clear();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(ended), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs).unref()))]);
    clearTimeout(timer);
    this.server.close();
    this.server.closeAllConnections();
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const port = (this.server.address() as AddressInfo | null)?.port;
    if (req.headers.host !== `${DASHBOARD_HOST}:${port}` && req.headers.host !== `localhost:${port}`) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('the dashboard answers only http://127.0.0.1\n');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${DASHBOARD_HOST}`);
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    switch (url.pathname) {
      case '/':
        return this.send(res, 'text/html; charset=utf-8', DASHBOARD_PAGE);
      case '/dashboard.js':
        return this.send(res, 'text/javascript; charset=utf-8', DASHBOARD_SCRIPT);
      case '/chart.umd.js':
        this.chartJs ??= fs.readFileSync(chartJsPath());
        return this.send(res, 'text/javascript; charset=utf-8', this.chartJs);
      case '/report.html': {
        const file = this.options.reportPath();
        if (file === null || !fs.existsSync(file)) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('report.html is written when the run has been judged\n');
        return this.send(res, 'text/html; charset=utf-8', fs.readFileSync(file));
      }
      case '/events':
        return this.openStream(req, res);
      default:
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    }
  }

  private send(res: http.ServerResponse, type: string, body: string | Buffer): void {
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  }

  private openStream(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.socket?.unref();
    res.write(`retry: ${RETRY_MS}\n`);
    res.write(`event: frame\ndata: ${JSON.stringify(this.options.snapshot())}\n\n`);
    this.streams.add(res);
    req.on('close', () => this.streams.delete(res));
  }
}
