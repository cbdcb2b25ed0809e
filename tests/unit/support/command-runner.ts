/**
 * Runs a command's `main(argv, out, err)` in process and captures its exit code and output,
 * or the whole `npm run <script>` in a child process to prove the package.json entry.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export interface CommandResult {
  code: number;
  out: string;
  err: string;
}

type Main = (argv: readonly string[], out: (text: string) => void, err: (text: string) => void) => number;

/** Call `main` with `argv`, collecting what it prints. */
export function runMain(main: Main, argv: readonly string[]): CommandResult {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(
    argv,
    (t) => out.push(t),
    (t) => err.push(t),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const ROOT = path.resolve(import.meta.dirname, '../../..');
/** tsx starts in well under a second; a command that takes this long is stuck. */
const COMMAND_TIMEOUT_MS = 60_000;

/** `npm run --silent <script> -- ...args` from the repository root. */
export function npmRun(script: string, args: readonly string[], cwd = ROOT): CommandResult {
  const result = spawnSync('npm', ['run', '--silent', '--prefix', ROOT, script, '--', ...args], { cwd, encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS });
  return { code: result.status ?? -1, out: result.stdout, err: result.stderr };
}
