/**
 * The run finished but failed its own criteria (a broken threshold, integrity violations).
 * Not a bug of the suite: its stack is dropped so Playwright prints just the line(s).
 */
export class RunFailedError extends Error {
  override name = 'RunFailedError';
  constructor(lines: readonly string[]) {
    super(lines.join('\n'));
    this.stack = `run failed:\n${lines.map((l) => `  ${l}`).join('\n')}`;
  }
}
