/**
 * How many session files the server's `flask_session/` folder holds, and whose: the
 * evidence for a 401 on a valid session (did the server drop the session's file?). Read
 * from a live data directory's folder, or from the count a snapshot saved beside its
 * databases. Never a file name: a file named by its session id is a credential.
 * A file's user is its `username`: a JSON field (the embedded target's store) or the
 * string after the `username` key of a pickled dict (Flask-Session's cachelib files).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SessionFileCount } from './verdict.ts';

/** The session folder inside a data directory (Flask-Session's default, and the target's). */
export const SESSION_DIR = 'flask_session';
/**
 * cachelib's FileSystemCache keeps the number of files it holds in a file of its own, named by
 * the md5 of `__wz_cache_count`, in the same folder: bookkeeping, not a session.
 */
const CACHELIB_COUNT_FILE = '2029240f6d1128be89ddc32729463129';

/** What a snapshot keeps of that folder, beside admin.db. */
export const SESSION_COUNT_FILE = 'session_files.json';

/** Count the session files of a data directory or snapshot; null when neither the folder nor a saved count is there. */
export function readSessionFiles(dataDir: string): SessionFileCount | null {
  const folder = path.join(dataDir, SESSION_DIR);
  if (fs.existsSync(folder)) return countSessionFiles(folder);
  const saved = path.join(dataDir, SESSION_COUNT_FILE);
  try {
    // Stryker disable next-line StringLiteral: JSON.parse reads a Buffer as its UTF-8 text, so the file reads the same without an encoding
    return parseSavedCount(JSON.parse(fs.readFileSync(saved, 'utf8')));
  } catch {
    return null; // no saved count (ENOENT) or not JSON
  }
}

/** Save the count of `dataDir`'s session folder into a snapshot folder (nothing when it has none). */
export function saveSessionFiles(dataDir: string, outDir: string): void {
  const target = path.join(outDir, SESSION_COUNT_FILE);
  fs.rmSync(target, { force: true });
  const folder = path.join(dataDir, SESSION_DIR);
  if (!fs.existsSync(folder)) return;
  fs.writeFileSync(target, `${JSON.stringify(countSessionFiles(folder), null, 2)}\n`);
}

function countSessionFiles(folder: string): SessionFileCount {
  const count: SessionFileCount = { files: 0, byUser: {}, unreadable: 0 };
  for (const name of fs.readdirSync(folder)) {
    if (name === CACHELIB_COUNT_FILE) continue;
    const file = path.join(folder, name);
    let bytes: Buffer;
    try {
      if (!fs.statSync(file).isFile()) continue;
      bytes = fs.readFileSync(file);
    } catch {
      continue; // deleted between the listing and the read: it is not there
    }
    count.files++;
    const user = usernameOf(bytes);
    if (user === null) count.unreadable++;
    else count.byUser[user] = (count.byUser[user] ?? 0) + 1;
  }
  return count;
}

/** The session's username, from JSON or from a pickle; null when neither holds one. */
export function usernameOf(bytes: Buffer): string | null {
  const text = bytes.toString('utf8');
  if (text.trimStart().startsWith('{')) {
    try {
      // JSON that starts with '{' parses to an object or throws.
      const name = (JSON.parse(text) as { username?: unknown }).username;
      return typeof name === 'string' ? name : null;
    } catch {
      return null;
    }
  }
  return pickledUsername(bytes);
}

/** After the `username` key: optional memo opcodes, then SHORT_BINUNICODE (0x8c, 1-byte length) or BINUNICODE ('X', 4-byte length). */
function pickledUsername(bytes: Buffer): string | null {
  const key = bytes.indexOf('username');
  if (key < 0) return null;
  let at = key + 'username'.length;
  if (bytes[at] === 0x94)
    at += 1; // MEMOIZE
  else if (bytes[at] === 0x71) at += 2; // BINPUT n
  const op = bytes[at];
  if (op === 0x8c && at + 1 < bytes.length) return bytes.subarray(at + 2, at + 2 + bytes[at + 1]!).toString('utf8');
  if (op === 0x58 && at + 5 <= bytes.length) return bytes.subarray(at + 5, at + 5 + bytes.readUInt32LE(at + 1)).toString('utf8');
  return null;
}

function parseSavedCount(value: unknown): SessionFileCount | null {
  if (typeof value !== 'object' || value === null) return null;
  const { files, byUser, unreadable } = value as Record<string, unknown>;
  if (typeof files !== 'number' || typeof unreadable !== 'number' || typeof byUser !== 'object' || byUser === null) return null;
  const users: Record<string, number> = {};
  for (const [name, n] of Object.entries(byUser)) if (typeof n === 'number') users[name] = n;
  return { files, byUser: users, unreadable };
}
