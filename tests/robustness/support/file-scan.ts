/**
 * Whole-folder checks of a run directory: checksums of every file (the read-only
 * guarantee) and a search of every file's bytes, zip entries included, for secrets
 * (the redaction guarantee).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isZip, zipEntries } from './zip-entries.ts';

/** Every regular file under `root`, relative to it, sorted; symlinks are not followed. */
export function listFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push(path.relative(root, full));
    }
  };
  walk(root);
  return files.sort();
}

/** sha256 of every file under `root` whose relative path passes `keep`. */
export function digestTree(root: string, keep: (relative: string) => boolean = () => true): Record<string, string> {
  const sums: Record<string, string> = {};
  for (const file of listFiles(root).filter(keep)) {
    sums[file] = crypto
      .createHash('sha256')
      .update(fs.readFileSync(path.join(root, file)))
      .digest('hex');
  }
  return sums;
}

export interface Secret {
  /** What it is, for the failure message: never the value itself. */
  label: string;
  /** The exact value, or a pattern for a whole kind of secret (any password field). */
  value: string | RegExp;
}

export interface SecretHit {
  file: string;
  /** The zip entry holding it, when the file is an archive (a trace). */
  entry?: string;
  label: string;
}

function hitsIn(bytes: Buffer, secrets: readonly Secret[]): Secret[] {
  let text: string | null = null;
  return secrets.filter((s) => {
    if (typeof s.value === 'string') return bytes.includes(s.value);
    text ??= bytes.toString('latin1');
    return s.value.test(text);
  });
}

/**
 * Where under `root` any of `secrets` occurs, as raw bytes of a file or inside an entry
 * of a zip file. A zip that cannot be read is reported as a hit of its own: a trace the
 * scan cannot open is a trace nobody has shown to be clean.
 */
export function findSecrets(root: string, secrets: readonly Secret[]): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const file of listFiles(root)) {
    const bytes = fs.readFileSync(path.join(root, file));
    for (const s of hitsIn(bytes, secrets)) hits.push({ file, label: s.label });
    if (!isZip(bytes)) continue;
    try {
      for (const entry of zipEntries(bytes)) {
        for (const s of hitsIn(entry.data, secrets)) hits.push({ file, entry: entry.name, label: s.label });
      }
    } catch (error) {
      hits.push({ file, label: `unreadable archive (${(error as Error).message})` });
    }
  }
  return hits;
}

/** One line per hit, for an assertion message. */
export function describeHits(hits: readonly SecretHit[]): string[] {
  return hits.map((h) => `${h.label} in ${h.file}${h.entry ? ` → ${h.entry}` : ''}`);
}
