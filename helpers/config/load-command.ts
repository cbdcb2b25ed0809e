/**
 * The plan's command line, `javumbo-load --target URL --users 30 --duration 300`, mapped onto
 * the settings the suite already reads (helpers/config/config.ts): nothing here is a second config,
 * only a translation into its environment variables, which config.ts then validates.
 */
import path from 'node:path';
import { intOption, parseCommandLine } from './cli-args.ts';
import { UsageError } from './errors/usage-error.ts';

/** The plan's size: 30 users, 20 % of them writers (6) and 80 % reviewers (24), over 300 s. */
export const PLAN_USERS = 30;
export const PLAN_WRITER_SHARE = 0.2;
export const PLAN_DURATION_S = 300;
/** DURATION_SCALE's range in config.ts, [0.01, 100], in seconds of the plan's run. */
const DURATION_RANGE_S = [3, 30_000] as const;
/** WRITERS and REVIEWERS go up to 500 each; 625 users keep the reviewers (80 %) within it. */
const MAX_USERS = 625;

export const LOAD_USAGE = 'npx javumbo-load [--target URL --data-dir DIR] [--users N] [--duration S] [options] [-- <playwright test options>]';

export const LOAD_HELP = `Usage: ${LOAD_USAGE}

Runs the load test (npx playwright test) at the size given, against the server at --target,
or against the embedded target the suite starts when --target is not given.

Options, and the setting each becomes (the same ones .env and the environment set; see .env.example):
  --target URL         BASE_URL: the JAVUMBO server (loopback only, unless --allow-remote)
  --data-dir DIR       DATA_DIR: that server's folder with admin.db and user_dbs/ (required with --target)
  --server-log FILE    SERVER_LOG: the server's log, so the audit can quote its lines
  --server-pid PID     SERVER_PID: the server's primary pid on this machine, to weigh its CPU
  --allow-remote       ALLOW_REMOTE_TARGET=true: allow a --target that is not this machine
  --users N            WRITERS=max(1, round(N × ${PLAN_WRITER_SHARE})), REVIEWERS=N − WRITERS: the plan's 20 % writers and
                       80 % reviewers at their peak (30 → 6 and 24), all registered at once (scenario A);
                       the profile's session and browser users come on top. 1 to ${MAX_USERS}.
  --duration S         DURATION_SCALE=S / ${PLAN_DURATION_S}: the profile's ramp times and budgets scaled so the plan's
                       ${PLAN_DURATION_S} s run takes S seconds (300 → 1). ${DURATION_RANGE_S[0]} to ${DURATION_RANGE_S[1]}.
  --profile NAME       PROFILE: plan (default), smoke or fault
  --profile-file FILE  PROFILE_FILE: a JSON profile (see profiles/example.json)
  --workers N          TARGET_WORKERS: worker processes of the embedded target (default 3; not with --target)
  --faults LIST        JAVUMBO_FAULTS: the embedded target's fault switches (see embedded-server/README.md; not with --target)
  --runs-dir DIR       RUNS_DIR: where runs/<id>/ is written (default runs/)
  --project NAME       run only this Playwright project (repeatable), e.g. writers, reviewers, registration
  --dry-run            print the settings and the command, run nothing
  --help               this text

Anything after -- goes to npx playwright test as it is. Exit code: the test run's; 2 on bad input.`;

export interface LoadCommand {
  help: boolean;
  dryRun: boolean;
  /** Environment variables for config.ts, on top of the inherited environment and .env. */
  env: Record<string, string>;
  /** Arguments after `playwright test`. */
  playwrightArgs: string[];
}

/** Writers and reviewers for `users` users at the plan's 20 / 80 split. */
export function splitUsers(users: number): { writers: number; reviewers: number } {
  const writers = Math.max(1, Math.round(users * PLAN_WRITER_SHARE));
  return { writers, reviewers: users - writers };
}

/** DURATION_SCALE for a run of `seconds` where the plan's takes PLAN_DURATION_S. */
export function durationScale(seconds: number): number {
  return Math.round((seconds / PLAN_DURATION_S) * 10_000) / 10_000;
}

