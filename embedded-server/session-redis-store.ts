/**
 * Sessions in Redis, like Flask-Session's redis backend (the plan's §8.3 experiment): one key
 * per session, `session:<sid>`, holding its JSON, shared by every worker through one server
 * instead of files. Commands issued while the client is still connecting wait for it.
 */
import { createClient } from 'redis';
import { Store, type SessionData } from 'express-session';

type Done = (err?: unknown) => void;
const KEY_PREFIX = 'session:';

export class SessionRedisStore extends Store {
  private readonly client: ReturnType<typeof createClient>;

  constructor(url: string, onError: (message: string) => void) {
    super();
    this.client = createClient({ url });
    this.client.on('error', (err: unknown) => onError(`redis session store ${url}: ${err instanceof Error ? err.message : String(err)}`));
    this.client.connect().catch((err: unknown) => onError(`redis session store ${url}: cannot connect (${err instanceof Error ? err.message : String(err)})`));
  }

  override get(sid: string, done: (err: unknown, session?: SessionData | null) => void): void {
    this.client.get(KEY_PREFIX + sid).then(
      (text) => {
        if (text === null) return done(null, null);
        try {
          done(null, JSON.parse(String(text)) as SessionData);
        } catch {
          // A value that is not JSON is no session, as for an unreadable session file.
          done(null, null);
        }
      },
      (err: unknown) => done(err, null),
    );
  }

  override set(sid: string, session: SessionData, done?: Done): void {
    this.client.set(KEY_PREFIX + sid, JSON.stringify(session)).then(
      () => done?.(),
      (err: unknown) => done?.(err),
    );
  }

  override destroy(sid: string, done?: Done): void {
    this.client.del(KEY_PREFIX + sid).then(
      () => done?.(),
      (err: unknown) => done?.(err),
    );
  }
}
