/**
 * How a virtual user gets its API clients, for a VU alone in its test and for one in a lane
 * alike: each client its own APIRequestContext (its own cookie jar), recording into the
 * VU's history, and the login as the VU's first user that starts every VU.
 */
import type { APIRequest, APIRequestContext } from '@playwright/test';
import { ApiClient, type Call, type OperationSink } from './api-client.ts';
import type { Vu } from './vu.ts';

export interface VuClientOptions {
  baseUrl: string;
  runId: string;
  sink: OperationSink;
  timeoutMs: number;
}

/** A new client for one of the VU's users (not logged in), and the context to dispose after. */
export async function newVuClient(request: APIRequest, vu: Pick<Vu, 'spec' | 'users'>, username: string, o: VuClientOptions): Promise<{ client: ApiClient; context: APIRequestContext }> {
  const context = await request.newContext({ baseURL: o.baseUrl });
  const owner = vu.users.find((u) => u.username === username);
  const client = new ApiClient(context, { runId: o.runId, scenario: vu.spec.scenario, vu: vu.spec.vu, username, userId: owner?.userId ?? null }, o.sink, o.timeoutMs);
  return { client, context };
}

/** Logs the client in as the VU's first user; a refusal or no answer ends the VU with one line. */
export async function logInAsFirstUser(client: ApiClient, vu: Pick<Vu, 'spec' | 'user' | 'password'>): Promise<Call> {
  const login = await client.login(vu.user.username, vu.password(vu.user.username));
  if (!login.ok) throw new Error(`${vu.spec.vu} could not log in as ${vu.user.username}: ${login.status ?? 'no answer'} ${login.op.error ?? JSON.stringify(login.json)}`);
  return login;
}
