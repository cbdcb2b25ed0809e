/**
 * Collections read earlier, reused while their file is unchanged. A run's per-VU audits index
 * the same data directory once per VU, and between two of them only the files of the users
 * still working have changed: re-reading the other few hundred is most of such an audit's time.
 *
 * A file counts as unchanged when its inode, size, modification time and SQLite change counter
 * (header bytes 24–27, bumped by every commit in the server's rollback-journal mode), and the
 * size and time of a `-wal` beside it, are those it had when read. A file modified shortly before
 * it was read is not kept: the file system stamps times at clock-tick resolution, so a second
 * write in the same tick could leave every one of those as it was (git's "racy" entries).
 */
import fs from 'node:fs';
import type { AuditCollection } from './anki-collection.ts';

/** Files modified within this long before their read are read again next time (coarse file times are a few ms). */
const RACY_MS = 1_000;
/** Where SQLite keeps its file change counter in the database header. */
const CHANGE_COUNTER_OFFSET = 24;

interface Entry {
  key: string;
  collection: AuditCollection;
}

export class CollectionCache {
  private readonly entries = new Map<string, Entry>();
  /** Reads answered from the cache and reads that went to the file, for the measurements. */
  hits = 0;
  misses = 0;

  /** The collection of `file`: the one kept from an earlier read while the file is unchanged, else `read(file)`. */
  read(file: string, read: (file: string) => AuditCollection): AuditCollection {
    const before = fileKey(file);
    const kept = this.entries.get(file);
    if (before !== null && kept?.key === before.key) {
      this.hits++;
      return kept.collection;
    }
    this.misses++;
    this.entries.delete(file);
    const readAt = Date.now();
    const collection = read(file);
    // Kept only when the file did not change during the read and was not written just before it.
    const after = fileKey(file);
    if (before !== null && after?.key === before.key && before.mtimeMs < readAt - RACY_MS) this.entries.set(file, { key: before.key, collection });
    return collection;
  }
}

/** What identifies one state of a database file; null when it cannot be stat'ed or read (the read then reports why). */
function fileKey(file: string): { key: string; mtimeMs: number } | null {
  try {
    const stat = fs.statSync(file, { bigint: true });
    const wal = fs.statSync(`${file}-wal`, { bigint: true, throwIfNoEntry: false });
    // Stryker disable next-line StringLiteral: any constant marks "no -wal" (a real one gives size/mtime); without separators two states collide only if a change shifts digits exactly into the next field
    const key = [stat.ino, stat.size, stat.mtimeNs, stat.ctimeNs, changeCounter(file), wal ? `${wal.size}/${wal.mtimeNs}` : '-'].join(':');
    const mtimeMs = Math.max(Number(stat.mtimeMs), Number(stat.ctimeMs), wal ? Number(wal.mtimeMs) : 0);
    return { key, mtimeMs };
  } catch {
    return null;
  }
}

/** The 4-byte change counter of a SQLite header; -1 when the file is shorter than a header. */
function changeCounter(file: string): number {
  const header = Buffer.alloc(4);
  const fd = fs.openSync(file, 'r');
  try {
    // Stryker disable next-line UnaryOperator: the value for a file shorter than a header is arbitrary, any constant no counter takes would do
    return fs.readSync(fd, header, 0, 4, CHANGE_COUNTER_OFFSET) === 4 ? header.readUInt32BE(0) : -1;
  } finally {
    fs.closeSync(fd);
  }
}
