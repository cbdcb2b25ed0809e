/**
 * Sessions shared by all workers, like Flask-Session's filesystem backend: one file per
 * session under <dataDir>/flask_session/, a cookie named `session` (HttpOnly,
 * SameSite=Lax, no expiry), kept by `SessionFolderStore`.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import session from 'express-session';
import { SessionFolderStore } from './session-store.ts';
import { SessionRedisStore } from './session-redis-store.ts';

declare module 'express-session' {
  interface SessionData {
    userId: number;
    username: string;
    /** The card GET /review showed last; POST /answer applies to it and then forgets it. */
    currentCardId: number;
    currentNoteId: number;
  }
}

/** Where sessions live: files in flask_session/ (Flask-Session's filesystem backend, the default) or a Redis server. */
export type SessionStoreOption = { kind: 'files' } | { kind: 'redis'; url: string };

export function sessionMiddleware(sessionDir: string, secret: string, storeOption: SessionStoreOption, onStoreError: (message: string) => void): RequestHandler {
  // Like Flask-Session, a session is written only when it changed: no touch(), no resave.
  const store = storeOption.kind === 'redis' ? new SessionRedisStore(storeOption.url, onStoreError) : new SessionFolderStore(sessionDir);
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
