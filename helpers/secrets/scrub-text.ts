/**
 * The text rules of the run-directory scrub: what a password or a session cookie looks
 * like inside a file of a run (a trace line, an Allure result, a log, a Markdown page).
 *
 * Text is handled as latin1, one char per byte, so a file whose bytes are not valid UTF-8
 * is rewritten byte for byte outside the replaced spans. Every pattern is ASCII, and no
 * byte of a multi-byte UTF-8 sequence is a quote, a backslash or ASCII white space.
 */
import { REDACTED } from './redact.ts';

export interface ScrubSecrets {
  /** Literal secrets of the run (its users' passwords, the run secret): replaced wherever they occur. */
  passwords: readonly string[];
  /** More patterns to replace by `[redacted]`, matched against the latin1 text (every match is replaced). */
  extraPatterns?: readonly RegExp[];
}

/** Shorter literals would match inside ordinary text and wreck files that hold no secret. */
export const MIN_SECRET_LENGTH = 4;

const WS = '[ \\t\\r\\n]*';
/** White space between tokens of JSON that is itself inside a JSON string (`\n` arrives escaped). */
const WS1 = '(?:[ \\t\\r\\n]|\\\\[nrt])*';
/** A member name that names a password (`password`, `newPassword`, `confirm_password`), as redact.ts drops them. */
const PASSWORD_KEY = '[^"\\\\]*password[^"\\\\]*';
/** Contents of a JSON string. */
const STRING_BODY = '(?:[^"\\\\]|\\\\.)*';
/**
 * Contents of a JSON string written inside another JSON string (a request's `postData`,
 * an API call's `jsonData` in a trace): plain chars, the outer string's own escapes
 * (`\n`, `\u0041`), and the inner string's escapes escaped once more (`\\\"`, `\\\\`, `\\n`).
 */
const NESTED_STRING_BODY = '(?:[^"\\\\]|\\\\[^"\\\\]|\\\\\\\\\\\\["\\\\]|\\\\\\\\[^"\\\\])*';

/**
 * A password member with a string value becomes `null`: the key stays so a trace still shows
 * what the client sent, but no string value survives, not even `[redacted]`, because the
 * redaction proof treats any `"password":"` as a leak (the history drops the key entirely).
 */
const PASSWORD_FIELDS: ReadonlyArray<[RegExp, string]> = [
  [new RegExp(`("${PASSWORD_KEY}"${WS}:${WS})"${STRING_BODY}"`, 'gi'), '$1null'],
  [new RegExp(`(\\\\"${PASSWORD_KEY}\\\\"${WS1}:${WS1})\\\\"${NESTED_STRING_BODY}\\\\"`, 'gi'), '$1null'],
];

/** A cookie value ends at `;`, `,`, white space, a quote or a backslash (the start of an escaped quote). */
const SESSION_COOKIE: [RegExp, string] = [/\bsession=[^;,"' \t\r\n\\]+/g, `session=${REDACTED}`];

/** `{"name":"session","value":"…"}` (HAR cookies, storage state), either member first, plain or nested in a string. */
function sessionPairs(): Array<[RegExp, string]> {
  return ['"', '\\\\"'].flatMap((q): Array<[RegExp, string]> => {
    const ws = q === '"' ? WS : WS1;
    const name = `${q}name${q}${ws}:${ws}${q}session${q}`;
    const value = `${q}value${q}${ws}:${ws}`;
    return [
      [new RegExp(`(${name}${ws},${ws}${value}${q})[^"\\\\]*(${q})`, 'g'), `$1${REDACTED}$2`],
      [new RegExp(`(${value}${q})[^"\\\\]*(${q}${ws},${ws}${name})`, 'g'), `$1${REDACTED}$2`],
    ];
  });
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const latin1 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');
/** Every match, from anywhere in the text (a sticky pattern would stop at the first gap). */
const everywhere = (p: RegExp): RegExp => new RegExp(p.source, `${p.flags.replace(/[gy]/g, '')}g`);

export type Scrubber = (text: string) => string;

/**
 * A function that returns `text` with every password (literal or as a JSON member) and
 * every session cookie value replaced. Built once per run: the patterns are compiled here.
 * Returns the very same string when nothing matched, so callers can compare by identity.
 */
export function compileScrubber(secrets: ScrubSecrets): Scrubber {
  const literals = [...new Set(secrets.passwords)];
  const short = literals.find((p) => p.length < MIN_SECRET_LENGTH);
  if (short !== undefined) throw new Error(`a secret of ${short.length} chars was given to the scrub: it would match ordinary text; pass only real passwords (at least ${MIN_SECRET_LENGTH} chars)`);

  // Longest first, so a password that contains another is replaced whole.
  const alternatives = literals
    .map(latin1)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  const rules: Array<[RegExp, string]> = [...PASSWORD_FIELDS, SESSION_COOKIE, ...sessionPairs()];
  if (alternatives.length > 0) rules.push([new RegExp(alternatives.join('|'), 'g'), REDACTED]);
  for (const p of secrets.extraPatterns ?? []) rules.push([everywhere(p), REDACTED]);

  // A file holding none of these cannot match a rule: most files of a run are skipped on this test alone.
  const hints = [new RegExp(['password', 'session', ...alternatives].join('|'), 'i'), ...(secrets.extraPatterns ?? []).map((p) => new RegExp(p.source, p.flags.replace(/[gy]/g, '')))];

  return (text) => {
    if (!hints.some((h) => h.test(text))) return text;
    let out = text;
    for (const [pattern, replacement] of rules) out = out.replace(pattern, replacement);
    return out === text ? text : out;
  };
}
