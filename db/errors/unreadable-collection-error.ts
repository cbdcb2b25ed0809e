/**
 * One user's Anki database could not be read (corrupt, truncated, not SQLite, unexpected
 * schema). The checker turns it into an `unreadable-database` observation and judges the rest.
 */
export class UnreadableCollectionError extends Error {
  override readonly name = 'UnreadableCollectionError';

  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`Cannot read ${file}: ${reason}`);
  }
}
