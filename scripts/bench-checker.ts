/**
 * Times the checker on a large crafted world: `npx tsx scripts/bench-checker.ts [--users 1000]
 * [--cards 100] [--keep]`. Each user has the 108-card sample deck plus `--cards` marked cards
 * and 10 reviews, with a matching history; two violations are planted so the run proves the
 * audit really looked (it must find exactly those). Fails when the audit takes 5 s or more.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { audit } from '../db/checker.ts';
import { writeAdminDb, writeUserDb, type FixtureCard, type FixtureRevlog } from '../tests/unit/support/anki-fixture.ts';
import { historyBuilder } from '../tests/unit/support/history-builder.ts';

const LIMIT_MS = 5_000;
const REVIEWS_PER_USER = 10;
const BASE_SECOND = 1_795_000_000;

interface Options {
  users: number;
  cards: number;
  keep: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { users: 1000, cards: 100, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--keep') options.keep = true;
    else if ((arg === '--users' || arg === '--cards') && /^\d+$/.test(argv[i + 1] ?? '')) options[arg === '--users' ? 'users' : 'cards'] = Number(argv[++i]);
    else throw new Error(`Unknown argument ${arg}. Usage: npx tsx scripts/bench-checker.ts [--users N] [--cards N] [--keep]`);
  }
  if (options.users < 2 || options.cards < 1) throw new Error('Need at least 2 users and 1 card each (the bench plants a misrouted card).');
  return options;
}

function main(): number {
  const options = parseArgs(process.argv.slice(2));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-checker-'));
  try {
    const started = performance.now();
    const h = historyBuilder('bench');
    const accounts = Array.from({ length: options.users }, (_, i) => ({ userId: i + 1, username: `u${i + 1}`, name: `User ${i + 1}` }));
    writeAdminDb(dataDir, accounts);
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
      writeUserDb(dataDir, { userId: account.userId, username: account.username, sampleDeckSecond: second, cards, revlog });
    }
    // Planted: u1's first card written into u2's file instead of u1's.
    const misrouted = h.ops.find((op) => op.username === 'u1' && op.op === 'add_card')!;
    writeUserDb(dataDir, {
      userId: 2,
      username: 'u2',
      sampleDeckSecond: BASE_SECOND + 2000,
      cards: [
        ...h.ops.filter((op) => op.username === 'u2' && op.op === 'add_card').map((op) => ({ cardId: op.sentAt + 1, deckId: 1, front: op.intent!.front!, back: op.intent!.back! })),
        { cardId: 99, deckId: 1, front: misrouted.intent!.front!, back: misrouted.intent!.back! },
      ],
      revlog: h.ops.filter((op) => op.username === 'u2' && op.op === 'answer').map((op) => ({ id: op.sentAt + 5, cardId: op.intent!.cardId!, ease: op.intent!.ease! })),
    });
    const generatedMs = performance.now() - started;

    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const verdict = audit({ runId: 'bench', history: h.ops, dataDir, source: 'live' });
    const auditMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    // The audit is synchronous and single-threaded: on an idle machine wall time is about its
    // CPU time; on a shared one the difference is time spent waiting for a core.
    const cpuMs = (cpu.user + cpu.system) / 1000;

    const found = verdict.violations.map((v) => `${v.class} ${v.marker}`).sort();
    const expected = [`lost u1_${options.cards}`, 'misrouted u1_1'];
    console.log(`generated ${options.users} users in ${(generatedMs / 1000).toFixed(1)} s (${dataDir})`);
    console.log(
      `audit: ${verdict.usersJudged} users, ${verdict.cardsRead} cards, ${verdict.operationsRead} operations in ${auditMs.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU, load average ${os.loadavg()[0]!.toFixed(1)} (limit ${LIMIT_MS} ms); violations: ${found.join(', ') || 'none'}`,
    );
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
    if (!options.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
