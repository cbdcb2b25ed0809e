/**
 * The checker's output: what the audit of a run found. Written to
 * `integrity_violations.json`; read by the reports, the thresholds and the fault matrix.
 */

/**
 * Each class once, with the run's criterion it fails (db/decision/run-decision.ts): a new class
 * is declared here and judged in its judge; the criteria, the Allure categories, the summary and
 * the reports follow from this table. The order is the order violations are listed in.
 */
export const CLASS_CRITERION = {
  misrouted: 'no-cross-user-contamination',
  lost: 'no-lost-cards',
  phantom: 'no-duplicates-or-phantoms',
  duplicate: 'no-duplicates-or-phantoms',
  'content-mismatch': 'card-placement',
  'wrong-deck': 'card-placement',
  'lost-deck': 'card-placement',
  'review-mismatch': 'review-integrity',
  'session-mismatch': 'session-integrity',
} as const;

/** The classes the checker reports, from the table above. */
export type ViolationClass = keyof typeof CLASS_CRITERION;

/** The criteria a violation class can fail. */
export type ClassCriterion = (typeof CLASS_CRITERION)[ViolationClass];

export const VIOLATION_CLASSES: readonly ViolationClass[] = Object.keys(CLASS_CRITERION) as ViolationClass[];

/** Where a card was actually found. */
export interface CardLocation {
  userId: number;
  username: string | null;
  dbFile: string;
  cardId: number;
  noteId: number;
  deckId: string;
  deckName: string | null;
  front: string;
  back: string;
}

export interface Violation {
  class: ViolationClass;
  /** One sentence a person can act on. */
  message: string;
  vu?: string;
  marker?: string;
  cardId?: number;
  expectedUser?: string;
  /** Server user id of expectedUser, from admin.db. */
  expectedUserId?: number;
  expectedDeck?: string;
  /** Name of expectedDeck, when known. */
  expectedDeckName?: string;
  actual?: CardLocation[];
  /** History operations this violation is about. */
  opIds: string[];
  sentAt?: number;
  returnedAt?: number;
  /** Matching server log lines and the worker pid, when the log has them. */
  logLines?: string[];
  workerPid?: number;
  /** wrong-deck: the other session's set_current_deck op that moved the user's current deck under this add. */
  interleavedBy?: string;
  /** Why it happened, as far as the history, the server log and the data directory decide; else why that is unknown. */
  cause: Cause;
  /** Card classes: the worker, session and session user that wrote the card, from the server's diagnostic lines. */
  writtenBy?: WriteAttribution;
}

/**
 * Who wrote a card, read from the diagnostic lines an operator adds to the server's
 * `add_card` (ADD_CARD_START, ADD_CARD_TARGET_DB, ADD_CARD_SUCCESS, SESSION_MISMATCH).
 */
export interface WriteAttribution {
  pid: number;
  thread?: string;
  /**
   * Fingerprint of the session id the server logged at the route's entry (the id itself is a
   * credential; it equals the request's cookie fingerprint when the cookie is the bare id).
   */
  sessionFingerprint?: string;
  /** Session user and id at the route's entry (ADD_CARD_START). */
  sessionUser?: string;
  sessionUserId?: number;
  /** User whose database the card was written to, and its path (ADD_CARD_TARGET_DB / ADD_CARD_SUCCESS). */
  writeUserId?: number;
  writeUsername?: string;
  dbPath?: string;
  cardId?: number;
  /** A SESSION_MISMATCH line of the same request: the user the request began as and the one the session said later. */
  sessionMismatch?: { expected: string; got: string };
  /** The diagnostic lines of that request, as written. */
  logLines: string[];
}

