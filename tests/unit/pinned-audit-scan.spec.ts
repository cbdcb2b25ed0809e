/**
 * The contamination scan by markers alone: every marked card is counted wherever it sits, a
 * card in a file its marker's user does not own is foreign, and the foreign cards are listed
 * by the file that holds them (user id), then by card id — whatever order the files held them in.
 */
import { test, expect } from '@playwright/test';
import { scanForForeignCards } from '../../db/contamination-scan.ts';
import { buildCard } from '../../helpers/history/markers.ts';
import { writeDataDir } from './support/anki-fixture.ts';
import { T0, baseUsers, userOf } from './support/checker-scenario.ts';

const cardOf = (username: string, seq: number) => buildCard({ username, seq: String(seq), timeMs: T0 + seq, topic: 'History' }, `Question ${seq}?`, `Answer ${seq}`);

/**
 * alice01_1 in alice01's file and a copy in carol03's; bob02_1 only in alice01's file (with a
 * large id); bob02_2 in bob02's file and a copy in carol03's. Foreign: 909 in user 1, 301 and
 * 305 in user 3 — met in the order 305, 909, 301 when the markers are walked.
 */
function contaminatedFolder(): string {
  const users = baseUsers();
  const place = (userId: number, card: ReturnType<typeof cardOf>, cardId: number) => userOf(users, userId).cards.push({ cardId, deckId: 1, front: card.front, back: card.back });
  place(1, cardOf('alice01', 1), 101);
  place(1, cardOf('bob02', 1), 909);
  place(2, cardOf('bob02', 2), 202);
  place(3, cardOf('bob02', 2), 301);
  place(3, cardOf('alice01', 1), 305);
  const dir = test.info().outputPath('data');
  writeDataDir(dir, users);
  return dir;
}

test('every marked card is counted, in its owner’s file or not, and sample cards are not', () => {
  const scan = scanForForeignCards(contaminatedFolder());
  expect(scan.markedCards).toBe(5);
  // carol03's ten sample cards are read but carry no marker.
  expect(scan.cardsRead).toBe(15);
});

test('foreign cards are listed by the user whose file holds them, then by card id', () => {
  const scan = scanForForeignCards(contaminatedFolder());
  expect(scan.foreign.map((f) => [f.holderUserId, f.cardId])).toEqual([
    [1, 909],
    [3, 301],
    [3, 305],
  ]);
  expect(scan.foreign[0]).toEqual({ marker: 'bob02_1', owner: 'bob02', ownerUserId: 2, file: 'user_dbs/user_1.db', holder: 'alice01', holderUserId: 1, cardId: 909, deckName: 'MyFirstDeck' });
});
