/**
 * The API VUs' transport against a candidate: `npx tsx scripts/bench-transport.ts [--vus 50]
 * [--requests 100] [--rounds 3] [--workers 2]`. Both send the same calls to one embedded
 * target on loopback, each simulated user with one connection pool and one cookie jar
 * (helpers/vu/cookie-jar.ts) of its own:
 * - `node`: helpers/vu/http-transport.ts `nodeTransport`, node:http with a kept-alive Agent per user;
 * - `undici`: an undici `Pool` per user (keep-alive is undici's default), written here.
 *
 * A round opens `--vus` users on each transport in turn (the order alternates between
 * rounds, so a machine getting busier mid-run favours neither), logs each in, then lets all
 * of them send `--requests` calls at once, each user one after another without think time:
 * GET /decks, GET /decks/<id>/cards, GET /decks/<id>/stats and PUT /decks/current in turn.
 * Measured for each transport, in this (the runner's) process only — the target is a child:
 * - runner CPU per request: `process.cpuUsage` over the calls ÷ calls;
 * - p50 / p99 of the calls' latency, send to body read, over all rounds;
 * - memory per VU: heap + external + array buffers, and RSS, after a forced GC with the
 *   users logged in and their connections open, minus the same before they were opened.
 * Every call must answer 2xx, or the bench stops: a fast transport that loses sessions proves nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Pool } from 'undici';
import { CookieJar } from '../helpers/vu/cookie-jar.ts';
import { nodeTransport, type HttpAnswer, type HttpTransport } from '../helpers/vu/http-transport.ts';
import { startTarget, type RunningTarget } from '../embedded-server/start.ts';

interface Options {
  vus: number;
  requests: number;
  rounds: number;
  workers: number;
}

type Kind = 'node' | 'undici';

interface RoundResult {
  cpuMicros: number;
  calls: number;
  latenciesMs: number[];
  heapBytesPerVu: number;
  rssBytesPerVu: number;
}

const PASSWORD = 'password123';
const TIMEOUT_MS = 30_000;

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { vus: 50, requests: 100, rounds: 3, workers: 2 };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i]!.replace(/^--/, '');
    if (key in options && /^\d+$/.test(argv[i + 1] ?? '')) options[key as keyof Options] = Number(argv[++i]);
    else throw new Error(`Unknown argument ${argv[i]}. Usage: npx tsx scripts/bench-transport.ts [--vus N] [--requests N] [--rounds N] [--workers N]`);
  }
  if (Object.values(options).some((n) => n < 1)) throw new Error('Every count must be at least 1.');
  return options;
}

/** The candidate: one undici Pool and one cookie jar per user, answering as `nodeTransport` does. */
function undiciTransport(baseUrl: string): HttpTransport {
  const base = new URL(baseUrl);
  const pool = new Pool(base.origin);
  const jar = new CookieJar(base.hostname, base.protocol === 'https:' ? 'https:' : 'http:');
  return {
    async send(method, target, data, timeoutMs) {
      const headers: Record<string, string> = { accept: '*/*', 'user-agent': 'javumbo-load' };
      const body = data === undefined ? undefined : JSON.stringify(data);
      if (body !== undefined) headers['content-type'] = 'application/json';
      const cookie = jar.header(target);
      if (cookie) headers.cookie = cookie;
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(new Error(`Timeout ${timeoutMs}ms exceeded`)), timeoutMs);
      try {
        const res = await pool.request({ method, path: target, headers, body, signal: abort.signal });
        const text = await res.body.text();
        const raw = res.headers['set-cookie'];
        const setCookies = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
        jar.store(setCookies, target);
        const contentType = res.headers['content-type'];
        const date = res.headers.date;
        return { status: res.statusCode, contentType: typeof contentType === 'string' ? contentType : '', date: typeof date === 'string' ? date : undefined, setCookies, text };
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => pool.close(),
  };
}

const open: Record<Kind, (baseUrl: string) => HttpTransport> = { node: nodeTransport, undici: undiciTransport };

function expectOk(answer: HttpAnswer, what: string): HttpAnswer {
  if (answer.status < 200 || answer.status > 299) throw new Error(`${what} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  return answer;
}

function forcedGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

function memory(gc: () => void): { heap: number; rss: number } {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.external + m.arrayBuffers, rss: m.rss };
}

async function registerUsers(target: RunningTarget, count: number): Promise<string[]> {
  const transport = nodeTransport(target.baseUrl);
  // A fresh data directory each run: short names (at most 10 characters) cannot collide.
  const names = Array.from({ length: count }, (_, i) => `bench${i}`);
  try {
    for (const username of names) expectOk(await transport.send('POST', '/register', { username, name: username, password: PASSWORD }, TIMEOUT_MS), `POST /register ${username}`);
  } finally {
    await transport.close();
  }
  return names;
}

/** The calls of user `u`: a read-mostly mix over the user's first deck. */
function callsOf(deckId: string): [method: string, path: string, data: unknown][] {
  return [
    ['GET', '/decks', undefined],
    ['GET', `/decks/${deckId}/cards?page=1&perPage=10`, undefined],
    ['GET', `/decks/${deckId}/stats`, undefined],
    ['PUT', '/decks/current', { deckId }],
  ];
}

async function round(kind: Kind, target: RunningTarget, users: readonly string[], requests: number, gc: () => void): Promise<RoundResult> {
  const before = memory(gc);
  const transports = users.map(() => open[kind](target.baseUrl));
  const decks: string[] = [];
  try {
    for (const [i, username] of users.entries()) {
      const transport = transports[i]!;
      expectOk(await transport.send('POST', '/login', { username, password: PASSWORD }, TIMEOUT_MS), `${kind}: POST /login ${username}`);
      const listed = JSON.parse(expectOk(await transport.send('GET', '/decks', undefined, TIMEOUT_MS), `${kind}: GET /decks`).text) as { id: string | number }[];
      decks.push(String(listed[0]!.id));
    }
    const opened = memory(gc);
    const latenciesMs: number[] = [];
    const cpu = process.cpuUsage();
    await Promise.all(
      transports.map(async (transport, i) => {
        const calls = callsOf(decks[i]!);
        for (let n = 0; n < requests; n++) {
          const [method, target, data] = calls[n % calls.length]!;
          const sent = performance.now();
          expectOk(await transport.send(method, target, data, TIMEOUT_MS), `${kind}: ${method} ${target} of ${users[i]}`);
          latenciesMs.push(performance.now() - sent);
        }
      }),
    );
    const used = process.cpuUsage(cpu);
    return {
      cpuMicros: used.user + used.system,
      calls: latenciesMs.length,
      latenciesMs,
      heapBytesPerVu: (opened.heap - before.heap) / users.length,
      rssBytesPerVu: (opened.rss - before.rss) / users.length,
    };
  } finally {
    await Promise.all(transports.map((t) => t.close()));
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const options = parseArgs(process.argv.slice(2));
const gc = forcedGc();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-transport-'));
const target = await startTarget({ port: 0, dataDir, workers: options.workers, bcryptCost: 4 });
const results: Record<Kind, RoundResult[]> = { node: [], undici: [] };
try {
  const users = await registerUsers(target, options.vus);
  for (let r = 0; r < options.rounds; r++) {
    const order: Kind[] = r % 2 === 0 ? ['node', 'undici'] : ['undici', 'node'];
    for (const kind of order) {
      const result = await round(kind, target, users, options.requests, gc);
      results[kind].push(result);
      console.log(`round ${r + 1} ${kind}: ${(result.cpuMicros / result.calls).toFixed(0)} µs CPU per request over ${result.calls} calls`);
    }
  }
} finally {
  await target.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

console.log(`\n${options.vus} VUs × ${options.requests} requests, ${options.rounds} rounds, target with ${options.workers} workers on ${os.cpus().length} cores`);
console.log('transport | runner CPU µs/request (median of rounds) | p50 ms | p99 ms | heap+external KiB/VU | RSS KiB/VU (median of rounds)');
for (const kind of ['node', 'undici'] as const) {
  const rounds = results[kind];
  const latencies = rounds.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const cpu = median(rounds.map((r) => r.cpuMicros / r.calls));
  const heap = median(rounds.map((r) => r.heapBytesPerVu)) / 1024;
  const rss = median(rounds.map((r) => r.rssBytesPerVu)) / 1024;
  console.log(`${kind} | ${cpu.toFixed(0)} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 99).toFixed(1)} | ${heap.toFixed(1)} | ${rss.toFixed(0)}`);
}
