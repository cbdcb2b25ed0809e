/**
 * `login_required`: 401 {"error":"Authentication required"} without a logged-in session.
 * Also where the forget-session fault destroys a valid session, and where a worker
 * notes which users it served (read by the session-mixup fault).
 */
import type { Request, RequestHandler } from 'express';
import type { AppContext } from '../context.ts';
import { sendError } from './flask-response.ts';

export interface SessionUser {
  userId: number;
  username: string;
}

export function requireLogin(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    const userId = req.session.userId;
    if (userId === undefined) {
      sendError(res, 401, 'Authentication required');
      return;
    }
    if (ctx.faults.fires('forget-session')) {
      ctx.faults.report('forget-session', { user: userId, method: req.method, path: req.path });
      req.session.destroy(() => sendError(res, 401, 'Authentication required'));
      return;
    }
    ctx.recentUsers.seen(userId, req.session.username ?? 'Unknown');
    next();
  };
}

/** The logged-in user of a request that passed requireLogin. */
export function sessionUser(req: Request): SessionUser {
  const userId = req.session.userId;
  if (userId === undefined) throw new Error('sessionUser() called on a request without login');
  return { userId, username: req.session.username ?? 'Unknown' };
}
