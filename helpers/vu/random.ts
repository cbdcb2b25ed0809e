/**
 * Seeded pseudo-random numbers, so a profile gives the same VUs the same work on every
 * run (titles of tests must not change between Playwright's main process and its workers).
 */

/** mulberry32: small, fast, good enough for load shaping. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stable 32-bit hash of a string (FNV-1a), to seed per-VU generators. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Integer in [min, max], inclusive. */
export function between(rand: () => number, [min, max]: readonly [number, number]): number {
  return Math.floor(min + rand() * (max - min + 1));
}
