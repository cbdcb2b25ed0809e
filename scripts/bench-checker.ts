/**
 * Times the checker on a large crafted world: `npx tsx scripts/bench-checker.ts [--users 1000]
 * [--cards 100] [--keep | --reuse DIR]`. Each user has the 108-card sample deck plus `--cards`
 * marked cards and 10 reviews, with a matching history; two violations are planted so the run
 * proves the audit really looked (it must find exactly those). Fails when the audit takes 5 s
 * or more. `--keep` leaves the data directory behind and `--reuse DIR` audits one kept earlier
 * (same `--users` and `--cards`): ten thousand user files take minutes to write, and a profile
 * of the audit should not wait for them each time. The history is rebuilt either way (it is
 * deterministic and held in memory, as the audit needs it).
 *
 * The audit is handed the history as a run's audit reads it: JSON lines parsed by the history
 * reader (`parseHistoryText`). The builder's own objects hold every marker text as a chain of
 * template-literal pieces, about four times the memory of the parsed line; a bench judging those
 * would measure the builder, not the history a run leaves.
 *
 * Peak RSS is the process's (`process.resourceUsage().maxRSS`): once after building the
 * history (and the files, unless reused), once after the audit. The second is the run's peak;
 * when it exceeds the first, the audit set it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { audit } from '../db/checker.ts';
import { writeAdminDb, writeUserDb, type FixtureCard, type FixtureRevlog } from '../tests/unit/support/anki-fixture.ts';
import { historyBuilder } from '../tests/unit/support/history-builder.ts';
import { parseHistoryText } from '../helpers/history/reader.ts';
import type { Operation } from '../helpers/history/operation.ts';

const LIMIT_MS = 5_000;
const REVIEWS_PER_USER = 10;
const BASE_SECOND = 1_795_000_000;

interface Options {
  users: number;
  cards: number;
  keep: boolean;
  reuse: string | null;
}

/** What a kept data directory was built with, so `--reuse` refuses one of another size. */
const MANIFEST = 'bench-checker.json';

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { users: 1000, cards: 100, keep: false, reuse: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--keep') options.keep = true;
    else if (arg === '--reuse' && argv[i + 1] !== undefined) options.reuse = argv[++i]!;
    else if ((arg === '--users' || arg === '--cards') && /^\d+$/.test(argv[i + 1] ?? '')) options[arg === '--users' ? 'users' : 'cards'] = Number(argv[++i]);
    else throw new Error(`Unknown argument ${arg}. Usage: npx tsx scripts/bench-checker.ts [--users N] [--cards N] [--keep | --reuse DIR]`);
  }
  if (options.reuse !== null) checkReusable(options);
  if (options.users < 2 || options.cards < 1) throw new Error('Need at least 2 users and 1 card each (the bench plants a misrouted card).');
  return options;
}

function checkReusable(options: Options): void {
  const manifest = path.join(options.reuse!, MANIFEST);
  const built = fs.existsSync(manifest) ? (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { users?: unknown; cards?: unknown }) : null;
  if (built?.users !== options.users || built.cards !== options.cards) {
    throw new Error(
      `${options.reuse} was not kept by a bench of ${options.users} users × ${options.cards} cards (${built ? `it holds ${String(built.users)} × ${String(built.cards)}` : `no ${MANIFEST}`}); run once with --keep and those sizes.`,
    );
  }
}

