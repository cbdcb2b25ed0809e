import { BadInputError } from '../../helpers/config/errors/bad-input-error.ts';

/** The audit was pointed at something it cannot judge (no run directory, no run.json, …). */
export class AuditInputError extends BadInputError {
  override readonly name = 'AuditInputError';

  constructor(message: string) {
    super(message);
  }
}
