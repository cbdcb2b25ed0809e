/**
 * Small HTTP servers for unit tests: on 127.0.0.1 at a free port, closed with every kept-alive
 * socket, and a JSON handler that reads the whole request body first.
 */
import http from 'node:http';
import type net from 'node:net';

export interface LoopbackServer {
  baseUrl: string;
  close(): Promise<void>;
}

export async function serveLoopback(handler: http.RequestListener): Promise<LoopbackServer> {
  const server = http.createServer(handler);
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export type JsonReply = (status: number, value: unknown, headers?: Record<string, string>) => void;

/** A handler given the request, its whole body as text, and a JSON reply. */
export function jsonHandler(route: (req: http.IncomingMessage, body: string, reply: JsonReply) => void): http.RequestListener {
  return (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () =>
      route(req, body, (status, value, headers = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(value));
      }),
    );
  };
}
