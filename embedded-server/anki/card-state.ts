/** Human-readable card state used in the review and delete log lines ("New → Learning"). */
export function cardState(type: number, queue: number, ivl: number): string {
  if (queue === -3) return 'SchedBuried';
  if (queue === -2) return 'UserBuried';
  if (queue === -1) return 'Suspended';
  if (type === 0) return 'New';
  if (type === 1 || type === 3) return queue === 1 ? 'Learning' : 'Relearning';
  if (type === 2) return ivl < 21 ? 'Young' : 'Mature';
  return 'Unknown';
}
