import { BadInputError } from '../../helpers/config/errors/bad-input-error.ts';

/**
 * admin.db exists but is not the JAVUMBO accounts database the checker knows how to read
 * (no `users` table, missing columns, or not SQLite at all). Without it no card can be
 * attributed to a user, so the audit stops here instead of guessing.
 */
export class AdminSchemaError extends BadInputError {
  override readonly name = 'AdminSchemaError';

  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file} is not a JAVUMBO admin database: ${problem}. Point DATA_DIR at the server folder that holds the real admin.db.`);
  }
}
