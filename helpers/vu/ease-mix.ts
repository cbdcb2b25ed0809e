/**
 * A plausible learner: new material is often missed, known material mostly passes.
 * Misses on new cards also bring cards back within a minute, which a reviewer needs
 * to get past the server's 20-new-cards-a-day limit.
 */
const NEW_CARD = [0.35, 0.25, 0.3, 0.1] as const;
const SEEN_CARD = [0.1, 0.35, 0.45, 0.1] as const;

/** Ease 1–4 for a card in the given queue (0 = new). */
export function pickEase(rand: () => number, queue: number | undefined): 1 | 2 | 3 | 4 {
  const weights = queue === 0 || queue === undefined ? NEW_CARD : SEEN_CARD;
  let r = rand();
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return (i + 1) as 1 | 2 | 3 | 4;
  }
  return 3;
}
