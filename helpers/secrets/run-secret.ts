/**
 * The run's identity secrets: a secret that lives only in memory and the workers'
 * environment, the passwords derived from it (so no file of the run directory ever holds
 * one), and the short tag every username of the run carries.
 */
import crypto from 'node:crypto';

/** 16-char password for a user, derived from the run secret (never written to disk). */
export function passwordFor(secret: string, username: string): string {
  return crypto.createHmac('sha256', secret).update(username).digest('base64url').slice(0, 16);
}

export function newRunSecret(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** A 3-char lowercase tag unique enough to keep runs' usernames apart. */
export function newRunTag(): string {
  return crypto.randomBytes(4).readUInt32BE(0).toString(36).padStart(3, '0').slice(-3);
}
