/**
 * Sessions shared by all workers, like Flask-Session's filesystem backend: one file per
 * session under <dataDir>/flask_session/, a cookie named `session` (HttpOnly,
 * SameSite=Lax, no expiry), kept by `SessionFolderStore`.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import session from 'express-session';
import { SessionFolderStore } from './session-store.ts';

declare module 'express-session' {
  interface SessionData {
    userId: number;
    username: string;
    /** The card GET /review showed last; POST /answer applies to it and then forgets it. */
    currentCardId: number;
    currentNoteId: number;
  }
}

export function sessionMiddleware(sessionDir: string, secret: string): RequestHandler {
  // Flask-Session writes a session file only when the session changed: no touch(), no resave.
  const store = new SessionFolderStore(sessionDir);
  return session({
    name: 'session',
    secret,
    store,
    genid: () => randomUUID(),
    resave: false,
    saveUninitialized: false,
    unset: 'destroy',
    cookie: { httpOnly: true, sameSite: 'lax', secure: false, path: '/' },
  });
}
