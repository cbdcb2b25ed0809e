/** Adding marked cards through the API, the way the suite's writers do. */
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { buildCard, type MarkedCard } from '../../../helpers/history/markers.ts';
import { currentSecond, waitForSecondAfter } from './clock.ts';
import type { TargetUser } from './target-fixture.ts';

export function markedCard(username: string, seq: number | string, topic = 'History'): MarkedCard {
  return buildCard({ username, seq: String(seq), timeMs: Date.now(), topic }, `Question ${seq}?`, `Answer ${seq}`);
}

/**
 * POSTs one marked card in a second of its own for this user (past `lastSecond`),
 * so the whole-second ids cannot collide. Returns the response and the second used.
 */
export async function addInFreshSecond(user: TargetUser, seq: number | string, lastSecond: number): Promise<{ card: MarkedCard; res: APIResponse; second: number }> {
  await waitForSecondAfter(lastSecond);
  const card = markedCard(user.username, seq);
  const second = currentSecond();
  const res = await user.api.post('/add_card', { data: { front: card.front, back: card.back } });
  return { card, res, second: Math.max(second, currentSecond()) };
}

export async function setCurrentDeck(api: APIRequestContext, deckId: number | string): Promise<void> {
  const res = await api.put('/decks/current', { data: { deckId } });
  if (res.status() !== 200) throw new Error(`PUT /decks/current ${deckId} answered ${res.status()}: ${await res.text()}`);
}
