/**
 * The history of a browser VU: every API call its page makes becomes one Operation, as
 * the API client records its own calls, so the checker judges browser VUs unchanged.
 * The test states what it means before it clicks (`intend`); the recorder pairs that
 * intent with the request the click caused. Request bodies of /login and /register are
 * never read, so no password can reach the history.
 */
import { interpretBody } from '../vu/response-body.ts';
import type { Page, Request, Response } from '@playwright/test';
import type { OperationSink, VuIdentity } from '../vu/api-client.ts';
import { fingerprint } from '../secrets/fingerprint.ts';
import { isApiRequest, opKindOf, pathOf } from './api-paths.ts';
import { classifyOutcome, type Intent, type Operation, type OpKind } from '../history/operation.ts';

/** A `GET /review` answer as the page received it. */
export interface ReviewAnswer {
  cardId?: number;
  front?: string;
  back?: string;
  queue?: number;
  message?: string;
}

interface Pending {
  /** Order in which the page sent its API calls. */
  index: number;
  kind: OpKind;
  method: string;
  path: string;
  sentAtEvent: number;
  intent: Intent | undefined;
  sessionValid: boolean;
  /** For an answer: the `GET /review` answer that arrived last before it was sent. */
  reviewBefore: Promise<ReviewAnswer | null> | undefined;
}

/** What came back for a request, as this process learned it. */
interface Returned {
  status: number | null;
  body: unknown;
  error: string | undefined;
  /** When the response (or failure) event reached this process. */
  arrivedAt: number;
  /** The session cookie value the request carried; only its fingerprint is kept. */
  cookie: string | undefined;
}

interface Waiter {
  check: () => boolean;
}

/** Kinds whose request body says what the VU meant and holds no secret. */
const READABLE_BODIES = new Set<OpKind>(['create_deck', 'set_current_deck', 'add_card', 'answer', 'update_card', 'rename_deck']);

export class BrowserTraffic {
  private nextIndex = 0;
  private loggedIn = false;
  private readonly inFlight = new Map<Request, Pending>();
  private readonly completing = new Set<Promise<void>>();
  private readonly once = new Map<OpKind, Intent[]>();
  private readonly each = new Map<OpKind, Intent>();
  private readonly recorded: { index: number; op: Operation }[] = [];
  /** `GET /review` answers in the order they arrived, with the index of the request they answer. */
  private readonly reviews: { index: number; parsed: Promise<ReviewAnswer | null>; body?: ReviewAnswer | null }[] = [];
  private readonly waiters = new Set<Waiter>();
  private attached = false;

  constructor(
    private readonly page: Page,
    readonly identity: VuIdentity,
    private readonly sink: OperationSink,
  ) {}

  /** Start listening; every API call the page makes from now on is recorded. */
  attach(): void {
    if (this.attached) return;
    this.page.on('request', this.onRequest);
    this.page.on('response', this.onResponse);
    this.page.on('requestfailed', this.onFailed);
    this.attached = true;
  }

  /** Act as another user from the next request on (a registration VU learns its user late). */
  actAs(username: string, userId: number | null): void {
    this.identity.username = username;
    this.identity.userId = userId;
  }

  /** The intent of the next request of this kind only (an add, an answer). */
  intend(kind: OpKind, intent: Intent): void {
    const queue = this.once.get(kind) ?? [];
    queue.push(intent);
    this.once.set(kind, queue);
  }

  /** The intent of every later request of this kind, until replaced (the deck every review is in). */
  intendEach(kind: OpKind, intent: Intent): void {
    this.each.set(kind, intent);
  }

  /** A point in the page's traffic: requests the page sends from now on count as after it. */
  cursor(): number {
    return this.nextIndex;
  }

  /** Operations recorded so far, in the order their answers came back. */
  operations(kind?: OpKind): Operation[] {
    return this.recorded.filter((r) => kind === undefined || r.op.op === kind).map((r) => r.op);
  }

