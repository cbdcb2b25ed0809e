/**
 * The 108-card "Verbal Tenses" deck added to every new collection: note ids
 * T*1000 + i (T = the registration second), card id = note id + 1, tag verbal_tenses.
 */
import { TENSE_GROUPS } from './sample-deck-data.ts';
import { insertNewCard, insertNote } from './notes.ts';
import { BASIC_MODEL_ID, SAMPLE_DECK_ID } from './schema.ts';
import { openUserDb } from './user-db.ts';

export const SAMPLE_TAG = 'verbal_tenses';

export interface SampleCard {
  front: string;
  back: string;
}

export function sampleCards(): SampleCard[] {
  return TENSE_GROUPS.flatMap((group) =>
    group.examples.map(([en, pt]) => ({
      front: en,
      back: `(a) "${pt}"\n\n(b) ${group.name}\n\n(c) ${group.usagePt}`,
    })),
  );
}

/** Adds the sample deck in one transaction; `nowMs` is taken apart from the col row's crt, as upstream does. */
export function addSampleDeck(dbPath: string, nowMs: number = Date.now()): void {
  const seconds = Math.floor(nowMs / 1000);
  const db = openUserDb(dbPath);
  try {
    db.transaction(() => {
      sampleCards().forEach((card, i) => {
        const noteId = seconds * 1000 + i;
        insertNote(db, { id: noteId, modelId: Number(BASIC_MODEL_ID), modSeconds: seconds, tags: SAMPLE_TAG, front: card.front, back: card.back });
        insertNewCard(db, { id: noteId + 1, noteId, deckId: SAMPLE_DECK_ID, modSeconds: seconds });
      });
    })();
  } finally {
    db.close();
  }
}
