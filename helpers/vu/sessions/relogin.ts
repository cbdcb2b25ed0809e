/**
 * What a client does when the server drops its session: log in again and redo the request
 * once. A 401 means the server refused before acting, so redoing it cannot duplicate
 * anything. The 401 itself stays in the history, where it is judged a session-mismatch;
 * logging in again keeps one forgotten session from turning the rest of the VU's work
 * into 401s too, so each finding points at one server fault.
 */
import type { ApiClient, Call } from '../api-client.ts';
import { isRejectedSession } from '../../history/session-rules.ts';

/**
 * `retry: false` for requests that lean on state of the lost session (an answer needs the
 * card the old session showed): the VU logs in again but goes back a step instead.
 */
export type Relogin = <T>(request: () => Promise<Call<T>>, retry?: boolean) => Promise<Call<T>>;

/** Wrap a client's calls: after a 401 on a valid session, log in again as the same user and retry once. */
export function reloginOnRejection(client: ApiClient, passwordOf: (username: string) => string): Relogin {
  const relogin = () => client.login(client.identity.username, passwordOf(client.identity.username));
  return async <T>(request: () => Promise<Call<T>>, retry = true): Promise<Call<T>> => {
    const call = await request();
    if (!isRejectedSession(call.op)) return call;
    const login = await relogin();
    if (!login.ok || !retry) return call;
    const again = await request();
    // Forgotten twice in a row: log in once more, so the VU's next request does not meet the
    // session the server just dropped (its 401 would be an echo, not a new fault).
    if (isRejectedSession(again.op)) await relogin();
    return again;
  };
}
