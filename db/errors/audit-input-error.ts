/** The audit was pointed at something it cannot judge (no run directory, no run.json, …). */
export class AuditInputError extends Error {
  override readonly name = 'AuditInputError';

  constructor(message: string) {
    super(message);
  }
}
