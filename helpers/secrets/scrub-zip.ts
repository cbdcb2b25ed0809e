/**
 * The scrub of one zip archive (a Playwright trace, Allure's copy of it): every text entry
 * goes through the scrubber, and the archive is rebuilt only when an entry changed.
 * adm-zip reads and writes it: entries keep their names, order and dates; a changed one is
 * stored deflated.
 */
import AdmZip from 'adm-zip';
import { fileKind } from './file-kind.ts';
import type { Scrubber } from './scrub-text.ts';

/** The archive with its text entries scrubbed, or null when no entry held anything to replace. Throws on an archive it cannot read. */
export function scrubZip(bytes: Buffer, scrub: Scrubber): Buffer | null {
  // noSort keeps the entries in the order Playwright wrote them.
  const zip = new AdmZip(bytes, { noSort: true });
  let changed = false;
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const data = entry.getData();
    const kind = fileKind(entry.entryName, data);
    let clean: Buffer | null = null;
    if (kind === 'zip') clean = scrubZip(data, scrub);
    else if (kind === 'text') {
      const text = data.toString('latin1');
      const scrubbed = scrub(text);
      if (scrubbed !== text) clean = Buffer.from(scrubbed, 'latin1');
    }
    if (clean === null) continue;
    zip.updateFile(entry, clean);
    changed = true;
  }
  return changed ? zip.toBuffer() : null;
}
