/**
 * The entries of a zip archive (Playwright traces, Allure's trace attachments), inflated: a
 * secret inside a trace is deflated, so scanning the raw bytes would miss it. adm-zip reads
 * it, the library the scrub rewrites archives with and the target writes its .apkg with.
 */
import AdmZip from 'adm-zip';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const LOCAL_HEADER = 0x04034b50;

/** Whether the bytes start like a zip archive. */
export function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === LOCAL_HEADER;
}

/** Every file entry of `bytes`, inflated, in the archive's order. Throws on a damaged archive. */
export function zipEntries(bytes: Buffer): ZipEntry[] {
  return new AdmZip(bytes, { noSort: true })
    .getEntries()
    .filter((entry) => !entry.isDirectory)
    .map((entry) => ({ name: entry.entryName, data: entry.getData() }));
}
