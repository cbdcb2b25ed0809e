import { BadInputError } from '../../helpers/config/errors/bad-input-error.ts';

/** The data directory has no admin.db: wrong DATA_DIR, or the server never started there. */
export class AdminDbMissingError extends BadInputError {
  override readonly name = 'AdminDbMissingError';

  constructor(readonly file: string) {
    super(`No admin.db at ${file}. Set DATA_DIR (or run.json's dataDir) to the folder holding admin.db and user_dbs/.`);
  }
}
