import { BadInputError } from './bad-input-error.ts';

/** A command was given options or arguments it does not take; the message ends with its usage line. */
export class UsageError extends BadInputError {
  override readonly name = 'UsageError';

  constructor(problem: string, usage: string) {
    super(`${problem} — usage: ${usage} (--help for every option)`);
  }
}
