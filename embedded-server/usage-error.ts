/**
 * Bad command-line input or an unusable environment (busy port, unwritable data dir).
 * main.ts prints the message as one line and exits 1; the message names the fix.
 */
export class TargetUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetUsageError';
  }
}
