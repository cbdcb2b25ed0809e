/**
 * Bad input ends the run with one line naming the problem and the fix, not a stack trace.
 * Errors of our own classes carry such a line; anything else is a bug and keeps its stack.
 */
import { BadInputError, EXIT_BAD_INPUT } from './errors/bad-input-error.ts';

export { EXIT_BAD_INPUT } from './errors/bad-input-error.ts';

export function isBadInput(e: unknown): e is BadInputError {
  return e instanceof BadInputError;
}

export function failWithOneLine(e: unknown): never {
  if (isBadInput(e)) {
    process.stderr.write(`\nerror: ${e.message}\n`);
    process.exit(e.exitCode ?? EXIT_BAD_INPUT);
  }
  throw e;
}
