/**
 * Times one VU's card audit (`fixtures/card-audit.ts`) in a run of many users:
 * `npx tsx scripts/bench-card-audit.ts [--users 600] [--cards 20] [--repeat 3]`. The run
 * directory holds one history file and a data directory with one collection per user (the
 * 108-card sample deck plus `--cards` marked cards each). The audit of the last VU is timed
 * without a cache (every audit reads every file, as before the cache), with a worker's
 * `CollectionCache` warmed by earlier audits, and with that cache after a tenth of the users'
 * files changed (the users still working when the VU ends).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CollectionCache } from '../db/collection-cache.ts';
import { auditVuOperations } from '../fixtures/card-audit.ts';
import type { RunContext } from '../fixtures/run-fixture.ts';
import type { Operation } from '../helpers/history/operation.ts';
import { runPaths, type PoolUser, type RunInfo } from '../helpers/run/run-dir.ts';
import { writeAdminDb, writeUserDb, type FixtureCard } from '../tests/unit/support/anki-fixture.ts';
import { historyBuilder } from '../tests/unit/support/history-builder.ts';

const BASE_SECOND = 1_795_000_000;
/** The cache keeps only files last written more than its racy window (1 s) before the read. */
const SETTLE_MS = 1_100;

interface Options {
  users: number;
  cards: number;
  repeat: number;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { users: 600, cards: 20, repeat: 3 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]?.replace(/^--/, '');
    if ((name === 'users' || name === 'cards' || name === 'repeat') && /^\d+$/.test(argv[i + 1] ?? '')) options[name] = Number(argv[++i]);
    else throw new Error(`Unknown argument ${argv[i]}. Usage: npx tsx scripts/bench-card-audit.ts [--users N] [--cards N] [--repeat N]`);
  }
  if (options.users < 1 || options.cards < 1 || options.repeat < 1) throw new Error('Need at least 1 user, 1 card and 1 repeat.');
  return options;
}

/** Writes one user's collection: the sample deck and its acknowledged cards. */
function writeUser(dataDir: string, user: PoolUser, ops: readonly Operation[]): void {
  const cards: FixtureCard[] = ops.map((op) => ({ cardId: op.sentAt + 1, deckId: 1, front: op.intent!.front!, back: op.intent!.back! }));
  writeUserDb(dataDir, { userId: user.userId, username: user.username, sampleDeckSecond: BASE_SECOND + user.userId * 1000, cards });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function timeAudit(run: RunContext, ops: readonly Operation[], cache?: CollectionCache): { ms: number; violations: number } {
  const started = performance.now();
  const violations = auditVuOperations(run, ops, cache).length;
  return { ms: performance.now() - started, violations };
}

function spread(times: readonly number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms (${sorted.map((t) => t.toFixed(0)).join(', ')})`;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-card-audit-'));
  try {
    const dataDir = path.join(runDir, 'data');
    const h = historyBuilder('bench');
    const pool: PoolUser[] = Array.from({ length: options.users }, (_, i) => ({
      vu: `w${i + 1}`,
      username: `u${i + 1}`,
      name: `User ${i + 1}`,
      userId: i + 1,
      registeredSentAt: 0,
      registeredReturnedAt: 0,
    }));
    writeAdminDb(dataDir, pool);
    const opsByVu = new Map<string, Operation[]>();
    for (const user of pool) {
      const second = BASE_SECOND + user.userId * 1000;
      const ops = Array.from({ length: options.cards }, (_, i) => {
        const at = (second + 10 + i) * 1000;
        return h.add({ vu: user.vu, username: user.username, userId: user.userId, seq: i + 1, deckId: 1, at, cardId: at + 1 }).op;
      });
      opsByVu.set(user.vu, ops);
      writeUser(dataDir, user, ops);
    }
    const paths = runPaths(runDir);
    fs.mkdirSync(paths.historyDir, { recursive: true });
    // The VU being judged has not written its operations yet: the others' are the history so far.
    const vu = pool.at(-1)!;
    const mine = opsByVu.get(vu.vu)!;
    const others = h.ops.filter((op) => op.vu !== vu.vu);
    fs.writeFileSync(path.join(paths.historyDir, 'worker-0.jsonl'), others.map((op) => `${JSON.stringify(op)}\n`).join(''));
    const info = { id: 'bench', dataDir, serverLog: null } as Pick<RunInfo, 'id' | 'dataDir' | 'serverLog'> as RunInfo;
    const run: RunContext = { dir: runDir, info, pool: new Map(pool.map((u) => [u.vu, u])), secret: 'bench' };
    await sleep(SETTLE_MS);

    const cold = Array.from({ length: options.repeat }, () => timeAudit(run, mine));
    const cache = new CollectionCache();
    timeAudit(run, mine, cache);
    const warmHits = cache.hits;
    const warm = Array.from({ length: options.repeat }, () => timeAudit(run, mine, cache));
    const warmReads = cache.hits - warmHits;
    const changedTimes: number[] = [];
    for (let r = 0; r < options.repeat; r++) {
      // A tenth of the users still working: their files rewritten since the last audit.
      for (const user of pool.filter((u) => u.userId % 10 === r % 10)) writeUser(dataDir, user, opsByVu.get(user.vu)!);
      changedTimes.push(timeAudit(run, mine, cache).ms);
    }
    const violations = [...cold, ...warm].map((t) => t.violations);
    console.log(`one VU's card audit, ${options.users} user databases (${options.cards} marked cards each), ${others.length + mine.length} operations, load average ${os.loadavg()[0]!.toFixed(1)}:`);
    console.log(`  no cache (every file read):      ${spread(cold.map((t) => t.ms))}`);
    console.log(`  worker cache, files unchanged:   ${spread(warm.map((t) => t.ms))} (${warmReads} of ${options.users * options.repeat} reads from the cache)`);
    console.log(`  worker cache, a tenth rewritten: ${spread(changedTimes)}`);
    if (violations.some((v) => v !== 0)) {
      console.error(`The audit should find nothing in this clean world; it found ${violations.join(', ')} violation(s).`);
      return 1;
    }
    return 0;
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
