/**
 * CPU per request of a VU's cookie jar: `npx tsx scripts/bench-cookie-jar.ts [--cycles N]
 * [--rounds N] [JAR_MODULE]`. One cycle is what the node transport does for one request: the
 * Cookie header for the request's path, then the answer's Set-Cookie stored. The answers are
 * Flask-Session's (`session=<uuid>.<signature>; Expires=…; HttpOnly; Path=/; SameSite=Lax`,
 * refreshed on every answer as a permanent session is), over the paths a reviewer calls, with
 * a logout (Flask's expiry in 1970) and a new login every 50 cycles.
 *
 * JAR_MODULE defaults to helpers/vu/cookie-jar.ts; give another file exporting the same
 * `CookieJar` to compare, e.g. the hand-written jar this one replaced:
 *   git show 2abe063:helpers/vu/cookie-jar.ts > /tmp/old-cookie-jar.ts
 *   npx tsx scripts/bench-cookie-jar.ts /tmp/old-cookie-jar.ts
 * Prints µs of process CPU (user + system, `process.cpuUsage`) per cycle for each round after
 * a warm-up, and their median.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CookieJar } from '../helpers/vu/cookie-jar.ts';

interface Options {
  cycles: number;
  rounds: number;
  module: string;
}

type JarClass = new (host: string) => Pick<CookieJar, 'store' | 'header'>;

const PATHS = ['/decks', '/review?deck=Verbal%20Tenses', '/answer', '/add_card', '/decks/1/cards?page=2&per_page=5', '/set_current_deck'];
const LOGIN_EVERY = 50;

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { cycles: 100_000, rounds: 5, module: 'helpers/vu/cookie-jar.ts' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if ((arg === '--cycles' || arg === '--rounds') && /^\d+$/.test(argv[i + 1] ?? '')) options[arg === '--cycles' ? 'cycles' : 'rounds'] = Number(argv[++i]);
    else if (!arg.startsWith('--')) options.module = arg;
    else throw new Error(`Unknown argument ${arg}. Usage: npx tsx scripts/bench-cookie-jar.ts [--cycles N] [--rounds N] [JAR_MODULE]`);
  }
  if (options.cycles < LOGIN_EVERY || options.rounds < 1) throw new Error(`Need at least ${LOGIN_EVERY} cycles and 1 round.`);
  return options;
}

function sessionCookie(now: number): string {
  const signature = crypto.randomBytes(20).toString('base64url');
  const expires = new Date(now + 31 * 86_400_000).toUTCString();
  return `session=${crypto.randomUUID()}.${signature}; Expires=${expires}; HttpOnly; Path=/; SameSite=Lax`;
}

const LOGOUT = 'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/';

/** `cycles` requests of one user, its answers made beforehand so only the jar is timed. */
function round(Jar: JarClass, cycles: number): number {
  const now = Date.now();
  const answers = Array.from({ length: cycles }, (_, i) => (i % LOGIN_EVERY === LOGIN_EVERY - 1 ? [LOGOUT] : [sessionCookie(now)]));
  const jar = new Jar('127.0.0.1');
  let sent = 0;
  const before = process.cpuUsage();
  for (let i = 0; i < cycles; i++) {
    const target = PATHS[i % PATHS.length]!;
    if (jar.header(target) !== null) sent++;
    jar.store(answers[i]!, target);
  }
  const used = process.cpuUsage(before);
  // Every request but the one after each logout carries the session.
  const expected = cycles - 1 - Math.floor((cycles - 1) / LOGIN_EVERY);
  if (sent !== expected) throw new Error(`The jar sent a cookie on ${sent} of ${cycles} requests, not ${expected}: it does not keep or delete the session as a browser does.`);
  return (used.user + used.system) / cycles;
}

const options = parseArgs(process.argv.slice(2));
const { CookieJar: Jar } = (await import(pathToFileURL(path.resolve(options.module)).href)) as { CookieJar: JarClass };
round(Jar, Math.min(options.cycles, 10_000));
const perCycle: number[] = [];
for (let r = 0; r < options.rounds; r++) perCycle.push(round(Jar, options.cycles));
const median = [...perCycle].sort((a, b) => a - b)[Math.floor(perCycle.length / 2)]!;
console.log(`${options.module}: ${options.rounds} rounds × ${options.cycles} cycles (header + store), CPU µs per cycle: ${perCycle.map((u) => u.toFixed(2)).join(', ')}; median ${median.toFixed(2)}`);
