/**
 * What a client does when the server drops its session: log in again and go on. The 401
 * itself stays in the history, where it is judged a session-mismatch; logging in again
 * keeps one forgotten session from turning every later request of the VU into a 401 too.
 */
import type { ApiClient, Call } from './api-client.ts';
import { isRejectedSession } from './session-expectations.ts';

export type Relogin = <T>(pending: Promise<Call<T>>) => Promise<Call<T>>;

/** Wrap a client's calls: after a 401 on a valid session, log in again as the same user. */
export function reloginOnRejection(client: ApiClient, passwordOf: (username: string) => string): Relogin {
  return async <T>(pending: Promise<Call<T>>): Promise<Call<T>> => {
    const call = await pending;
    if (isRejectedSession(call.op)) await client.login(client.identity.username, passwordOf(client.identity.username));
    return call;
  };
}