/** What the evidence decides about a violation, one kind per distinct explanation. */
export type CauseKind =
  // misrouted
  | 'session-user-changed'
  | 'session-of-other-user'
  | 'right-session-wrong-file'
  // lost
  | 'write-not-kept'
  // phantom
  | 'error-after-write'
  | 'response-failed-after-commit'
  // duplicate
  | 'resent'
  | 'one-request-several-rows'
  // content-mismatch
  | 'refused-update-applied'
  | 'altered-on-write'
  // wrong-deck
  | 'deck-switched-by-other-session'
  | 'server-chose-other-deck'
  // lost-deck
  | 'deck-list-overwritten'
  | 'deck-id-collision'
  // review-mismatch
  | 'card-made-current-by'
  | 'answered-card-never-served'
  | 'answer-not-recorded'
  | 'refused-answer-recorded'
  | 'answer-recorded-twice'
  // session-mismatch
  | 'served-as-other-user'
  | 'live-session-refused'
  | 'session-kept-after-logout'
  | 'session-file-gone'
  | 'session-file-present';

/** A cause the evidence decides: one sentence, and the requests and log lines it rests on. */
export interface DecidedCause {
  kind: CauseKind;
  text: string;
  /** The history's operations the cause names (besides the violation's own). */
  opIds: string[];
  logLines?: string[];
  /** review-mismatch: whether the client had given up (timed out) on the request that made the card current. */
  clientGaveUp?: boolean;
  /** 401: what the data directory's session folder held when the audit read it. */
  sessionFiles?: SessionFileCount;
}

/** The evidence does not decide: what would have decided it. Never a guess. */
export interface UnknownCause {
  kind: 'unknown';
  missing: string;
  sessionFiles?: SessionFileCount;
}

export type Cause = DecidedCause | UnknownCause;

/** Session files of the data directory (never their names: a file name can be a session id). */
export interface SessionFileCount {
  files: number;
  /** Files whose user could be read, by username. */
  byUser: Record<string, number>;
  /** Files whose user could not be read. */
  unreadable: number;
}

export type ObservationKind =
  | 'id-collision'
  | 'indeterminate-landed'
  | 'indeterminate-not-landed'
  /** Effects of requests the client had given up on (db/late-effects.ts). */
  | 'applied-late'
  | 'unreadable-database'
  | 'server-error-cause'
  | 'server-diagnostics';

/** Facts worth reporting that are not violations (never fail a run by themselves). */
export interface Observation {
  kind: ObservationKind;
  message: string;
  evidence: Record<string, unknown>;
}

export interface WriterReconciliation {
  vu: string;
  username: string;
  acknowledgedAdds: number;
  failedAdds: number;
  indeterminateAdds: number;
  cardsInOwnDb: number;
  /** acknowledged − inOwnDb, explained by the classes below (signed counts that sum to it). */
  difference: number;
  explainedBy: Partial<Record<ViolationClass | 'indeterminate-landed', number>>;
  /** Acknowledged adds that could not be judged because the owner's database was unreadable. */
  unjudged?: number;
  /** Acknowledged adds whose card (or deck) the history itself deleted afterwards. */
  deleted?: number;
}

/** How much of the history could be read (an interrupted run leaves a cut-off last line). */
export interface HistoryCoverage {
  files: number;
  truncatedLines: number;
  malformedLines: number;
}

export interface Verdict {
  runId: string;
  judgedAt: string;
  /** Where the databases were read from. */
  source: 'live' | 'snapshots';
  usersJudged: number;
  cardsRead: number;
  operationsRead: number;
  violations: Violation[];
  countsByClass: Record<ViolationClass, number>;
  observations: Observation[];
  reconciliation: WriterReconciliation[];
  /** 5xx causes from the server log: `id-collision`, `lock-contention`, or the quoted text. */
  serverErrorCauses: Record<string, number>;
  /** Lines of the history that could not be read, when the history came from files. */
  history?: HistoryCoverage;
  /**
   * Jepsen's `:valid?`: false when there is a violation; 'unknown' when there is none but
   * something could not be judged (an unreadable user database, a judge that failed, adds
   * left unjudged, history lines that could not be read) — never a pass; true otherwise.
   */
  valid: boolean | 'unknown';
  /** Why the verdict is unknown, one sentence each; empty when everything was judged. */
  unjudged: string[];
  /** valid === true: judged, and clean. */
  ok: boolean;
}
