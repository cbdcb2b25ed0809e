/**
 * Stand-ins for a wrong target: a throwaway HTTP server on 127.0.0.1 that gives every
 * request the same answer (a proxy's 502 page, plain text), and a loopback port that is
 * certainly closed.
 */
import http from 'node:http';
import net from 'node:net';

export interface StubAnswer {
  status: number;
  contentType: string;
  body: string;
}

export interface StubServer {
  baseUrl: string;
  /** Requests answered so far: proves the suite asked before it refused. */
  requests(): number;
  close(): Promise<void>;
}

export async function startStub(answer: StubAnswer): Promise<StubServer> {
  let count = 0;
  const server = http.createServer((req, res) => {
    count++;
    req.resume();
    res.writeHead(answer.status, { 'content-type': answer.contentType, connection: 'close' });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A loopback port nothing listens on: one the OS just handed out and took back. fetch refuses
 * some well-known ports outright ("bad port"), so port 1 or 9 would not test a refused connection.
 */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What nginx answers when the API behind it is down. */
export const NGINX_502: StubAnswer = {
  status: 502,
  contentType: 'text/html',
  body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n',
};

/** A server that is up but is not an API: every answer is plain text. */
export const PLAIN_TEXT: StubAnswer = { status: 200, contentType: 'text/plain; charset=utf-8', body: 'It works!\n' };

/** The API alone (the real server without nginx): JSON 401 everywhere, no web client at `/`. */
export const API_ONLY: StubAnswer = { status: 401, contentType: 'application/json', body: '{"error":"Authentication required"}\n' };
