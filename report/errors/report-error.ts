import { BadInputError } from '../../helpers/config/errors/bad-input-error.ts';

/** Bad input to the report commands (no results, no run directory): one line, the fix included. */
export class ReportError extends BadInputError {
  constructor(problem: string, fix: string) {
    super(`${problem}: ${fix}`);
    this.name = 'ReportError';
  }
}
