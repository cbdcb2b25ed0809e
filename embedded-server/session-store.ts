/**
 * The sessions' folder as an express-session store: one JSON file per session,
 * `<dataDir>/flask_session/<sid>.json`, like Flask-Session's filesystem backend. A write
 * goes to a temporary file that is then renamed over the session's, so a worker never
 * reads half a session another worker is writing — and, like Flask-Session, without an
 * fsync. Sessions never expire during a run (Flask-Session keeps them 31 days).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Store, type SessionData } from 'express-session';

type Done = (err?: unknown) => void;

export class SessionFolderStore extends Store {
  private writes = 0;

  constructor(private readonly dir: string) {
    super();
    fs.mkdirSync(dir, { recursive: true });
  }

  private file(sid: string): string {
    // Session ids are UUIDs the server made; anything else is not a session of this store.
    if (!/^[0-9a-f-]{36}$/.test(sid)) throw new Error(`not a session id: ${sid}`);
    return path.join(this.dir, `${sid}.json`);
  }

  override get(sid: string, done: (err: unknown, session?: SessionData | null) => void): void {
    let text: string;
    try {
      text = fs.readFileSync(this.file(sid), 'utf8');
    } catch (err) {
      // No file (never made, or ended by logout), or no session id of this store: no session.
      const code = (err as NodeJS.ErrnoException).code;
      return done(code && code !== 'ENOENT' ? err : null, null);
    }
    try {
      done(null, JSON.parse(text) as SessionData);
    } catch {
      // A session file that is not JSON is no session, as Flask-Session treats an unreadable one.
      done(null, null);
    }
  }

  override set(sid: string, session: SessionData, done?: Done): void {
    try {
      const target = this.file(sid);
      const tmp = `${target}.${process.pid}.${++this.writes}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(session));
      fs.renameSync(tmp, target);
      done?.();
    } catch (err) {
      done?.(err);
    }
  }

  override destroy(sid: string, done?: Done): void {
    try {
      fs.rmSync(this.file(sid), { force: true });
      done?.();
    } catch (err) {
      done?.(err);
    }
  }
}
