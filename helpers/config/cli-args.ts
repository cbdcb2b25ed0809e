/**
 * Command-line parsing shared by the suite's commands: Node's strict `parseArgs`, with its
 * errors (unknown option, missing value) turned into one-line `UsageError`s that end with the
 * command's usage, and a runner that prints such an error as one line and exits 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isBadInput } from './fail.ts';
import { UsageError } from './errors/usage-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parse `argv` (without node and script) strictly; positionals allowed. */
export function parseCommandLine<O extends Options>(argv: readonly string[], options: O, usage: string) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's messages run over several lines and suggest `--` for values starting with a dash.
    const first = (error instanceof Error ? error.message : String(error))
      .split('\n')[0]!
      .replace(/\s*To specify a positional argument.*$/, '')
      .replace(/\.$/, '');
    throw new UsageError(first, usage);
  }
}

/** A whole-number option within [min, max], or a `UsageError` naming it. */
export function intOption(name: string, raw: string, min: number, max: number, usage: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} "${raw}" is not a whole number between ${min} and ${max}`, usage);
  return n;
}

/**
 * Run a command's `main` and return its exit code: bad input is printed as one line and
 * returns 2; anything else is a bug and keeps its stack.
 */
export function runCommand(main: () => number, err: (text: string) => void): number {
  try {
    return main();
  } catch (error) {
    if (isBadInput(error)) {
      err(`error: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}
