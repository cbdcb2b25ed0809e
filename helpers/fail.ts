/**
 * Bad input ends the run with one line naming the problem and the fix, not a stack trace.
 * Errors of our own classes carry such a line; anything else is a bug and keeps its stack.
 */
import { ConfigError } from './errors/config-error.ts';
import { TargetError } from './errors/target-error.ts';
import { RunDirError } from './errors/run-dir-error.ts';

export const EXIT_BAD_INPUT = 2;

export function isBadInput(e: unknown): e is Error {
  return e instanceof ConfigError || e instanceof TargetError || e instanceof RunDirError || (e instanceof Error && e.name.endsWith('Error') && 'badInput' in e);
}

export function failWithOneLine(e: unknown): never {
  if (isBadInput(e)) {
    process.stderr.write(`\nerror: ${e.message}\n`);
    process.exit(EXIT_BAD_INPUT);
  }
  throw e;
}
