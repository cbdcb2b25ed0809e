/** Read-only look at which tables a SQLite file holds (schema validation of user databases). */
import Database from 'better-sqlite3';

/** The tables of an Anki collection the server creates for every user at registration. */
export const ANKI_TABLES: readonly string[] = ['cards', 'col', 'graves', 'notes', 'revlog'];

/** Names of the tables of a database file, sorted. */
export function selectTableNames(file: string): string[] {
  // Stryker disable next-line BooleanLiteral: a read-only open never creates the file, so a missing one fails the same way either way
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .all()
      .map((r) => r.name);
  } finally {
    db.close();
  }
}
