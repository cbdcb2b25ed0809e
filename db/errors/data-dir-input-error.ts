import { BadInputError } from '../../helpers/config/errors/bad-input-error.ts';

/** A folder given to a command as a data directory is not one JAVUMBO wrote (no folder, no admin.db, not its schema). */
export class DataDirInputError extends BadInputError {
  override readonly name = 'DataDirInputError';

  constructor(problem: string, fix = "pass a folder holding admin.db and user_dbs/ (the server's data folder, or a run's database_snapshots/)") {
    super(`${problem} — ${fix}`);
  }
}