  /**
   * The first `count` operations of `kind` the page sent after `cursor`, once they are
   * recorded (answered or failed). Rejects after `timeoutMs` with what was seen.
   */
  waitFor(cursor: number, kind: OpKind, count: number, timeoutMs: number): Promise<Operation[]> {
    const matching = () => this.recorded.filter((r) => r.index >= cursor && r.op.op === kind).sort((a, b) => a.index - b.index);
    return new Promise<Operation[]>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const found = matching();
          if (found.length < count) return false;
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(found.slice(0, count).map((r) => r.op));
          return true;
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`${this.identity.vu}: waited ${timeoutMs} ms for ${count} ${kind} request(s) of the page to be answered, saw ${matching().length}`));
      }, timeoutMs);
      if (!waiter.check()) this.waiters.add(waiter);
    });
  }

  /** The `GET /review` answer that arrived last among those the page sent after `cursor`. */
  lastReview(cursor = 0): ReviewAnswer | null {
    return this.reviews.filter((r) => r.index >= cursor && r.body !== undefined).at(-1)?.body ?? null;
  }

  /** Card id of the latest `GET /review` answer whose front is `front` (what the screen shows). */
  cardIdOfFront(front: string): number | undefined {
    // The page collapses runs of white space, as HTML does; compare the texts the same way.
    const wanted = collapseSpace(front);
    return this.reviews.filter((r) => r.body?.front !== undefined && collapseSpace(r.body.front) === wanted).at(-1)?.body?.cardId;
  }

  /**
   * Wait (at most `timeoutMs`) for the page's calls in flight to be answered and recorded,
   * then record what is still unanswered as indeterminate and stop listening.
   */
  async settle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.inFlight.size > 0 || this.completing.size > 0) && Date.now() < deadline) {
      await this.nextChange(deadline - Date.now());
    }
    this.detach();
    const endedAt = Date.now();
    for (const [request, pending] of this.inFlight) {
      this.record(pending, request, { status: null, body: null, error: 'no answer before the test ended', arrivedAt: endedAt, cookie: undefined });
    }
    this.inFlight.clear();
    await Promise.all([...this.completing]);
  }

  private detach(): void {
    this.page.off('request', this.onRequest);
    this.page.off('response', this.onResponse);
    this.page.off('requestfailed', this.onFailed);
    this.attached = false;
  }

  /** Resolves when a call is recorded or `ms` passed, whichever is first. */
  private nextChange(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const waiter: Waiter = {
        check: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
          return true;
        },
      };
      const timer = setTimeout(() => waiter.check(), Math.max(0, ms));
      this.waiters.add(waiter);
    });
  }

  // Arrow properties: the same function objects are given to page.on and page.off.
  private readonly onRequest = (request: Request): void => {
    if (!isApiRequest(request.url(), request.resourceType())) return;
    const kind = opKindOf(request.method(), request.url());
    const stated = this.once.get(kind)?.shift() ?? this.each.get(kind);
    const intent = mergeIntent(stated, READABLE_BODIES.has(kind) ? intentFromBody(kind, request) : undefined);
    this.inFlight.set(request, {
      index: this.nextIndex++,
      kind,
      method: request.method(),
      path: pathOf(request.url()),
      sentAtEvent: Date.now(),
      intent,
      sessionValid: this.loggedIn,
      reviewBefore: kind === 'answer' ? this.reviews.at(-1)?.parsed : undefined,
    });
  };

  private readonly onResponse = (response: Response): void => {
    const request = response.request();
    const pending = this.inFlight.get(request);
    if (!pending) return;
    this.inFlight.delete(request);
    const arrivedAt = Date.now();
    const status = response.status();
    // Decided on arrival, not after the body: the page's next call may already be on its way.
    if (pending.kind === 'login' && status === 200) this.loggedIn = true;
    if (pending.kind === 'logout') this.loggedIn = false;
    const read = readBody(response);
    if (pending.kind === 'get_review') {
      this.reviews.push({ index: pending.index, parsed: read.then((r) => (isObject(r.body) ? (r.body as ReviewAnswer) : null)) });
    }
    this.track(
      Promise.all([read, sessionCookieOf(request)]).then(([{ body, error }, cookie]) => {
        this.record(pending, request, { status, body, error, arrivedAt, cookie });
      }),
    );
  };

  private readonly onFailed = (request: Request): void => {
    const pending = this.inFlight.get(request);
    if (!pending) return;
    this.inFlight.delete(request);
    if (pending.kind === 'logout') this.loggedIn = false;
    const error = request.failure()?.errorText ?? 'request failed';
    this.record(pending, request, { status: null, body: null, error, arrivedAt: Date.now(), cookie: undefined });
  };

  private track(work: Promise<void>): void {
    const done = work
      .catch(() => undefined)
      .finally(() => {
        this.completing.delete(done);
        this.notify();
      });
    this.completing.add(done);
  }

  private record(pending: Pending, request: Request, result: Returned): void {
    if (pending.kind === 'answer' && pending.reviewBefore) {
      // The card the server remembered is the one of the last GET /review answer to arrive
      // before the answer was sent; it is known by now (answers arrive after their request).
      this.track(
        pending.reviewBefore.then((review) => {
          const intent = { ...pending.intent, ...(review?.cardId !== undefined ? { cardId: review.cardId } : {}) };
          this.write({ ...pending, intent }, request, result);
        }),
      );
      return;
    }
    this.write(pending, request, result);
  }

  private write(pending: Pending, request: Request, result: Returned): void {
    const { status, body, error, arrivedAt, cookie } = result;
    const op: Operation = {
      id: `${this.identity.vu}#${pending.index + 1}`,
      runId: this.identity.runId,
      scenario: this.identity.scenario,
      vu: this.identity.vu,
      username: this.identity.username,
      userId: this.identity.userId,
      op: pending.kind,
      method: pending.method,
      path: pending.path,
      ...(pending.intent ? { intent: pending.intent } : {}),
      ...flightOf(request, pending.sentAtEvent, arrivedAt, status !== null),
      status,
      body,
      outcome: classifyOutcome(status, body),
      ...(error ? { error } : {}),
      ...(cookie ? { cookieFingerprint: fingerprint(cookie) } : {}),
      sessionValid: pending.sessionValid,
      clientPid: process.pid,
    };
    if (pending.kind === 'login' && op.outcome === 'ok') this.learnUser(body);
    if (pending.kind === 'get_review') {
      const arrival = this.reviews.find((r) => r.index === pending.index);
      if (arrival) arrival.body = isObject(body) ? body : null;
    }
    this.sink(op);
    this.recorded.push({ index: pending.index, op });
    this.notify();
  }

  /** The server's id for the user, from the login answer, for later records. */
  private learnUser(body: unknown): void {
    const user = isObject(body) ? (body as { user?: { userId?: unknown; username?: unknown } }).user : undefined;
    if (typeof user?.userId === 'number' && user.username === this.identity.username) this.identity.userId = user.userId;
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }
}

