/**
 * Scenario A's registration: every pool user registered at once (or a profile's few at a time), each answer timed.
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

/**
 * Registers `users`, at most `concurrency` signups in flight (all at once when unset): a large
 * pool paced so each bcrypt hash is answered within its timeout instead of queueing behind
 * hundreds of others on the server's cores.
 */
export async function registerPool(
  baseUrl: string,
  users: NewUser[],
  secret: string,
  runId: string,
  sink: OperationSink,
  timeoutMs: number,
  transport: TransportKind,
  concurrency?: number,
): Promise<PoolResult> {
  if (users.length === 0) return { pool: [], windowMs: 0 };
  const results =
    concurrency !== undefined && concurrency < users.length
      ? await inTurns(baseUrl, users, concurrency, (ctx, u) => registerOne(ctx, u, secret, runId, sink, timeoutMs), transport)
      : await allAtOnce(baseUrl, users, (ctx, u) => registerOne(ctx, u, secret, runId, sink, timeoutMs), transport);
  const first = Math.min(...results.map((r) => r.registeredSentAt));
  const last = Math.max(...results.map((r) => r.registeredReturnedAt));
  return { pool: results, windowMs: last - first };
}

type SignUp = (ctx: HttpTransport, u: NewUser) => Promise<PoolUser>;

/**
 * Every signup at once. One transport per user: separate connections, as separate people's
 * browsers would open, so the server's workers share the signups instead of a few kept-alive
 * connections; all opened before the first is sent, so the signups start together.
 */
async function allAtOnce(baseUrl: string, users: NewUser[], signUp: SignUp, transport: TransportKind): Promise<PoolUser[]> {
  const transports = await Promise.all(users.map(() => openTransport(transport, playwrightRequest, baseUrl)));
  try {
    return await Promise.all(users.map((u, i) => signUp(transports[i]!, u)));
  } finally {
    await Promise.all(transports.map((t) => t.close()));
  }
}

/** `concurrency` signups in flight, the next one sent as one is answered; each user still on a transport of its own. */
async function inTurns(baseUrl: string, users: NewUser[], concurrency: number, signUp: SignUp, transport: TransportKind): Promise<PoolUser[]> {
  const results = new Array<PoolUser>(users.length);
  let next = 0;
  const takeTurns = async (): Promise<void> => {
    for (let i = next++; i < users.length; i = next++) {
      const ctx = await openTransport(transport, playwrightRequest, baseUrl);
      try {
        results[i] = await signUp(ctx, users[i]!);
      } finally {
        await ctx.close();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, takeTurns));
  return results;
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
