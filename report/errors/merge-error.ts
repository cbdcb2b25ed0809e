import { BadInputError } from '../../helpers/config/errors/bad-input-error.ts';

/** The legs given to `npm run merge` do not make one whole run: one line naming the leg and the fix. */
export class MergeError extends BadInputError {
  constructor(problem: string, fix: string) {
    super(`${problem}: ${fix}.`);
    this.name = 'MergeError';
  }
}
