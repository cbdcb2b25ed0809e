import { BadInputError } from '../../config/errors/bad-input-error.ts';

/** A folder given as a run directory is not one, or its run.json is unusable. */
export class RunDirError extends BadInputError {
  override name = 'RunDirError';
}
