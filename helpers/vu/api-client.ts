/**
 * A virtual user's HTTP client for the JAVUMBO API. Every call becomes one history
 * operation (what was meant, when it was sent and answered, what came back, ok/fail/info);
 * calls never throw on HTTP errors, so a VU can decide how to react and the history
 * stays complete. Each client owns one transport (`http-transport.ts`): its own cookie jar.
 */
import { fingerprint } from '../secrets/fingerprint.ts';
import type { HttpAnswer, HttpTransport } from './http-transport.ts';
import { interpretBody } from './response-body.ts';
import { classifyOutcome, type Intent, type Operation, type OpKind } from '../history/operation.ts';
import type { MarkedCard } from '../history/markers.ts';

export interface VuIdentity {
  runId: string;
  scenario: string;
  vu: string;
  username: string;
  userId: number | null;
}

export type OperationSink = (op: Operation) => void;

const LOGIN_TIMEOUT_MS = 30_000;

export interface Call<T = unknown> {
  op: Operation;
  status: number | null;
  /** The parsed JSON body when there is one. */
  json: T | null;
  ok: boolean;
}

export class ApiClient {
  private seq = 0;
  private cookieFingerprint: string | undefined;
  private loggedIn = false;

  constructor(
    private readonly transport: HttpTransport,
    readonly identity: VuIdentity,
    private readonly sink: OperationSink,
    private readonly timeoutMs: number,
  ) {}

  get sessionValid(): boolean {
    return this.loggedIn;
  }

  /** Switch the user this client acts as (session thrashing cycles through users). */
  actAs(username: string, userId: number | null): void {
    this.identity.username = username;
    this.identity.userId = userId;
  }

  register(username: string, name: string, password: string): Promise<Call<{ userId: number }>> {
    return this.send('register', 'POST', '/register', { username, name, password });
  }

  async login(username: string, password: string): Promise<Call<{ user: { userId: number; username: string; name: string } }>> {
    // A login waits for a bcrypt check the server's workers do one at a time; when a stage
    // starts many users log in at once and the last ones queue, so they get longer than a request.
    const call = await this.send<{ user: { userId: number; username: string; name: string } }>(
      'login',
      'POST',
      '/login',
      { username, password },
      undefined,
      Math.max(this.timeoutMs, LOGIN_TIMEOUT_MS),
    );
    if (call.ok && call.json?.user) {
      this.loggedIn = true;
      this.identity.userId = call.json.user.userId;
    }
    return call;
  }

  async logout(): Promise<Call> {
    const call = await this.send('logout', 'POST', '/logout');
    this.loggedIn = false;
    return call;
  }

  listDecks(intent?: Intent): Promise<Call<{ id: string; name: string }[]>> {
    return this.send('list_decks', 'GET', '/decks', undefined, intent);
  }

  createDeck(name: string): Promise<Call<{ id: string; name: string }>> {
    return this.send('create_deck', 'POST', '/decks', { name }, { deckName: name });
  }

  setCurrentDeck(deckId: string, deckName?: string): Promise<Call> {
    return this.send('set_current_deck', 'PUT', '/decks/current', { deckId }, { deckId, deckName });
  }

  addCard(front: string, back: string, intent: Intent): Promise<Call<{ note_id: number; card_id: number }>> {
    return this.send('add_card', 'POST', '/add_card', { front, back }, { ...intent, front, back });
  }

  /** Adds a marked card to the deck the VU chose (made current before): the intent the checker judges it by. */
  addMarkedCard(card: MarkedCard, deck: { id: string; name: string }): Promise<Call<{ note_id: number; card_id: number }>> {
    return this.addCard(card.front, card.back, { marker: card.id, deckId: deck.id, deckName: deck.name });
  }

  getReview(intent?: Intent): Promise<Call<{ cardId?: number; front?: string; back?: string; queue?: number; message?: string }>> {
    return this.send('get_review', 'GET', '/review', undefined, intent);
  }

  answer(cardId: number, ease: number, timeTaken?: number): Promise<Call> {
    const body: Record<string, number> = { ease };
    if (timeTaken !== undefined) body.timeTaken = timeTaken;
    return this.send('answer', 'POST', '/answer', body, { cardId, ease, timeTaken });
  }

  deckCards(deckId: string, page = 1, perPage = 10): Promise<Call<{ cards: { cardId: number; front: string; back: string }[] }>> {
    return this.send('deck_cards', 'GET', `/decks/${deckId}/cards?page=${page}&perPage=${perPage}`, undefined, { deckId });
  }

  deckStats(deckId: string): Promise<Call> {
    return this.send('deck_stats', 'GET', `/decks/${deckId}/stats`, undefined, { deckId });
  }

  /** Send one request, record it, never throw for HTTP-level trouble. */
  async send<T = unknown>(op: OpKind, method: string, path: string, data?: unknown, intent?: Intent, timeoutMs = this.timeoutMs): Promise<Call<T>> {
    const id = `${this.identity.vu}#${++this.seq}`;
    const sessionValid = this.loggedIn;
    const cookieFingerprint = this.cookieFingerprint;
    const sentAt = Date.now();
    let status: number | null = null;
    let body: unknown = null;
    let error: string | undefined;
    let serverDate: number | undefined;
    try {
      const res = await this.transport.send(method, path, data, timeoutMs);
      status = res.status;
      const date = Date.parse(res.date ?? '');
      if (Number.isFinite(date)) serverDate = date;
      this.noteCookie(res);
      ({ body, error } = interpretBody(res.text, res.contentType, res.status));
    } catch (e) {
      error = describeNetworkError(e);
    }
    const returnedAt = Date.now();
    const outcome = classifyOutcome(status, body);
    // A 401 does not log the client out: its later requests still carry the session it holds, and
    // whether the server refused it once or lost it is the checker's to decide from what follows.
    const record: Operation = {
      id,
      runId: this.identity.runId,
      scenario: this.identity.scenario,
      vu: this.identity.vu,
      username: this.identity.username,
      userId: this.identity.userId,
      op,
      method,
      path,
      intent,
      sentAt,
      returnedAt,
      status,
      body,
      outcome,
      ...(error ? { error } : {}),
      ...(cookieFingerprint ? { cookieFingerprint } : {}),
      sessionValid,
      clientPid: process.pid,
      ...(serverDate !== undefined ? { serverDate } : {}),
    };
    this.sink(record);
    const json = body !== null && typeof body === 'object' ? (body as T) : null;
    return { op: record, status, json, ok: outcome === 'ok' };
  }

  private noteCookie(res: HttpAnswer): void {
    for (const value of res.setCookies) {
      const m = /^session=([^;]*)/.exec(value);
      if (m?.[1]) this.cookieFingerprint = fingerprint(m[1]);
    }
  }
}

function describeNetworkError(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const first = msg.split('\n')[0] ?? msg;
  if (/timeout/i.test(first)) return `timeout: ${first}`;
  return first;
}
