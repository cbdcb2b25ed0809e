/** `01:41:23.052` (UTC), the precision the history and the server log have. */
export function clockText(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(11, 23);
}
