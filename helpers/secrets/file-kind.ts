/**
 * Whether a file of a run (or an entry of a trace archive) is text the scrub reads, an
 * archive it opens, or binary it leaves alone. Decided from the name and the first bytes,
 * so a large video or database is never read whole.
 */

export type FileKind = 'text' | 'zip' | 'binary';

/** SQLite files, images, media, fonts, compressed blobs: never text, whatever their bytes. */
const BINARY_NAME = /\.(db|db-wal|db-shm|db-journal|sqlite3?|png|jpe?g|gif|webp|avif|bmp|ico|webm|mp4|ogg|mp3|wav|woff2?|ttf|otf|eot|pdf|gz|tgz|br|wasm)$/i;
/** Enough of the start of a file to tell text from binary, as git does. */
export const SNIFF_BYTES = 8000;
const ZIP_MAGIC = 0x04034b50;

/** What `head` (the first SNIFF_BYTES or fewer of the content) says about a file named `name`. */
export function fileKind(name: string, head: Buffer): FileKind {
  if (BINARY_NAME.test(name)) return 'binary';
  if (head.length >= 4 && head.readUInt32LE(0) === ZIP_MAGIC) return 'zip';
  return head.subarray(0, SNIFF_BYTES).includes(0) ? 'binary' : 'text';
}
