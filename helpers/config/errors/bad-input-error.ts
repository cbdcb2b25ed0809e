/**
 * The base of every error that means "bad input" (config, target, files, run directory):
 * its message is one line naming the problem and the fix, and the process exits with
 * `exitCode` (2) instead of printing a stack trace. Anything else is a bug and keeps its stack.
 */
export const EXIT_BAD_INPUT = 2;

export class BadInputError extends Error {
  readonly exitCode: number = EXIT_BAD_INPUT;
}
