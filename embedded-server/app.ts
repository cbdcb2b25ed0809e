/**
 * The Express application of one worker: request log, web UI (index.html and /ui/
 * files, before sessions and faults: they are not API calls), sessions, the latency
 * fault, the API routes, Flask's 404/405 pages and its 400/500 pages for bad bodies
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
