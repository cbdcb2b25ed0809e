/**
 * Sessions shared by all workers, like Flask-Session's filesystem backend: one file per
 * session under <dataDir>/flask_session/, a cookie named `session` (HttpOnly,
 * SameSite=Lax, no expiry). Files are written atomically (write + rename), so a worker
 * never reads half a session written by another.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import session from 'express-session';
import createFileStore from 'session-file-store';

declare module 'express-session' {
  interface SessionData {
    userId: number;
    username: string;
    /** The card GET /review showed last; POST /answer applies to it and then forgets it. */
    currentCardId: number;
    currentNoteId: number;
  }
}

/** Flask-Session keeps files for 31 days by default; the target never reaps them mid-run. */
const SESSION_TTL_SECONDS = 31 * 24 * 3600;

export function sessionMiddleware(sessionDir: string, secret: string): RequestHandler {
  const FileStore = createFileStore(session);
  const store = new FileStore({
    path: sessionDir,
    ttl: SESSION_TTL_SECONDS,
    reapInterval: -1,
    // A missing file means "no session" (e.g. after logout); retrying only adds latency.
    retries: 0,
    logFn: () => undefined,
  });
  // Flask-Session writes a session file only when the session changed. session-file-store's
  // touch() would rewrite the file on every request and could put back data another worker
  // had just changed, so it is switched off.
  Object.defineProperty(store, 'touch', { value: undefined });
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
