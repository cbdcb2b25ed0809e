/**
 * JSON text byte-compatible with Python's `json.dumps`, because the real server
 * writes the col table with `json.dumps(...)` (", " and ": " separators, non-ASCII
 * escaped) and answers with Flask's `jsonify` (compact, keys sorted, non-ASCII
 * escaped, trailing newline). Readers that compare bytes see no difference.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface PyDumpOptions {
  /** Flask sorts keys; `json.dumps` keeps insertion order. */
  sortKeys: boolean;
  /** Flask (non-debug) uses "," and ":"; `json.dumps` uses ", " and ": ". */
  compact: boolean;
}

/** Python compares str keys by code point; JS `<` compares UTF-16 units. */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done === true || cb.done === true) return (ca.done === true ? 0 : 1) - (cb.done === true ? 0 : 1);
    const d = (ca.value.codePointAt(0) ?? 0) - (cb.value.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
}

/** `ensure_ascii=True`: everything outside printable ASCII becomes \uXXXX (lowercase hex). */
function pyString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function pyNumber(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : n < 0 ? '-Infinity' : 'NaN';
  return String(n);
}

export function pyDumps(value: JsonValue, options: PyDumpOptions): string {
  const itemSep = options.compact ? ',' : ', ';
  const keySep = options.compact ? ':' : ': ';
  const walk = (v: JsonValue): string => {
    if (v === null) return 'null';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') return pyNumber(v);
    if (typeof v === 'string') return pyString(v);
    if (Array.isArray(v)) return `[${v.map(walk).join(itemSep)}]`;
    const keys = Object.keys(v);
    if (options.sortKeys) keys.sort(compareCodePoints);
    return `{${keys.map((k) => `${pyString(k)}${keySep}${walk(v[k] ?? null)}`).join(itemSep)}}`;
  };
  return walk(value);
}

/** `json.dumps(value)` with default arguments. */
export function pythonJsonDumps(value: JsonValue): string {
  return pyDumps(value, { sortKeys: false, compact: false });
}

/** The body Flask's `jsonify(value)` sends. */
export function flaskJsonBody(value: JsonValue): string {
  return `${pyDumps(value, { sortKeys: true, compact: true })}\n`;
}

/** How a Python f-string prints a JSON-decoded value (True, None, 3, text). */
export function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return pyNumber(v);
  return pyDumps(v as JsonValue, { sortKeys: false, compact: false }).replace(/"/g, "'");
}

/** Python's `s[:n]` counts code points, not UTF-16 units. */
export function pySlice(s: string, n: number): string {
  return Array.from(s).slice(0, n).join('');
}

/** Python's `len(s)`. */
export function pyLen(s: string): number {
  return Array.from(s).length;
}

/** Characters Python's `str.strip()` removes (str.isspace), which differ from JS `trim()`. */
const PY_SPACE = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const PY_STRIP = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, 'g');

/** Python's `s.strip()`. */
export function pyStrip(s: string): string {
  return s.replace(PY_STRIP, '');
}
