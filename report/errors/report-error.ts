/** Bad input to the report commands (no results, no run directory): one line, the fix included. */
export class ReportError extends Error {
  /** Marks the error as bad input for `failWithOneLine`: printed as one line, no stack. */
  readonly badInput = true;

  constructor(problem: string, fix: string) {
    super(`${problem}: ${fix}`);
    this.name = 'ReportError';
  }
}
