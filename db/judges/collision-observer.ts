/**
 * Card ids shared across databases. The real server takes ids from the clock in whole
 * seconds, so two users adding (or registering) in the same second get equal ids, each in
 * their own file. That is reported as an observation, never as contamination: ownership is
 * judged by the marker alone.
 */
import type { Observation } from '../verdict.ts';
import type { AuditContext } from '../audit-context.ts';
import type { CardIdHolder } from '../database-index.ts';

/** Individual observations beyond this are summed up in one, to keep the verdict readable. */
const MAX_LISTED = 100;

/** One observation per shared id of a marked card; one summary for unmarked (sample deck) cards. */
export function observeCollisions(context: AuditContext): Observation[] {
  const observations: Observation[] = [];
  const unmarked: number[] = [];
  const unmarkedFiles = new Set<string>();
  let unlisted = 0;
  // On a long-lived server most shared ids are between earlier runs' cards: only ids held by
  // at least one card this run's history sent are about this run. The set of sent markers is
  // built at the first id that needs it: most audits share no marked card's id, and a
  // million-add history's set is most of this observer's time.
  let sentMarkers: Set<string> | undefined;
  const sent = (marker: string) => (sentMarkers ??= sentMarkersOf(context.history)).has(marker);
  for (const [cardId, holders] of context.index.sharedCardIds) {
    if (holders.every((holder) => holder.marker !== null) && !holders.some((holder) => sent(holder.marker!))) continue;
    if (holders.every((holder) => holder.marker === null)) {
      unmarked.push(cardId);
      for (const holder of holders) unmarkedFiles.add(holder.dbFile);
      continue;
    }
    if (observations.length >= MAX_LISTED) {
      unlisted++;
      continue;
    }
    observations.push({
      kind: 'id-collision',
      message: `Card id ${cardId} is used in ${holders.map(holderText).join(' and ')} — ids come from the clock in whole seconds, so this is a collision across files, not contamination.`,
      evidence: { cardId, holders },
    });
  }
  if (unlisted > 0) {
    observations.push({
      kind: 'id-collision',
      message: `${unlisted} more card ids of marked cards are shared across databases (not listed one by one).`,
      evidence: { count: unlisted },
    });
  }
  if (unmarked.length > 0) {
    observations.push({
      kind: 'id-collision',
      message: `${unmarked.length} ids of unmarked cards (the sample deck) are shared by ${unmarkedFiles.size} databases — users registered in the same second get the same sample-card ids.`,
      evidence: { count: unmarked.length, files: [...unmarkedFiles].slice(0, 20), firstCardIds: unmarked.slice(0, 5) },
    });
  }
  return observations;
}

/** Markers of the history's adds that name theirs. */
function sentMarkersOf(history: AuditContext['history']): Set<string> {
  const markers = new Set<string>();
  for (const op of history) if (op.op === 'add_card' && op.intent?.marker) markers.add(op.intent.marker);
  return markers;
}

function holderText(holder: CardIdHolder): string {
  return `${holder.dbFile} (${holder.marker ?? 'unmarked card'})`;
}
