/**
 * Scenario A's registration: every pool user registered at once, each answer timed.
 * A 409 (the name exists from an earlier run on the same server) retries with a new name.
 */
import { request as playwrightRequest } from '@playwright/test';
import { ApiClient, type OperationSink } from './api-client.ts';
import { openTransport, type HttpTransport, type TransportKind } from './http-transport.ts';
import type { PoolUser } from '../run/run-dir.ts';
import { passwordFor } from '../secrets/run-secret.ts';
import type { NewUser } from './users.ts';
import { TargetError } from '../config/errors/target-error.ts';

export interface PoolResult {
  pool: PoolUser[];
  /** Time from the first register sent to the last answer. */
  windowMs: number;
}

export async function registerPool(baseUrl: string, users: NewUser[], secret: string, runId: string, sink: OperationSink, timeoutMs: number, transport: TransportKind): Promise<PoolResult> {
  if (users.length === 0) return { pool: [], windowMs: 0 };
  // One transport per user: separate connections, as separate people's browsers would open,
  // so the server's workers share the signups instead of a few kept-alive connections.
  const transports = await Promise.all(users.map(() => openTransport(transport, playwrightRequest, baseUrl)));
  try {
    const results = await Promise.all(users.map((u, i) => registerOne(transports[i]!, u, secret, runId, sink, timeoutMs)));
    const first = Math.min(...results.map((r) => r.registeredSentAt));
    const last = Math.max(...results.map((r) => r.registeredReturnedAt));
    return { pool: results, windowMs: last - first };
  } finally {
    await Promise.all(transports.map((t) => t.close()));
  }
}

async function registerOne(ctx: HttpTransport, u: NewUser, secret: string, runId: string, sink: OperationSink, timeoutMs: number): Promise<PoolUser> {
  let username = u.username;
  for (let attempt = 0; attempt < 3; attempt++) {
    const client = new ApiClient(ctx, { runId, scenario: 'registration', vu: u.key, username, userId: null }, sink, timeoutMs);
    const call = await client.register(username, u.name, passwordFor(secret, username));
    if (call.ok && call.json && typeof call.json.userId === 'number') {
      return { vu: u.key, username, name: u.name, userId: call.json.userId, registeredSentAt: call.op.sentAt, registeredReturnedAt: call.op.returnedAt };
    }
    if (call.op.outcome === 'info') {
      // No answer (timeout, reset): the account may exist anyway. A login settles it.
      const login = await client.login(username, passwordFor(secret, username));
      if (login.ok && login.json?.user) {
        return { vu: u.key, username, name: u.name, userId: login.json.user.userId, registeredSentAt: call.op.sentAt, registeredReturnedAt: login.op.returnedAt };
      }
    }
    if (call.status === 409) {
      username = `${username.slice(0, 8)}${attempt}${String.fromCharCode(97 + Math.floor(Math.random() * 26))}`.slice(0, 10);
      continue;
    }
    throw new TargetError(`registering pool user ${u.key} (${username}) failed: ${call.status ?? 'no answer'} ${call.op.error ?? JSON.stringify(call.json)} — check the server log`);
  }
  throw new TargetError(`registering pool user ${u.key} failed: username taken three times — clear the target's admin.db or use a fresh server`);
}
