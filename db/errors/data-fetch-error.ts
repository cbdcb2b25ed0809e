import { BadInputError } from '../../helpers/config/errors/bad-input-error.ts';

/** DATA_FETCH_CMD did not bring a deployment's databases: one line with the command, what it said, and the fix. */
export class DataFetchError extends BadInputError {
  constructor(problem: string, fix: string) {
    super(`${problem}: ${fix}.`);
    this.name = 'DataFetchError';
  }
}
