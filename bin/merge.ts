/**
 * `npm run merge -- [--projects a,b] [--shards n] <leg run dir> …`: the legs of one sharded run
 * made into one run directory (`runs/<id>-merged/`, and `runs/latest`), judged once, with every
 * deliverable. Its path is the last line printed. Exit 0 passed, 1 failed, 2 bad input (a leg
 * missing, legs of different runs; one line), 3 unknown (not everything could be judged).
 */
import { pathToFileURL } from 'node:url';
import { config } from '../helpers/config/config.ts';
import { isBadInput } from '../helpers/config/fail.ts';
import { fetchData } from '../db/data-fetch.ts';
import { checkLegs, mergeLegs, readLegs, type LiveData, type MergeExpectation } from '../report/merge-legs.ts';

const USAGE = 'Usage: npm run merge -- [--projects a,b,…] [--shards n] <leg run dir> <leg run dir> …';
const HELP = `${USAGE}
Merges the legs of one sharded run (one RUN_ID and RUN_EPOCH, each run with --shard=i/n) into
runs/<id>-merged/ (RUNS_DIR), judges the union of their histories once and writes every
deliverable; runs/latest then names it, and its path is the last line printed.
  --projects  the projects the run selected: a project no leg ran is reported missing
  --shards    the shard count of the matrix: a leg of another count is refused
With BASE_URL and DATA_DIR (and DATA_FETCH_CMD) set for the server the legs drove, its
databases are read now, after every leg ended; otherwise from the snapshot of the last leg.
Exit 0 passed, 1 failed, 2 bad input (e.g. a missing leg), 3 unknown.`;

const EXIT = { passed: 0, failed: 1, unknown: 3 } as const;

function parseArgs(argv: readonly string[]): { dirs: string[]; expect: MergeExpectation } | string {
  const dirs: string[] = [];
  const expect: { projects?: string[]; shards?: number } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string | undefined => (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i]);
    if (arg === '--projects' || arg.startsWith('--projects=')) {
      const v = value();
      if (!v) return `--projects needs a comma-separated list. ${USAGE}`;
      expect.projects = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    } else if (arg === '--shards' || arg.startsWith('--shards=')) {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) return `--shards needs a whole number ≥ 1. ${USAGE}`;
      expect.shards = n;
    } else if (arg.startsWith('-')) return `Unknown option ${arg}. ${USAGE}`;
    else dirs.push(arg);
  }
  if (dirs.length === 0) return USAGE;
  return { dirs, expect };
}

export interface MergeCliOptions {
  /** Where the merged run directory goes (default RUNS_DIR). */
  runsDir?: string;
}

export async function main(argv: readonly string[], out: (text: string) => void = console.log, err: (text: string) => void = console.error, options: MergeCliOptions = {}): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out(HELP);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    err(args);
    return 2;
  }
  try {
    const legs = readLegs(args.dirs);
    checkLegs(legs, args.expect);
    const fetchCmd = config.dataFetchCmd;
    const live: LiveData | null =
      config.baseUrl && config.dataDir ? { baseUrl: config.baseUrl, dataDir: config.dataDir, fetch: fetchCmd ? (into) => fetchData(fetchCmd, into, config.root) : null } : null;
    const result = await mergeLegs(legs, options.runsDir ?? config.runsDir, live);
    out(result.text);
    out(result.dir);
    return EXIT[result.summary.result];
  } catch (e) {
    if (isBadInput(e)) {
      err(e.message);
      return 2;
    }
    err(`Merge failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
