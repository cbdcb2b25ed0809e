/**
 * The last line of defence before a record leaves the run: passwords and session
 * cookies must never reach a deliverable, whatever shape the record has. The history
 * writer already avoids them; this pass catches anything that slipped into a body,
 * a header map or an error text.
 */

export const REDACTED = '[redacted]';

/** Any key that names a password (`password`, `newPassword`, `confirm_password`) is dropped. */
const PASSWORD_KEY = /password/i;
/** Header names whose values carry the session. */
const COOKIE_KEY = /^(set-)?cookie$/i;
/** A header line inside free text (an error message, a raw HTTP dump). */
const COOKIE_LINE = /\b((?:set-)?cookie)\s*:\s*[^\r\n]*/gi;

function redactString(text: string): string {
  return text.replace(COOKIE_LINE, (_whole, name: string) => `${name}: ${REDACTED}`);
}

function isCookieHeaderPair(record: Record<string, unknown>): boolean {
  // Playwright's headersArray shape: { name: 'Set-Cookie', value: '…' }.
  return typeof record.name === 'string' && COOKIE_KEY.test(record.name) && 'value' in record;
}

function walk(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactString(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, seen));

  const record = value as Record<string, unknown>;
  const cookiePair = isCookieHeaderPair(record);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(record)) {
    if (PASSWORD_KEY.test(key)) continue;
    if (COOKIE_KEY.test(key) || (cookiePair && key === 'value')) {
      out[key] = REDACTED;
      continue;
    }
    out[key] = walk(child, seen);
  }
  return out;
}

/**
 * A deep copy of `value` without password fields and with every Cookie / Set-Cookie
 * value replaced by `[redacted]` (as object keys, as `{name, value}` header pairs and
 * as `Cookie: …` lines inside strings). The input is not modified.
 */
export function redact(value: unknown): unknown {
  return walk(value, new WeakSet());
}
