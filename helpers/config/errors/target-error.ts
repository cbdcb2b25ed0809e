import { BadInputError } from './bad-input-error.ts';

/** The system under test is unreachable, answers garbage, or its data directory is not usable. */
export class TargetError extends BadInputError {
  override name = 'TargetError';
}
