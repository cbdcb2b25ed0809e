/**
 * The diagnostic lines of `--enhanced-log`: what an operator of the real server adds to its
 * `add_card` to see which worker, session and session user wrote each card (the load-testing
 * plan's §7.1, and the re-validation line of its §8.1). One request's lines are written by one
 * worker between its START and its SUCCESS, so the checker can tie them together by pid.
 */
import { threadId } from 'node:worker_threads';
import type { ServerLog } from './log.ts';
import type { SessionUser } from './http/auth.ts';

export class AddCardDiagnostics {
  constructor(
    private readonly log: ServerLog,
    private readonly pid: number = process.pid,
  ) {}

  /** At the route's entry: the session the cookie resolved to and its user. */
  start(user: SessionUser, sessionId: string): void {
    this.log.info(`ADD_CARD_START | PID:${this.pid} | Thread:${threadId} | SessionUser:${user.username} | SessionUserID:${user.userId} | SessionID:${sessionId}`);
  }

  /** The session's user re-read before the write is not the one the request began with. */
  sessionMismatch(expected: SessionUser, got: SessionUser): void {
    this.log.error(`SESSION_MISMATCH | Expected:${expected.userId} | Got:${got.userId}`);
  }

  /** The database file the card goes to. */
  targetDb(owner: SessionUser, dbPath: string): void {
    this.log.info(`ADD_CARD_TARGET_DB | PID:${this.pid} | UserID:${owner.userId} | DBPath:${dbPath}`);
  }

  /** The write returned a card id. */
  success(owner: SessionUser, cardId: number): void {
    this.log.info(`ADD_CARD_SUCCESS | PID:${this.pid} | CardID:${cardId} | UserID:${owner.userId} | Username:${owner.username}`);
  }
}
