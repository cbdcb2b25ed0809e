/**
 * What the primary hands each worker over the IPC channel at boot, and the messages
 * workers send back. Plain JSON so it crosses process boundaries as is.
 */
import type { FaultRates } from './fault-spec.ts';
import type { SessionStoreOption } from './session.ts';

export interface WorkerConfig {
  type: 'config';
  dataDir: string;
  host: string;
  port: number;
  bcryptCost: number;
  faults: FaultRates;
  faultSeed: number;
  /** Write the diagnostic add_card lines. */
  enhancedLog: boolean;
  /** Shared by all workers so any of them can verify any session cookie. */
  sessionSecret: string;
  sessionStore: SessionStoreOption;
}

/** Sent by a worker once it listens for its config (a message sent before that is lost). */
export interface AwaitingConfig {
  type: 'awaiting-config';
}

export interface ListenFailed {
  type: 'listen-failed';
  code: string;
  message: string;
}

export function isWorkerConfig(msg: unknown): msg is WorkerConfig {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === 'config';
}

export function isListenFailed(msg: unknown): msg is ListenFailed {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === 'listen-failed';
}

export function isAwaitingConfig(msg: unknown): msg is AwaitingConfig {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === 'awaiting-config';
}
