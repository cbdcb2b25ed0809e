import { BadInputError } from '../../helpers/config/errors/bad-input-error.ts';

/** The known-findings baseline cannot be used: one line naming the file (and entry), the problem and the fix. */
export class KnownFindingsError extends BadInputError {
  constructor(where: string, problem: string, fix: string) {
    super(`Known findings ${where} ${problem}: ${fix}.`);
    this.name = 'KnownFindingsError';
  }
}
