/**
 * The .apkg export's archive, written by adm-zip: the suite's scrub and test readers use
 * the same library, so what the target writes and what the suite reads cannot drift apart.
 * Entries are deflated, in the order given, dated `when`.
 */
import { createRequire } from 'node:module';
import type AdmZip from 'adm-zip';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const require = createRequire(import.meta.url);

export function zipEntries(entries: readonly ZipEntry[], when: Date = new Date()): Buffer {
  // Loaded by the first export, not when a worker starts: adm-zip costs 60–80 ms of CPU to
  // load (docs/ecosystem.md), every target start boots several workers, and few ever export.
  const Zip = require('adm-zip') as typeof AdmZip;
  // noSort: the entries stay in the order given.
  const zip = new Zip({ noSort: true });
  for (const { name, data } of entries) zip.addFile(name, data).header.time = when;
  return zip.toBuffer();
}
