/**
 * `npm run merge -- [--projects a,b] [--shards n] <leg run dir> …`: the legs of one sharded run
 * made into one run directory (`runs/<id>-merged/`, and `runs/latest`), judged once, with every
 * deliverable. Its path is the last line printed. Exit 0 passed, 1 failed, 2 bad input (a leg
 * missing, legs of different runs; one line), 3 unknown (not everything could be judged); a bug keeps its stack.
 */
import { pathToFileURL } from 'node:url';
import { config } from '../helpers/config/config.ts';
import { intOption, parseCommandLine, runCommand } from '../helpers/config/cli-args.ts';
import { UsageError } from '../helpers/config/errors/usage-error.ts';
import { configuredLimits } from '../db/decision/thresholds.ts';
import { fetchData } from '../db/data-fetch.ts';
import { checkLegs, mergeLegs, readLegs, type LiveData, type MergeExpectation } from '../report/merge-legs.ts';

const USAGE = 'npm run merge -- [--projects a,b,…] [--shards n] <leg run dir> <leg run dir> …';
const HELP = `Usage: ${USAGE}
Merges the legs of one sharded run (one RUN_ID and RUN_EPOCH, each run with --shard=i/n) into
runs/<id>-merged/ (RUNS_DIR), judges the union of their histories once and writes every
deliverable; runs/latest then names it, and its path is the last line printed.
  --projects  the projects the run selected: a project no leg ran is reported missing
  --shards    the shard count of the matrix: a leg of another count is refused
With BASE_URL and DATA_DIR (and DATA_FETCH_CMD) set for the server the legs drove, its
databases are read now, after every leg ended; otherwise from the snapshot of the last leg.
Exit 0 passed, 1 failed, 2 bad input (e.g. a missing leg), 3 unknown.`;

const EXIT = { passed: 0, failed: 1, unknown: 3 } as const;

function parseMergeArgs(argv: readonly string[]): { dirs: string[]; expect: MergeExpectation; help: boolean } {
  const { values, positionals } = parseCommandLine(argv, { projects: { type: 'string' }, shards: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, USAGE);
  const expect: { projects?: string[]; shards?: number } = {};
  if (values.projects !== undefined) {
    const projects = values.projects
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (projects.length === 0) throw new UsageError('--projects needs a comma-separated list', USAGE);
    expect.projects = projects;
  }
  if (values.shards !== undefined) expect.shards = intOption('shards', values.shards, 1, 1000, USAGE);
  if (!values.help && positionals.length === 0) throw new UsageError('no leg run directory given', USAGE);
  return { dirs: positionals, expect, help: values.help === true };
}

export interface MergeCliOptions {
  /** Where the merged run directory goes (default RUNS_DIR). */
  runsDir?: string;
}

export async function main(argv: readonly string[], out: (text: string) => void = console.log, err: (text: string) => void = console.error, options: MergeCliOptions = {}): Promise<number> {
  return runCommand(async () => {
    const args = parseMergeArgs(argv);
    if (args.help) {
      out(HELP);
      return 0;
    }
    const limits = configuredLimits();
    const legs = readLegs(args.dirs);
    checkLegs(legs, args.expect);
    const fetchCmd = config.dataFetchCmd;
    const live: LiveData | null =
      config.baseUrl && config.dataDir ? { baseUrl: config.baseUrl, dataDir: config.dataDir, fetch: fetchCmd ? (into) => fetchData(fetchCmd, into, config.root) : null } : null;
    const result = await mergeLegs(legs, options.runsDir ?? config.runsDir, limits, live);
    out(result.text);
    out(result.dir);
    return EXIT[result.summary.result];
  }, err);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
