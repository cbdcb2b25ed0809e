/**
 * GET /review (next card of the current deck, remembered in the session) and
 * POST /answer (applies to the remembered card, then forgets it), with the
 * answer-other-card and crash-worker fault switches.
 */
import Database from 'better-sqlite3';
import { Router, type Request, type RequestHandler } from 'express';
import { applyAnswer } from '../anki/answer.ts';
import { currentDeckId, deckName, readCollection } from '../anki/collection.ts';
import { splitFields } from '../anki/notes.ts';
import { pyStr, type JsonValue } from '../anki/python-json.ts';
import { activeCardCount, DAILY_NEW_LIMIT, dayNumber, dueLearningCard, dueReviewCard, newCardsAnsweredToday, randomNewCard, type QueuedCard } from '../anki/review-queue.ts';
import type { Ease } from '../anki/scheduler.ts';
import type { AppContext } from '../context.ts';
import { crashPhase, crashWorker } from '../crash.ts';
import { userDbPath } from '../data-paths.ts';
import { requireLogin, sessionUser } from '../http/auth.ts';
import { sendError, sendJson } from '../http/flask-response.ts';
import { getJson, truthy, pyContains, requireObject } from '../http/json-body.ts';
import { errorText, withUserDb } from '../user-db-access.ts';
import fs from 'node:fs';

type ReviewOutcome = { kind: 'card'; card: QueuedCard } | { kind: 'empty'; message: string } | { kind: 'no-collection' };

function forgetCard(req: Request): void {
  delete req.session.currentCardId;
  delete req.session.currentNoteId;
}

/** `ease in [1, 2, 3, 4]` in Python: true == 1 passes, the string "3" does not. */
function validEase(v: JsonValue | undefined): Ease | null {
  if (v === true) return 1;
  return v === 1 || v === 2 || v === 3 || v === 4 ? v : null;
}

export function reviewRoutes(ctx: AppContext): Router {
  const router = Router({ caseSensitive: true, strict: true });
  const login = requireLogin(ctx);
  router.get('/review', login, getReview(ctx));
  router.post('/answer', login, answerCard(ctx));
  return router;
}

/** GET /review: the next card of the current deck (learning, then review, then new within the daily limit), remembered in the session. */
function getReview(ctx: AppContext): RequestHandler {
  return (req, res) => {
    const { userId } = sessionUser(req);
    const dbPath = userDbPath(ctx.paths, userId);
    if (!fs.existsSync(dbPath)) {
      ctx.log.error(`User database not found for user ${userId} at ${dbPath}`);
      return sendError(res, 404, 'User database not found. Please re-register or contact support.');
    }
    try {
      const outcome = withUserDb(ctx, userId, (db) => nextCard(ctx, db));
      if (outcome.kind === 'no-collection') return sendError(res, 500, 'Failed to process collection configuration');
      if (outcome.kind === 'empty') {
        forgetCard(req);
        ctx.log.info(outcome.message);
        return sendJson(res, 200, { message: outcome.message });
      }
      const [front, back] = splitFields(outcome.card.flds);
      req.session.currentCardId = outcome.card.id;
      req.session.currentNoteId = outcome.card.nid;
      sendJson(res, 200, { cardId: outcome.card.id, front, back, queue: outcome.card.queue });
    } catch (err) {
      if (err instanceof Database.SqliteError) {
        ctx.log.error(`Database error in get_next_card for user ${userId}: ${errorText(err)}`);
        return sendError(res, 500, 'A database error occurred.');
      }
      ctx.log.error(`Unexpected error in get_next_card for user ${userId}: ${errorText(err)}`);
      sendError(res, 500, 'An internal server error occurred.');
    }
  };
}

