/** The embedded target did not come up; the message carries what the process said. */
export class TargetStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetStartError';
  }
}
