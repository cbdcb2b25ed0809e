/** Anki's note checksum as the server computes it: the low 32 bits of SHA-1(front, UTF-8). */
import crypto from 'node:crypto';

export function csumOf(front: string): number {
  const hex = crypto.createHash('sha1').update(front, 'utf8').digest('hex');
  return Number.parseInt(hex.slice(-8), 16);
}

/** Anki's field separator in `notes.flds`. */
export const FIELD_SEPARATOR = '\x1f';
