/**
 * The last pass over a finished run directory: no password and no session cookie value may
 * stay in any of its files, the Playwright traces of failed VUs and Allure's copies of them
 * included. Traces stay whole archives that the trace viewer opens; only the secret spans
 * inside their entries become `[redacted]` (a password member's value becomes `null`).
 *
 * Databases, images and other binary files are left alone: the only credential in admin.db
 * is a bcrypt hash, and the history the checker reads was redacted when it was written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileKind, SNIFF_BYTES, type FileKind } from './file-kind.ts';
import { compileScrubber, type Scrubber, type ScrubSecrets } from './scrub-text.ts';
import { scrubZip } from './scrub-zip.ts';

export type { ScrubSecrets } from './scrub-text.ts';

export interface ScrubResult {
  /** Files rewritten because they held a secret. */
  filesChanged: number;
  /**
   * Archives that could not be read, so could not be shown clean, and were deleted: each as
   * `<path relative to the run dir> (<why>)`. A trace the scrub cannot open is one the viewer cannot either.
   */
  removed: string[];
}

/** Every regular file under `root`; symlinks are not followed (runs/latest points elsewhere). */
function listFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  walk(root);
  return files;
}

function kindOnDisk(file: string): FileKind {
  const head = Buffer.alloc(SNIFF_BYTES);
  const fd = fs.openSync(file, 'r');
  try {
    return fileKind(file, head.subarray(0, fs.readSync(fd, head, 0, SNIFF_BYTES, 0)));
  } finally {
    fs.closeSync(fd);
  }
}

/** Replace `file` whole, through a temporary file beside it, so an interrupted write never leaves half a trace. */
function replaceFile(file: string, bytes: Buffer): void {
  const tmp = `${file}.scrub-tmp`;
  fs.writeFileSync(tmp, bytes, { mode: fs.statSync(file).mode });
  fs.renameSync(tmp, file);
}

/** The scrubbed content of `file`, or null when it holds nothing to replace. */
function scrubbedContent(file: string, kind: FileKind, scrub: Scrubber): Buffer | null {
  const bytes = fs.readFileSync(file);
  if (kind === 'zip') return scrubZip(bytes, scrub);
  const text = bytes.toString('latin1');
  const clean = scrub(text);
  return clean === text ? null : Buffer.from(clean, 'latin1');
}

/**
 * Scrub every text file and every zip archive under `runDir` in place: known passwords and
 * session cookie values become `[redacted]`, JSON password members become `null`. Files
 * without a secret are not written (they stay byte-identical, dates included).
 */
export function scrubRunDir(runDir: string, secrets: ScrubSecrets): ScrubResult {
  if (!fs.statSync(runDir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${runDir} is not a directory: give the scrub a run directory (runs/<id>)`);
  const scrub = compileScrubber(secrets);
  const result: ScrubResult = { filesChanged: 0, removed: [] };
  for (const file of listFiles(runDir)) {
    const kind = kindOnDisk(file);
    if (kind === 'binary') continue;
    let clean: Buffer | null;
    try {
      clean = scrubbedContent(file, kind, scrub);
    } catch (error) {
      if (kind !== 'zip') throw error;
      fs.rmSync(file);
      result.removed.push(`${path.relative(runDir, file)} (${(error as Error).message})`);
      continue;
    }
    if (clean === null) continue;
    replaceFile(file, clean);
    result.filesChanged++;
  }
  return result;
}
