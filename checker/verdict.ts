/**
 * The checker's output: what the audit of a run found. Written to
 * `integrity_violations.json`; read by the reports, the thresholds and the fault matrix.
 */

export type ViolationClass = 'misrouted' | 'lost' | 'phantom' | 'duplicate' | 'content-mismatch' | 'wrong-deck' | 'review-mismatch' | 'session-mismatch';

export const VIOLATION_CLASSES: readonly ViolationClass[] = ['misrouted', 'lost', 'phantom', 'duplicate', 'content-mismatch', 'wrong-deck', 'review-mismatch', 'session-mismatch'];

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
}

export type ObservationKind = 'id-collision' | 'indeterminate-landed' | 'indeterminate-not-landed' | 'unreadable-database' | 'server-error-cause';

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