const OPTIONS = {
  target: { type: 'string' },
  'data-dir': { type: 'string' },
  'server-log': { type: 'string' },
  'server-pid': { type: 'string' },
  'allow-remote': { type: 'boolean' },
  users: { type: 'string' },
  duration: { type: 'string' },
  profile: { type: 'string' },
  'profile-file': { type: 'string' },
  workers: { type: 'string' },
  faults: { type: 'string' },
  'runs-dir': { type: 'string' },
  project: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

/** Every option's name, for the check that --help lists them all. */
export const LOAD_OPTION_NAMES: readonly string[] = Object.keys(OPTIONS);

/** The option that sets each setting, to name it when config.ts refuses the value. */
const FLAG_OF_SETTING: Readonly<Record<string, string>> = {
  BASE_URL: '--target',
  DATA_DIR: '--data-dir',
  SERVER_LOG: '--server-log',
  SERVER_PID: '--server-pid',
  ALLOW_REMOTE_TARGET: '--allow-remote',
  WRITERS: '--users',
  REVIEWERS: '--users',
  DURATION_SCALE: '--duration',
  PROFILE: '--profile',
  PROFILE_FILE: '--profile-file',
  TARGET_WORKERS: '--workers',
  JAVUMBO_FAULTS: '--faults',
  RUNS_DIR: '--runs-dir',
};

/** config.ts names the setting it refused; say which option set it, when one did. */
export function nameTheOption(message: string, env: Readonly<Record<string, string>>): string {
  const setting = /^([A-Z_]+):/.exec(message)?.[1];
  const flag = setting !== undefined && setting in env ? FLAG_OF_SETTING[setting] : undefined;
  return flag ? `${flag} (${setting})${message.slice(setting!.length)}` : message;
}

/** Parse the command line (without node and script) into settings; bad arguments are a one-line `UsageError`. */
export function parseLoadCommand(argv: readonly string[]): LoadCommand {
  const cut = argv.indexOf('--');
  const own = cut === -1 ? argv : argv.slice(0, cut);
  const passed = cut === -1 ? [] : argv.slice(cut + 1);
  const { values: v, positionals } = parseCommandLine(own, OPTIONS, LOAD_USAGE);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`, LOAD_USAGE);
  const command: LoadCommand = { help: v.help ?? false, dryRun: v['dry-run'] ?? false, env: {}, playwrightArgs: [] };
  if (command.help) return command;

  const env = command.env;
  if (v.target !== undefined) {
    if (v['data-dir'] === undefined) throw new UsageError("--target needs --data-dir DIR, the server's folder holding admin.db and user_dbs/", LOAD_USAGE);
    env.BASE_URL = v.target;
  } else {
    for (const embeddedOnly of ['data-dir', 'server-log', 'server-pid', 'allow-remote'] as const)
      if (v[embeddedOnly] !== undefined) throw new UsageError(`--${embeddedOnly} is about an external server: give --target URL too`, LOAD_USAGE);
  }
  if (v.target !== undefined) {
    for (const embeddedOnly of ['workers', 'faults'] as const)
      if (v[embeddedOnly] !== undefined) throw new UsageError(`--${embeddedOnly} sets the embedded target, not the server at --target`, LOAD_USAGE);
  }
  // config.ts resolves relative paths against the suite's folder; the user typed them relative to where they stand.
  if (v['data-dir'] !== undefined) env.DATA_DIR = path.resolve(v['data-dir']);
  if (v['server-log'] !== undefined) env.SERVER_LOG = path.resolve(v['server-log']);
  if (v['server-pid'] !== undefined) env.SERVER_PID = String(intOption('server-pid', v['server-pid'], 1, 4_194_304, LOAD_USAGE));
  if (v['allow-remote']) env.ALLOW_REMOTE_TARGET = 'true';
  if (v.users !== undefined) {
    const { writers, reviewers } = splitUsers(intOption('users', v.users, 1, MAX_USERS, LOAD_USAGE));
    env.WRITERS = String(writers);
    env.REVIEWERS = String(reviewers);
  }
  if (v.duration !== undefined) env.DURATION_SCALE = String(durationScale(intOption('duration', v.duration, DURATION_RANGE_S[0], DURATION_RANGE_S[1], LOAD_USAGE)));
  if (v.profile !== undefined && v['profile-file'] !== undefined) throw new UsageError('give --profile or --profile-file, not both', LOAD_USAGE);
  if (v.profile !== undefined) env.PROFILE = v.profile;
  if (v['profile-file'] !== undefined) env.PROFILE_FILE = path.resolve(v['profile-file']);
  if (v.workers !== undefined) env.TARGET_WORKERS = String(intOption('workers', v.workers, 1, 32, LOAD_USAGE));
  if (v.faults !== undefined) env.JAVUMBO_FAULTS = v.faults;
  if (v['runs-dir'] !== undefined) env.RUNS_DIR = path.resolve(v['runs-dir']);
  command.playwrightArgs = [...(v.project ?? []).flatMap((project) => ['--project', project]), ...passed];
  return command;
}
