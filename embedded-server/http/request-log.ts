/**
 * One log line per request: `request method=POST path=/add_card status=201
 * duration_ms=12.3 user=7` (the pid is in the line prefix). This is what ties an
 * operation of the history to the worker that served it.
 */
import type { Request, RequestHandler } from 'express';
import type { ServerLog } from '../log.ts';

const requestUsers = new WeakMap<Request, number>();

/** Names the user a request acted for (login sets it before the session holds it). */
export function noteRequestUser(req: Request, userId: number): void {
  requestUsers.set(req, userId);
}

export function requestLog(log: ServerLog): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    let written = false;
    const write = (status: string): void => {
      if (written) return;
      written = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // req.session is gone after a logout or a destroyed session; the noted user remains.
      const user = requestUsers.get(req) ?? (req.session as { userId?: number } | undefined)?.userId;
      log.info(`request method=${req.method} path=${req.originalUrl} status=${status} duration_ms=${ms.toFixed(1)} user=${user ?? '-'}`);
    };
    res.on('finish', () => write(String(res.statusCode)));
    res.on('close', () => write('aborted'));
    next();
  };
}

/** After the session is loaded: remember who the request started as. */
export const noteSessionUser: RequestHandler = (req, _res, next) => {
  const userId = req.session.userId;
  if (userId !== undefined) noteRequestUser(req, userId);
  next();
};
