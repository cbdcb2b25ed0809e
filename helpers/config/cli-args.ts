/**
 * Command-line parsing shared by the suite's commands: Node's strict `parseArgs`, with its
 * errors (unknown option, missing value) turned into one-line `UsageError`s that end with the
 * command's usage, and the one runner of every command: bad input one line and exit 2, a bug its stack.
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
 * The one runner of every command in bin/: runs its body and returns the exit code (or a
 * promise of it, for an async body). Bad input (a `BadInputError`) is printed as one line naming
 * the fix and returns its exit code (2); anything else is a bug in the suite and is thrown on
 * with its stack, so the process exits 1 — never disguised as bad input.
 */
export function runCommand(body: () => number, err: (text: string) => void): number;
export function runCommand(body: () => Promise<number>, err: (text: string) => void): Promise<number>;
export function runCommand(body: () => number | Promise<number>, err: (text: string) => void): number | Promise<number> {
  const badInput = (error: unknown): number => {
    if (!isBadInput(error)) throw error;
    err(`error: ${error.message}`);
    return error.exitCode;
  };
  try {
    const code = body();
    return typeof code === 'number' ? code : code.catch(badInput);
  } catch (error) {
    return badInput(error);
  }
}
