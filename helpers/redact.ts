/**
 * Keeps secrets out of every file a run writes: fields named like passwords or
 * cookies are replaced, wherever they sit in a record.
 */
import type { Operation } from './operation.ts';

const SECRET_KEY = /^(password|confirmPassword|cookie|set-cookie|session|authorization)$/i;

export function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redactValue(v);
    return out;
  }
  return value;
}

export function redactOperation(op: Operation): Operation {
  return { ...op, body: redactValue(op.body), intent: op.intent && (redactValue(op.intent) as Operation['intent']) };
}