/** POST /answer: the ease for the card the session remembers; schedules it and writes its revlog row. */
function answerCard(ctx: AppContext): RequestHandler {
  return (req, res) => {
    const user = sessionUser(req);
    const rememberedCard = req.session.currentCardId;
    const rememberedNote = req.session.currentNoteId;
    const data = getJson(req);
    if (!truthy(data) || !pyContains(data, 'ease')) {
      ctx.log.warning('Missing ease in answer request');
      return sendError(res, 400, 'Missing ease rating');
    }
    const body = requireObject(data, 'answer');
    const ease = validEase(body.ease);
    if (ease === null) {
      ctx.log.warning(`Invalid ease value: ${pyStr(body.ease)}`);
      return sendError(res, 400, 'Invalid ease rating (must be 1, 2, 3, or 4)');
    }
    if (!rememberedCard || !rememberedNote) {
      ctx.log.warning('Missing card information in session for answer processing');
      return sendError(res, 400, 'Missing card information in session or invalid request. Please get a card first.');
    }
    const { faults } = ctx;
    try {
      let cardId = rememberedCard;
      let noteId = rememberedNote;
      const other = faults.fires('answer-other-card') ? otherCardOf(ctx, user.userId, cardId) : null;
      if (other) {
        cardId = other.id;
        noteId = other.nid;
      }
      const crash = faults.fires('crash-worker') ? crashPhase(faults) : null;
      const crashDetails = { user: user.userId, path: '/answer', card: cardId };
      ctx.log.info(`Processing answer for card ${cardId} (note ${noteId}) with ease ${pyStr(body.ease)}`);
      const result = withUserDb(ctx, user.userId, (db) =>
        applyAnswer(
          db,
          ctx.log,
          { userId: user.userId, username: user.username, cardId, noteId, ease, easeText: pyStr(body.ease), timeTaken: body.timeTaken, nowMs: Date.now() },
          crash === 'before-commit' ? { beforeCommit: () => crashWorker(faults, { ...crashDetails, phase: 'before-commit' }) } : {},
        ),
      );
      if (result.kind === 'card-not-found') return sendError(res, 404, 'Card not found');
      if (result.kind === 'no-collection') return sendError(res, 500, 'Database error occurred during review update');
      if (crash === 'after-commit') crashWorker(faults, { ...crashDetails, phase: 'after-commit' });
      forgetCard(req);
      sendJson(res, 200, { message: 'Answer processed successfully' });
    } catch (err) {
      if (err instanceof Database.SqliteError) {
        ctx.log.error(`Database error during review update: ${errorText(err)}`);
        return sendError(res, 500, 'Database error occurred during review update');
      }
      ctx.log.error(`Error processing review: ${errorText(err)}`);
      sendError(res, 500, `Error processing review: ${errorText(err)}`);
    }
  };
}

/** The card GET /review shows next, or why there is none. */
function nextCard(ctx: AppContext, db: Database.Database): ReviewOutcome {
  const col = readCollection(db);
  if (!col) return { kind: 'no-collection' };
  const deck = currentDeckId(col.conf);
  const deckParam = typeof deck === 'number' || typeof deck === 'string' ? deck : pyStr(deck);
  const name = deckName(col.decks, deck, 'Default');
  const now = Math.floor(Date.now() / 1000);
  const day = dayNumber(col.crt, now);
  const newSeen = newCardsAnsweredToday(db, col.crt, day);
  const learning = dueLearningCard(db, deckParam, now);
  if (learning) return { kind: 'card', card: learning };
  const review = dueReviewCard(db, deckParam, day);
  if (review) {
    ctx.log.info(`Found review card ${review.id} (queue=${review.queue}). Card Due: ${review.due}, Card Interval: ${review.ivl} days. Current Day Cutoff: ${day}`);
    return { kind: 'card', card: review };
  }
  if (newSeen < DAILY_NEW_LIMIT) {
    const fresh = randomNewCard(db, deckParam);
    if (fresh) return { kind: 'card', card: fresh };
  }
  let message = `No cards available for review in deck '${name}'.`;
  if (activeCardCount(db, deckParam) > 0) {
    message = newSeen >= DAILY_NEW_LIMIT && randomNewCard(db, deckParam) ? `Daily limit of ${DAILY_NEW_LIMIT} new cards reached for deck '${name}'.` : `No cards due for deck '${name}' right now.`;
  }
  return { kind: 'empty', message };
}

/** The answer-other-card fault: another card of the same deck (or of the user) gets the answer; reported as a FAULT line. */
function otherCardOf(ctx: AppContext, userId: number, cardId: number): { id: number; nid: number } | null {
  const { faults } = ctx;
  const other = withUserDb(ctx, userId, (db) => {
    const sameDeck = db.prepare('SELECT id, nid FROM cards WHERE id != ? AND did = (SELECT did FROM cards WHERE id = ?) ORDER BY id').all(cardId, cardId) as { id: number; nid: number }[];
    const pool = sameDeck.length > 0 ? sameDeck : (db.prepare('SELECT id, nid FROM cards WHERE id != ? ORDER BY id').all(cardId) as { id: number; nid: number }[]);
    return faults.pick('answer-other-card', pool);
  });
  if (other) faults.report('answer-other-card', { user: userId, shown_card: cardId, answered_card: other.id });
  return other ?? null;
}
