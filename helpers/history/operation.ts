/**
 * One request a virtual user sent and what came back: the unit of the history.
 * The load phase appends these (one JSON object per line) to `history/*.jsonl`
 * in the run directory; the checker reads them back. Passwords and cookie values
 * never appear here (see `redact.ts`); a cookie is known only by its fingerprint.
 */

/** Jepsen's outcomes: `ok` took effect, `fail` definitely did not, `info` may or may not have. */
export type Outcome = 'ok' | 'fail' | 'info';

export type OpKind =
  | 'register'
  | 'login'
  | 'logout'
  | 'list_decks'
  | 'create_deck'
  | 'set_current_deck'
  | 'add_card'
  | 'get_review'
  | 'answer'
  | 'deck_stats'
  | 'deck_cards'
  | 'get_card'
  | 'update_card'
  | 'delete_card'
  | 'delete_deck'
  | 'rename_deck'
  | 'export'
  | 'page';

/** What the VU meant the request to do, known before it was sent. */
export interface Intent {
  /** Card marker `u_n` carried by the front/back of an add. */
  marker?: string;
  front?: string;
  back?: string;
  /** Deck the VU believes is current (for an add) or wants to make current. */
  deckId?: string;
  deckName?: string;
  /** Card the VU was shown and is answering (for `answer`). */
  cardId?: number;
  /**
   * Browser VUs: the card the screen showed when the answer was clicked. `cardId` is the card
   * the server remembered (the last `GET /review` answer to arrive); the review page sends two
   * concurrent `GET /review` on entry, so the two may differ when the page raced.
   */
  shownCardId?: number;
  ease?: number;
  timeTaken?: number;
  /** For identity probes: the deck name that proves whose data this is. */
  probeDeckName?: string;
}

export interface Operation {
  /** Unique within the run: `<vu>#<seq>`. */
  id: string;
  runId: string;
  /** Playwright project / scenario: registration, writers, reviewers, sessions, browser-writers, … */
  scenario: string;
  /** Virtual-user id, e.g. `w03`, `r12`. */
  vu: string;
  username: string;
  /** Server user id when known (from register/login). */
  userId: number | null;
  op: OpKind;
  method: string;
  path: string;
  intent?: Intent;
  /** Epoch ms when the request was handed to the client. */
  sentAt: number;
  /** Epoch ms when the response (or the error) came back. */
  returnedAt: number;
  /** HTTP status, or null when no response arrived (timeout, reset). */
  status: number | null;
  /** Parsed JSON body, or at most 2 KB of text when the body was not JSON. */
  body: unknown;
  outcome: Outcome;
  /** Why the outcome is `info` (or a `fail` without JSON): timeout, ECONNRESET, HTML 502 page, … */
  error?: string;
  /** sha256 prefix of the session cookie in use when the request was sent; never the value. */
  cookieFingerprint?: string;
  /** True when the session was valid (logged in and not logged out) when the request was sent. */
  sessionValid?: boolean;
  /**
   * Pid of the load-generator process that sent it (a Playwright worker, or the runner for
   * setup's signups): a request is judged against the health of the process that timed it.
   */
  clientPid?: number;
  /**
   * The server's `Date` response header (epoch ms, whole seconds): with sentAt/returnedAt it
   * bounds the server's clock against ours, independently of what the checker judges.
   */
  serverDate?: number;
}

/** Classify a response: ok = 2xx with a usable body, fail = the server refused, info = unknown (Jepsen's outcomes). */
export function classifyOutcome(status: number | null, body: unknown): Outcome {
  if (status === null) return 'info';
  const isJsonObject = typeof body === 'object' && body !== null;
  // A 2xx without a JSON body (an HTML page from a proxy, say) is not a usable answer.
  if (status >= 200 && status < 300) return isJsonObject ? 'ok' : 'info';
  if (status >= 400 && status < 500) return 'fail';
  // A 5xx whose body is the server's own JSON error definitely did not commit (the app said so);
  // a 502/503/504 proxy page or a dropped body is indeterminate.
  if (status >= 500 && isJsonObject && 'error' in body) return 'fail';
  return 'info';
}
