/**
 * How a virtual user gets its API clients, for every API lane alike: each client its own
 * transport (its own cookie jar and connections), recording into the VU's history, and the
 * login as the VU's first user that starts every VU.
 */
import type { APIRequest } from '@playwright/test';
import { ApiClient, type Call, type OperationSink } from './api-client.ts';
import { openTransport, type HttpTransport, type TransportKind } from './http-transport.ts';
import type { Vu } from './vu.ts';

export interface VuClientOptions {
  baseUrl: string;
  runId: string;
  sink: OperationSink;
  timeoutMs: number;
  transport: TransportKind;
}

/** A new client for one of the VU's users (not logged in), and the transport to close after. */
export async function newVuClient(request: APIRequest, vu: Pick<Vu, 'spec' | 'users'>, username: string, o: VuClientOptions): Promise<{ client: ApiClient; transport: HttpTransport }> {
  const transport = await openTransport(o.transport, request, o.baseUrl);
  const owner = vu.users.find((u) => u.username === username);
  const client = new ApiClient(transport, { runId: o.runId, scenario: vu.spec.scenario, vu: vu.spec.vu, username, userId: owner?.userId ?? null }, o.sink, o.timeoutMs);
  return { client, transport };
}

/** Logs the client in as the VU's first user; a refusal or no answer ends the VU with one line. */
export async function logInAsFirstUser(client: ApiClient, vu: Pick<Vu, 'spec' | 'user' | 'password'>): Promise<Call> {
  const login = await client.login(vu.user.username, vu.password(vu.user.username));
  if (!login.ok) throw new Error(`${vu.spec.vu} could not log in as ${vu.user.username}: ${login.status ?? 'no answer'} ${login.op.error ?? JSON.stringify(login.json)}`);
  return login;
}
