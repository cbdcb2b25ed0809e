/**
 * Same-second card ids found without the checker: a plain read of the run's snapshot
 * databases, so the clean row compares the checker's id-collision observations with an
 * independent count rather than with itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { markerIdOf } from '../../../helpers/history/markers.ts';
import { runPaths } from '../../../helpers/run/run-dir.ts';

/** Anki keeps a note's fields in one column, separated by the unit separator. */
const FIELD_SEPARATOR = '\x1f';

/** Card id and the fields of its note, for every card of one collection. */
function cardsWithFields(file: string): { id: number; flds: string }[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT c.id AS id, n.flds AS flds FROM cards c JOIN notes n ON n.id = c.nid').all() as { id: number; flds: string }[];
  } finally {
    db.close();
  }
}

/** Card id → the database files holding a marked card with that id, for ids held by two files or more. */
export function sharedMarkedCardIds(runDir: string): Map<number, string[]> {
  const dir = path.join(runPaths(runDir).snapshots, 'user_dbs');
  const holders = new Map<number, string[]>();
  if (!fs.existsSync(dir)) return holders;
  for (const name of fs.readdirSync(dir).filter((n) => /^user_\d+\.db$/.test(n))) {
    for (const card of cardsWithFields(path.join(dir, name))) {
      const [front = '', back = ''] = card.flds.split(FIELD_SEPARATOR);
      if (markerIdOf(front, back) === null) continue;
      holders.set(card.id, [...(holders.get(card.id) ?? []), name]);
    }
  }
  return new Map([...holders].filter(([, files]) => new Set(files).size > 1));
}
