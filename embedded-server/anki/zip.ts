/**
 * The .apkg export's archive, written by adm-zip: the suite's scrub and test readers use
 * the same library, so what the target writes and what the suite reads cannot drift apart.
 * Entries are deflated, in the order given, dated `when`.
 */
import AdmZip from 'adm-zip';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

export function zipEntries(entries: readonly ZipEntry[], when: Date = new Date()): Buffer {
  // noSort: the entries stay in the order given, as Anki's own export writes them.
  const zip = new AdmZip({ noSort: true });
  for (const { name, data } of entries) zip.addFile(name, data).header.time = when;
  return zip.toBuffer();
}