function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** What the test said wins; the request body fills in what it did not say. */
function mergeIntent(stated: Intent | undefined, fromBody: Intent | undefined): Intent | undefined {
  if (!stated && !fromBody) return undefined;
  return { ...fromBody, ...stated };
}

function intentFromBody(kind: OpKind, request: Request): Intent | undefined {
  let data: unknown;
  try {
    data = request.postDataJSON();
  } catch {
    return undefined;
  }
  if (!isObject(data)) return undefined;
  const text = (key: string) => (typeof data[key] === 'string' ? data[key] : undefined);
  switch (kind) {
    case 'create_deck':
    case 'rename_deck':
      return text('name') !== undefined ? { deckName: text('name') } : undefined;
    case 'set_current_deck':
      return typeof data.deckId === 'string' || typeof data.deckId === 'number' ? { deckId: String(data.deckId) } : undefined;
    case 'add_card':
    case 'update_card':
      return { front: text('front'), back: text('back') };
    case 'answer':
      return typeof data.ease === 'number' ? { ease: data.ease } : undefined;
    default:
      return undefined;
  }
}

/**
 * When the request left and its answer was complete, by the browser's own timing (the
 * events reach this process later, more so on a busy machine); the event times when the
 * browser has no timing for it.
 */
function flightOf(request: Request, sentEventAt: number, returnedEventAt: number, answered: boolean): { sentAt: number; returnedAt: number } {
  const timing = request.timing();
  const start = timing.startTime;
  if (!Number.isFinite(start) || start <= 0 || start > returnedEventAt) return { sentAt: sentEventAt, returnedAt: returnedEventAt };
  const sentAt = Math.round(start);
  const end = timing.responseEnd >= 0 ? timing.responseEnd : timing.responseStart;
  if (!answered || !(end >= 0)) return { sentAt, returnedAt: returnedEventAt };
  return { sentAt, returnedAt: Math.min(returnedEventAt, Math.max(sentAt, Math.round(start + end))) };
}

/** The `session` cookie value the request carried, if any (only its fingerprint is kept). */
async function sessionCookieOf(request: Request): Promise<string | undefined> {
  try {
    const header = await request.headerValue('cookie');
    return header ? /(?:^|;\s*)session=([^;]*)/.exec(header)?.[1] : undefined;
  } catch {
    return undefined;
  }
}

/** The answer's body: parsed JSON when declared so, else at most 2 KB of text with why. */
async function readBody(response: Response): Promise<{ body: unknown; error?: string }> {
  let text: string;
  try {
    text = await response.text();
  } catch (e) {
    return { body: null, error: `body unavailable: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}` };
  }
  return interpretBody(text, response.headers()['content-type'] ?? '', response.status());
}
