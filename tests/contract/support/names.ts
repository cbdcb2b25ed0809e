/**
 * Usernames and passwords for contract users. Usernames are unique per call so the
 * suite can run again and again against the same long-lived server without a 409.
 */
import crypto from 'node:crypto';

/** The server's username limit (1–10 characters). */
export const MAX_USERNAME = 10;

/** `<prefix><random base36>`, exactly 10 characters; the prefix (≤ 3 chars) says which spec made it. */
export function uniqueUsername(prefix: string): string {
  if (prefix.length > 3) throw new Error(`username prefix "${prefix}" is longer than 3 characters; keep it short so the random part stays long`);
  const random = BigInt(`0x${crypto.randomBytes(8).toString('hex')}`).toString(36);
  return `${prefix}${random.padStart(MAX_USERNAME, '0')}`.slice(0, MAX_USERNAME);
}

/** A random 16-character password (limits are 10–20); kept in memory only. */
export function newPassword(): string {
  return crypto.randomBytes(12).toString('base64url');
}
