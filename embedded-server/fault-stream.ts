/**
 * A reproducible stream of numbers in [0, 1) for one fault switch: the n-th draw is the
 * first 48 bits of sha256(`<key>/<n>`). The target keeps its own generator, apart from the
 * suite's, so that it imports nothing of the suite; hashing costs microseconds, and faults
 * are drawn once per eligible request.
 */
import { createHash } from 'node:crypto';

export function faultStream(key: string): () => number {
  let n = 0;
  return () => createHash('sha256').update(`${key}/${n++}`).digest().readUIntBE(0, 6) / 2 ** 48;
}
