/**
 * The Express application of one worker: request log, web UI (index.html and /ui/
 * files, before sessions and faults: they are not API calls), the stall and drop faults,
 * sessions, the latency fault, the API routes, Flask's 404/405 pages and its 400/500 pages for bad bodies
 * and unexpected errors.
 */
import { setTimeout as delay } from 'node:timers/promises';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { AppContext } from './context.ts';
import { BadJsonBodyError } from './http/bad-json-body-error.ts';
import { flaskCookieFormat } from './http/flask-cookie.ts';
import { routeFallback } from './http/fallback.ts';
import { sendErrorPage } from './http/flask-response.ts';
import { noteSessionUser, requestLog } from './http/request-log.ts';
import { UI_PREFIX, uiNavigation, uiStatic } from './http/ui.ts';
import { accountRoutes } from './routes/account.ts';
import { addCardRoutes } from './routes/add-card.ts';
import { cardRoutes } from './routes/cards.ts';
import { deckContentRoutes } from './routes/deck-contents.ts';
import { deckRoutes } from './routes/decks.ts';
import { exportRoutes } from './routes/export.ts';
import { reviewRoutes } from './routes/review.ts';
import { sessionMiddleware } from './session.ts';
import { errorText } from './user-db-access.ts';

/** Bounds of the latency fault's delay. */
const LATENCY_MS = { min: 200, max: 1500 } as const;

/**
 * How long the stall and drop faults hold a write: past the client's timeout in the fault
 * matrix's rows (1.2 s), as a request waits in gunicorn's backlog while every worker is busy.
 */
export const HOLD_MS = 2_500;

/** The writes an overloaded server may serve after the client gave up: an answer and an add. */
const HELD_WRITES: ReadonlySet<string> = new Set(['POST /answer', 'POST /add_card']);

/** No limit upstream either; this only keeps a runaway client from filling memory. */
const BODY_LIMIT = '10mb';

function latencyFault(ctx: AppContext): RequestHandler {
  return (req, _res, next) => {
    if (!ctx.faults.fires('latency')) return next();
    const ms = Math.round(ctx.faults.uniform('latency', LATENCY_MS.min, LATENCY_MS.max));
    ctx.faults.report('latency', { method: req.method, path: req.path, delay_ms: ms });
    delay(ms).then(() => next(), next);
  };
}

/**
 * `stall`: hold a write past the client's timeout, then serve it — session read after the wait,
 * as a request queued behind busy workers is. `drop`: hold it, then close the connection without
 * serving it. Placed before the session is read, so a held request sees the session as it is
 * when it is served, not as it was when it arrived.
 */
function heldWriteFaults(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    if (!HELD_WRITES.has(`${req.method} ${req.path}`)) return next();
    const dropped = ctx.faults.fires('drop');
    if (!dropped && !ctx.faults.fires('stall')) return next();
    const details = { method: req.method, path: req.path, hold_ms: HOLD_MS };
    // A stall is logged as the hold begins; a drop as the connection is closed, when it happens.
    if (!dropped) ctx.faults.report('stall', details);
    delay(HOLD_MS).then(() => {
      if (!dropped) return next();
      ctx.faults.report('drop', details);
      res.socket?.destroy();
    }, next);
  };
}

function errorHandler(ctx: AppContext): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (err instanceof BadJsonBodyError) return sendErrorPage(res, 400);
    if (typeof err === 'object' && err !== null && 'status' in err && err.status === 400) return sendErrorPage(res, 400);
    const kind = err instanceof Error ? err.name : 'Error';
    ctx.log.errorWithDetail(`Exception on ${req.path} [${req.method}]`, `${kind}: ${errorText(err)}`);
    if (res.headersSent) return res.destroy();
    sendErrorPage(res, 500);
  };
}

export function createApp(ctx: AppContext, sessionSecret: string): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('strict routing', true);
  app.set('case sensitive routing', true);

  app.use(requestLog(ctx.log));
  app.use(uiNavigation(ctx.uiDir));
  app.use(UI_PREFIX, uiStatic(ctx.uiDir));
  // Flask answers OPTIONS itself (empty 200 with Allow); Express's automatic answer differs.
  app.use((req, res, next) => (req.method === 'OPTIONS' ? routeFallback(req, res, next) : next()));
  app.use(express.raw({ type: () => true, limit: BODY_LIMIT }));
  app.use(flaskCookieFormat);
  app.use(heldWriteFaults(ctx));
  app.use(sessionMiddleware(ctx.paths.sessionDir, sessionSecret, ctx.sessionStore, (message) => ctx.log.error(message)));
  app.use(noteSessionUser);
  app.use(latencyFault(ctx));

  for (const routes of [accountRoutes, deckRoutes, deckContentRoutes, addCardRoutes, reviewRoutes, cardRoutes, exportRoutes]) {
    app.use(routes(ctx));
  }
  app.use(routeFallback);
  app.use(errorHandler(ctx));
  return app;
}
