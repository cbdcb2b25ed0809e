/**
 * POST /add_card, with the write-path fault switches: session-mixup, lost-write,
 * error-after-commit, duplicate-insert, wrong-deck, alter-content, crash-worker.
 */
import Database from 'better-sqlite3';
import { Router } from 'express';
import { addCard, type AddCardHooks } from '../anki/add-card.ts';
import { deckKey } from '../anki/collection.ts';
import { pyStr } from '../anki/python-json.ts';
import { alterOneCharacter } from '../alter-content.ts';
import type { AppContext } from '../context.ts';
import { crashPhase, crashWorker, type CrashPhase } from '../crash.ts';
import { requireLogin, sessionUser, type SessionUser } from '../http/auth.ts';
import { sendError, sendJson } from '../http/flask-response.ts';
import { getJson, requireObject, truthy } from '../http/json-body.ts';
import { errorText, withUserDb } from '../user-db-access.ts';
import { userDbPath } from '../data-paths.ts';
import { AddCardDiagnostics } from '../diagnostic-lines.ts';

/**
 * The second copy of a duplicate-insert lands half a second later: distinct from the
 * first (UNIQUE does not stop it) and never on a whole second, so it cannot collide
 * with the user's next regular add (whose ids are whole seconds).
 */
const DUPLICATE_OFFSET_MS = 500;

/** The database the card is written to: the session's user, or under session-mixup another one this worker served. */
function writeTarget(ctx: AppContext, user: SessionUser): SessionUser {
  if (!ctx.faults.fires('session-mixup')) return user;
  const other = ctx.recentUsers.othersThan(user.userId)[0];
  if (!other) return user;
  ctx.faults.report('session-mixup', { user: user.userId, username: user.username, wrote_to: other.userId, wrote_to_username: other.username });
  return other;
}

function faultHooks(ctx: AppContext, user: SessionUser, owner: SessionUser, crash: CrashPhase | null): AddCardHooks {
  const { faults } = ctx;
  const hooks: AddCardHooks = {};
  if (faults.fires('wrong-deck')) {
    hooks.chooseDeck = (current, deckIds) => {
      const others = deckIds.filter((id) => id !== deckKey(current));
      const preferred = others.filter((id) => id === '1' || id === '2');
      const chosen = faults.pick('wrong-deck', preferred.length > 0 ? preferred : others);
      if (chosen === undefined) return current;
      faults.report('wrong-deck', { user: owner.userId, intended_deck: pyStr(current), actual_deck: chosen });
      return Number(chosen);
    };
  }
  if (faults.fires('alter-content')) {
    hooks.storedFront = (front) => {
      const altered = alterOneCharacter(front);
      faults.report('alter-content', { user: owner.userId, sent: JSON.stringify(front), stored: JSON.stringify(altered) });
      return altered;
    };
  }
  if (faults.fires('duplicate-insert')) hooks.duplicateOffsetMs = DUPLICATE_OFFSET_MS;
  if (faults.fires('lost-write')) hooks.rollback = true;
  if (crash === 'before-commit') {
    hooks.beforeCommit = () => crashWorker(faults, { user: user.userId, path: '/add_card', phase: 'before-commit' });
  }
  return hooks;
}

export function addCardRoutes(ctx: AppContext): Router {
  const router = Router({ caseSensitive: true, strict: true });

  router.post('/add_card', requireLogin(ctx), (req, res) => {
    const user = sessionUser(req);
    const body = requireObject(getJson(req), 'add_card');
    const { front, back } = body;
    if (!truthy(front) || !truthy(back)) return sendError(res, 400, 'Front and back content cannot be empty');
    if (typeof front !== 'string') {
      // Upstream hashes the front before any insert; a non-text front fails there.
      ctx.log.error(`Error adding card for user ${user.userId}: '${typeof front}' object has no attribute 'encode'`);
      return sendError(res, 500, 'An internal server error occurred');
    }
    const { faults } = ctx;
    const diagnostics = ctx.enhancedLog ? new AddCardDiagnostics(ctx.log) : null;
    diagnostics?.start(user, req.sessionID);
    const owner = writeTarget(ctx, user);
    // Under session-mixup the request goes on as another user: what the plan's re-validation of
    // the session before the write would log.
    if (owner.userId !== user.userId) diagnostics?.sessionMismatch(user, owner);
    diagnostics?.targetDb(owner, userDbPath(ctx.paths, owner.userId));
    const crash = faults.fires('crash-worker') ? crashPhase(faults) : null;
    const hooks = faultHooks(ctx, user, owner, crash);
    try {
      const result = withUserDb(ctx, owner.userId, (db) => addCard(db, ctx.log, { userId: owner.userId, username: owner.username, front, back: pyStr(back), nowMs: Date.now() }, hooks));
      if (result.kind === 'no-collection') return sendError(res, 500, 'Collection configuration not found or invalid');
      if (result.kind === 'no-model') return sendError(res, 500, 'Default note model not found in collection');
      diagnostics?.success(owner, result.cardId);
      if (hooks.duplicateOffsetMs !== undefined) {
        faults.report('duplicate-insert', { user: owner.userId, card: result.cardId, copy: result.cardId + hooks.duplicateOffsetMs });
      }
      if (hooks.rollback === true) faults.report('lost-write', { user: owner.userId, card: result.cardId });
      if (crash === 'after-commit') crashWorker(faults, { user: user.userId, path: '/add_card', phase: 'after-commit', card: result.cardId });
      if (faults.fires('error-after-commit')) {
        faults.report('error-after-commit', { user: owner.userId, card: result.cardId });
        ctx.log.error(`Database error adding card for user ${owner.userId}: injected error after commit`);
        return sendError(res, 500, 'Database error occurred while adding card');
      }
      sendJson(res, 201, { message: 'Card added successfully', note_id: result.noteId, card_id: result.cardId });
    } catch (err) {
      if (err instanceof Database.SqliteError) {
        ctx.log.error(`Database error adding card for user ${owner.userId}: ${errorText(err)}`);
        return sendError(res, 500, 'Database error occurred while adding card');
      }
      ctx.log.error(`Error adding card for user ${owner.userId}: ${errorText(err)}`);
      sendError(res, 500, 'An internal server error occurred');
    }
  });

  return router;
}
