/**
 * The files the real JAVUMBO server wrote (see its README) and a history written by hand
 * from that README and the server log: what the clients sent and what came back.
 */
import path from 'node:path';
import { buildCard } from '../../../helpers/history/markers.ts';
import { historyBuilder, type HistoryBuilder, type VuIdentity } from './history-builder.ts';

/** A copy of the files the real server wrote (see its README.md), kept with the tests. */
export const REAL_SAMPLE_DIR = path.resolve(import.meta.dirname, '../fixtures/real-javumbo-sample');
export const REAL_SAMPLE_LOG = `${REAL_SAMPLE_DIR}/server.log`;

const HISTORY_DECK = '1795743680526';
const ALICE: VuIdentity = { vu: 'w01', username: 'alice01', userId: 1 };
const BOB: VuIdentity = { vu: 'w02', username: 'bob02', userId: 2 };
const CAROL: VuIdentity = { vu: 'r01', username: 'carol03', userId: 3 };

/** carol03's three answers as logged: card, ease, and when the server processed it. */
export const CAROL_ANSWERS = [
  { cardId: 1_795_743_678_094, ease: 3, at: 1_795_743_684_060 },
  { cardId: 1_795_743_678_023, ease: 1, at: 1_795_743_684_066 },
  { cardId: 1_795_743_678_038, ease: 4, at: 1_795_743_684_072 },
] as const;

/** The history of the sample; `carolEases` lets a test claim different eases than were sent. */
export function realSampleHistory(carolEases: readonly number[] = CAROL_ANSWERS.map((a) => a.ease)): HistoryBuilder {
  const h = historyBuilder('real-sample');
  h.op(ALICE, 'create_deck', { at: 1_795_743_680_524, method: 'POST', path: '/decks', status: 201, body: { id: HISTORY_DECK, name: 'History' }, intent: { deckName: 'History' } });
  h.op(ALICE, 'set_current_deck', {
    at: 1_795_743_680_528,
    method: 'PUT',
    path: '/decks/current',
    intent: { deckId: HISTORY_DECK, deckName: 'History' },
    body: { message: 'Current deck updated successfully' },
  });
  const aliceAdd = (seq: string, second: number, outcome: 'ok' | 'fail') => {
    const card = buildCard({ username: 'alice01', seq, timeMs: second * 1000 + 50, topic: 'History' }, `Question ${seq}?`, `Answer ${seq}`);
    h.op(ALICE, 'add_card', {
      at: second * 1000 + 50,
      returnedAt: second * 1000 + 56,
      method: 'POST',
      path: '/add_card',
      outcome,
      status: outcome === 'ok' ? 201 : 500,
      body: outcome === 'ok' ? { message: 'Card added successfully', note_id: second * 1000, card_id: second * 1000 + 1 } : { error: 'Database error occurred while adding card' },
      intent: { marker: card.id, front: card.front, back: card.back, deckId: HISTORY_DECK, deckName: 'History' },
    });
  };
  aliceAdd('1', 1_795_743_681, 'ok');
  aliceAdd('2', 1_795_743_682, 'ok');
  aliceAdd('2b', 1_795_743_682, 'fail');
  aliceAdd('3', 1_795_743_683, 'ok');
  const bobCard = buildCard({ username: 'bob02', seq: '1', timeMs: 1_795_743_683_050, topic: 'Math' }, 'Bob question?', 'Bob answer');
  h.op(BOB, 'add_card', {
    at: 1_795_743_683_052,
    returnedAt: 1_795_743_683_060,
    method: 'POST',
    path: '/add_card',
    status: 201,
    body: { message: 'Card added successfully', note_id: 1_795_743_683_000, card_id: 1_795_743_683_001 },
    intent: { marker: bobCard.id, front: bobCard.front, back: bobCard.back, deckId: '1', deckName: 'MyFirstDeck' },
  });
  aliceAdd('4', 1_795_743_684, 'ok');
  h.op(CAROL, 'set_current_deck', { at: 1_795_743_684_055, method: 'PUT', path: '/decks/current', intent: { deckId: '2', deckName: 'Verbal Tenses' } });
  CAROL_ANSWERS.forEach((answer, i) => {
    h.op(CAROL, 'get_review', { at: answer.at - 3, returnedAt: answer.at - 1, path: '/review', body: { cardId: answer.cardId, queue: 0 } });
    h.op(CAROL, 'answer', {
      at: answer.at,
      returnedAt: answer.at + 5,
      method: 'POST',
      path: '/answer',
      body: { message: 'Answer processed successfully' },
      intent: { cardId: answer.cardId, ease: carolEases[i]!, timeTaken: 1500 },
    });
  });
  return h;
}