/** Peak resident set size of this process so far, in MB. */
function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function main(): number {
  const options = parseArgs(process.argv.slice(2));
  const dataDir = options.reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-checker-'));
  // Writes only when building a fresh directory; a reused one already holds these files.
  const write = options.reuse === null;
  try {
    const started = performance.now();
    const h = historyBuilder('bench');
    const history: Operation[] = [];
    const accounts = Array.from({ length: options.users }, (_, i) => ({ userId: i + 1, username: `u${i + 1}`, name: `User ${i + 1}` }));
    if (write) writeAdminDb(dataDir, accounts);
    for (const account of accounts) {
      // One registration second per user: sample-deck ids stay distinct across files.
      const second = BASE_SECOND + account.userId * 1000;
      const vu = { vu: `w${account.userId}`, username: account.username, userId: account.userId };
      const cards: FixtureCard[] = [];
      const revlog: FixtureRevlog[] = [];
      for (let seq = 1; seq <= options.cards; seq++) {
        const at = (second + 10 + seq) * 1000;
        const cardId = at + 1;
        const { card } = h.add({ ...vu, seq, deckId: 1, at, cardId });
        cards.push({ cardId, deckId: 1, front: card.front, back: card.back });
      }
      for (let r = 0; r < REVIEWS_PER_USER; r++) {
        const at = (second + 500 + r) * 1000;
        const cardId = second * 1000 + r + 1;
        h.answer(vu, cardId, (r % 4) + 1, at);
        revlog.push({ id: at + 5, cardId, ease: (r % 4) + 1 });
      }
      // Planted: u1's last acknowledged card is lost, its first one sits only in u2's file (below).
      if (account.userId === 1) {
        cards.shift();
        cards.pop();
      }
      if (write) writeUserDb(dataDir, { userId: account.userId, username: account.username, sampleDeckSecond: second, cards, revlog });
      // Through JSON lines, as the writer leaves them and the reader reads them back.
      const lines = h.ops.splice(0).map((op) => `${JSON.stringify(op)}\n`);
      for (const op of parseHistoryText(`${vu.vu}.jsonl`, lines.join('')).operations) history.push(op);
    }
    // Planted: u1's first card written into u2's file instead of u1's.
    const misrouted = history.find((op) => op.username === 'u1' && op.op === 'add_card')!;
    if (write)
      writeUserDb(dataDir, {
        userId: 2,
        username: 'u2',
        sampleDeckSecond: BASE_SECOND + 2000,
        cards: [
          ...history.filter((op) => op.username === 'u2' && op.op === 'add_card').map((op) => ({ cardId: op.sentAt + 1, deckId: 1, front: op.intent!.front!, back: op.intent!.back! })),
          { cardId: 99, deckId: 1, front: misrouted.intent!.front!, back: misrouted.intent!.back! },
        ],
        revlog: history.filter((op) => op.username === 'u2' && op.op === 'answer').map((op) => ({ id: op.sentAt + 5, cardId: op.intent!.cardId!, ease: op.intent!.ease! })),
      });
    if (write) fs.writeFileSync(path.join(dataDir, MANIFEST), JSON.stringify({ users: options.users, cards: options.cards }));
    const generatedMs = performance.now() - started;
    const generatedPeakMb = peakRssMb();

    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const verdict = audit({ runId: 'bench', history, dataDir, source: 'live' });
    const auditMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    // The audit is synchronous and single-threaded: on an idle machine wall time is about its
    // CPU time; on a shared one the difference is time spent waiting for a core.
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const peakMb = peakRssMb();

    const found = verdict.violations.map((v) => `${v.class} ${v.marker}`).sort();
    const expected = [`lost u1_${options.cards}`, 'misrouted u1_1'];
    console.log(
      `${write ? 'generated' : 'reused'} ${options.users} users (history${write ? ' and files' : ''}) in ${(generatedMs / 1000).toFixed(1)} s, peak RSS ${generatedPeakMb.toFixed(0)} MB (${dataDir})`,
    );
    console.log(
      `audit: ${verdict.usersJudged} users, ${verdict.cardsRead} cards, ${verdict.operationsRead} operations in ${auditMs.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU, load average ${os.loadavg()[0]!.toFixed(1)} (limit ${LIMIT_MS} ms); violations: ${found.join(', ') || 'none'}`,
    );
    console.log(`peak RSS: ${peakMb.toFixed(0)} MB${peakMb > generatedPeakMb ? ' (set by the audit)' : ' (set before the audit)'}`);
    if (JSON.stringify(found) !== JSON.stringify(expected)) {
      console.error(`The audit should have found exactly ${expected.join(', ')}.`);
      return 1;
    }
    if (auditMs >= LIMIT_MS) {
      console.error(`The audit took ${auditMs.toFixed(0)} ms, over the ${LIMIT_MS} ms budget.`);
      return 1;
    }
    return 0;
  } finally {
    if (!options.keep && options.reuse === null) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
