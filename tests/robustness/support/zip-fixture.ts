/**
 * Writes a small deflated zip, the shape of a Playwright trace, so the secret scan can be
 * shown to find a secret that is only present compressed inside an archive. adm-zip writes
 * it, as it writes the target's .apkg and reads every archive the suite scrubs or scans.
 */
import AdmZip from 'adm-zip';

export function zipOf(entries: Readonly<Record<string, string>>): Buffer {
  const zip = new AdmZip({ noSort: true });
  for (const [name, text] of Object.entries(entries)) zip.addFile(name, Buffer.from(text));
  return zip.toBuffer();
}
