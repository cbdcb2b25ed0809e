/**
 * The JAVUMBO routes as thin calls on a client with its own cookie jar. They return the
 * raw response: every status and body is asserted by the spec that sends it.
 */
import type { APIRequestContext, APIResponse } from '@playwright/test';

export interface AddCardBody {
  message: string;
  note_id: number;
  card_id: number;
}

export interface ReviewCard {
  cardId: number;
  front: string;
  back: string;
  queue: number;
}

export interface DeckListItem {
  id: string;
  name: string;
}

export const addCard = (api: APIRequestContext, front: string, back: string): Promise<APIResponse> => api.post('/add_card', { data: { front, back } });

export const setCurrentDeck = (api: APIRequestContext, deckId: number | string): Promise<APIResponse> => api.put('/decks/current', { data: { deckId } });

export const createDeck = (api: APIRequestContext, name: string): Promise<APIResponse> => api.post('/decks', { data: { name } });

export const nextReview = (api: APIRequestContext): Promise<APIResponse> => api.get('/review');

export const answer = (api: APIRequestContext, ease: number | string, timeTaken?: number): Promise<APIResponse> =>
  api.post('/answer', { data: timeTaken === undefined ? { ease } : { ease, timeTaken } });

export const deckStats = (api: APIRequestContext, deckId: number | string): Promise<APIResponse> => api.get(`/decks/${deckId}/stats`);
