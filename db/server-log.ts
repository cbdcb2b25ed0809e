/**
 * Parser for the server log: the real JAVUMBO's Python logging lines
 * (`2026-11-27 01:41:21,053 INFO app MainThread : message`), Gunicorn's own lines
 * (`[2026-11-27 01:41:09 +0000] [11103] [INFO] message`), and the embedded target's
 * variant that carries the worker pid in place of the thread (`… INFO app pid=12345 : message`)
 * plus its per-request lines (method, path, status, duration, user id, pid).
 * The pid is optional everywhere: the real server does not log it.
 * Also the diagnostic lines a JAVUMBO operator adds to `add_card` (the load-testing plan's
 * §7.1 and §8.1): `ADD_CARD_START | PID:… | Thread:… | SessionUser:… | SessionUserID:… |
 * SessionID:…`, `ADD_CARD_TARGET_DB`, `ADD_CARD_SUCCESS`, `SESSION_MISMATCH`,
 * `CARD_WRITE_VERIFICATION_FAILED` and `INTEGRITY_VIOLATION`, read into `diagnostic`.
 */
import fs from 'node:fs';
import { maskSessionIds } from '../helpers/secrets/fingerprint.ts';

export interface LogRequest {
  method: string;
  path: string;
  /** Null when the client went away before an answer (`status=aborted`). */
  status: number | null;
  durationMs: number | null;
}

/** The plan's diagnostic events, as the first word of an app line's message. */
export const DIAGNOSTIC_EVENTS = ['ADD_CARD_START', 'ADD_CARD_TARGET_DB', 'ADD_CARD_SUCCESS', 'SESSION_MISMATCH', 'CARD_WRITE_VERIFICATION_FAILED', 'INTEGRITY_VIOLATION'] as const;

export type DiagnosticEvent = (typeof DIAGNOSTIC_EVENTS)[number];

/** One diagnostic line: its event and its `Key:Value` fields (`PID`, `SessionUser`, `CardID`, …) as written. */
export interface DiagnosticLine {
  event: DiagnosticEvent;
  fields: Readonly<Record<string, string>>;
}

export interface LogEntry {
  /** 1-based line number of the entry's first line. */
  lineNo: number;
  /** Epoch ms. */
  at: number;
  level: string;
  source: 'app' | 'gunicorn';
  logger: string | null;
  thread: string | null;
  pid: number | null;
  message: string;
  /** The entry's full text, continuation lines (tracebacks) included. */
  text: string;
  /** User the line is about, when it names one. */
  userId: number | null;
  request: LogRequest | null;
  /** The plan's diagnostic fields, when the message is one of its lines. */
  diagnostic: DiagnosticLine | null;
}

export interface ParsedLog {
  entries: LogEntry[];
  /** Offset applied to app timestamps that carry none (minutes east of UTC). */
  utcOffsetMinutes: number;
  /** Lines that are neither a log header nor a continuation of one. */
  unparsedLines: number;
}

export interface ParseOptions {
  /**
   * Offset of the app's local-time timestamps. Default: the offset Gunicorn prints on its own
   * lines in the same log (the same clock), else this machine's offset for that date.
   */
  utcOffsetMinutes?: number;
}

// Header up to the first " : ": date, time, optional fraction and zone, level, then
// logger and thread or `pid=N` tokens.
const APP_LINE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:[,.](\d{1,6}))?(Z|[+-]\d{2}:?\d{2})?\s+(DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL)\s+(.*?)\s:(?:\s(.*))?$/;
const GUNICORN_LINE = /^\[(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{2}:?\d{2})\] \[(\d+)\] \[(\w+)\] (.*)$/;
const HTTP_METHODS = 'GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS';
const REQUEST_TEXT = new RegExp(`\\b(${HTTP_METHODS})\\s+(/\\S*)\\s+(?:->\\s*|status=)?(\\d{3})\\b`);
const KEY_VALUE = /\b([A-Za-z_]+)=("[^"]*"|\S+)/g;
const USER_ID_PATTERNS = [/\bfor user (\d+)\b/i, /\bUser (\d+) \(/, /\(ID: (\d+)\)/, /\buser_(\d+)\.db\b/];
const USER_KEYS = ['userId', 'user_id', 'user', 'uid'];
const DIAGNOSTIC_LINE = new RegExp(`^(${DIAGNOSTIC_EVENTS.join('|')})\\b\\s*(.*)$`);
/** Diagnostic fields naming the user a line is about, in order of preference. */
const DIAGNOSTIC_USER_KEYS = ['UserID', 'SessionUserID', 'Expected'];

/** Parse a whole log text into entries ordered as written. */
export function parseServerLog(text: string, options: ParseOptions = {}): ParsedLog {
  const lines = text.split(/\r?\n/);
  const offset = options.utcOffsetMinutes ?? gunicornOffset(lines);
  const entries: LogEntry[] = [];
  let unparsedLines = 0;
  lines.forEach((raw, index) => {
    if (raw === '') return;
    // A logged session id never goes further than this parser: its fingerprint stands in for it.
    const line = maskSessionIds(raw);
    const entry = parseLine(line, index + 1, offset);
    if (entry) {
      entries.push(entry);
      return;
    }
    const previous = entries[entries.length - 1];
    // Tracebacks and other multi-line messages continue the entry above them.
    if (previous && previous.source === 'app') previous.text += `\n${line}`;
    else unparsedLines++;
  });
  return { entries, utcOffsetMinutes: offset ?? localOffsetMinutes(Date.now()), unparsedLines };
}

/** Read and parse a log file; null when there is no such file. */
export function readServerLog(file: string, options: ParseOptions = {}): ParsedLog | null {
  if (!fs.existsSync(file)) return null;
  return parseServerLog(fs.readFileSync(file, 'utf8'), options);
}

/**
 * The cause of a server error, from its log text: `id-collision` for the whole-second id
 * clash, `lock-contention` for SQLite's busy lock, otherwise the message itself, quoted,
 * with numbers replaced by N so the same failure for different users counts once.
 */
export function classifyErrorCause(text: string): string {
  if (/UNIQUE constraint failed/i.test(text)) return 'id-collision';
  if (/database is locked/i.test(text)) return 'lock-contention';
  const firstLine = text.split('\n')[0]!.trim();
  return `"${firstLine.replace(/\d+/g, 'N')}"`;
}

function parseLine(line: string, lineNo: number, offset: number | null): LogEntry | null {
  const app = APP_LINE.exec(line);
  if (app) return appEntry(app, line, lineNo, offset);
  const gunicorn = GUNICORN_LINE.exec(line);
  if (gunicorn) {
    const [, y, mo, d, h, mi, s, zone, pid, level, message] = gunicorn;
    return {
      lineNo,
      at: toEpoch([y!, mo!, d!, h!, mi!, s!], 0, parseZone(zone!)),
      level: level!.toUpperCase(),
      source: 'gunicorn',
      logger: 'gunicorn',
      thread: null,
      pid: Number(pid),
      message: message!,
      text: line,
      userId: null,
      request: null,
      diagnostic: null,
    };
  }
  return null;
}

function appEntry(match: RegExpExecArray, line: string, lineNo: number, offset: number | null): LogEntry {
  const [, y, mo, d, h, mi, s, fraction, zone, level, header, message = ''] = match;
  const millis = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  const dateParts = [y!, mo!, d!, h!, mi!, s!] as const;
  const at = toEpoch(dateParts, millis, zone ? parseZone(zone) : (offset ?? localOffsetFor(dateParts)));
  const headerTokens = header!.split(/\s+/).filter((token) => token !== '');
  const pidToken = headerTokens.find((token) => /^pid=\d+$/.test(token));
  const rest = headerTokens.filter((token) => token !== pidToken);
  const fields = keyValues(message);
  const diagnostic = diagnosticOf(message);
  const pid = pidToken ? Number(pidToken.slice(4)) : (numberField(fields, ['pid']) ?? wholeNumber(diagnostic?.fields.PID));
  return {
    lineNo,
    at,
    level: level === 'WARN' ? 'WARNING' : level!,
    source: 'app',
    logger: rest[0] ?? null,
    thread: rest.slice(1).join(' ') || null,
    pid,
    message,
    text: line,
    userId: (diagnostic ? diagnosticUserId(diagnostic) : null) ?? userIdOf(message, fields),
    request: requestOf(message, fields),
    diagnostic,
  };
}

/**
 * `EVENT | Key:Value | Key:Value`: each field split at its first colon (a path may hold more).
 * `INTEGRITY_VIOLATION` has no layout in the plan: free text after it keeps no fields.
 */
export function diagnosticOf(message: string): DiagnosticLine | null {
  const match = DIAGNOSTIC_LINE.exec(message);
  if (!match) return null;
  const fields: Record<string, string> = {};
  for (const part of match[2]!.split('|')) {
    const cut = part.indexOf(':');
    if (cut <= 0) continue;
    const key = part.slice(0, cut).trim();
    if (/^[A-Za-z_]+$/.test(key)) fields[key] = part.slice(cut + 1).trim();
  }
  return { event: match[1] as DiagnosticEvent, fields };
}

function diagnosticUserId(line: DiagnosticLine): number | null {
  for (const key of DIAGNOSTIC_USER_KEYS) {
    const id = wholeNumber(line.fields[key]);
    if (id !== null) return id;
  }
  return null;
}

function wholeNumber(text: string | undefined): number | null {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : null;
}

function keyValues(message: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const match of message.matchAll(KEY_VALUE)) {
    fields.set(match[1]!, match[2]!.replace(/^"|"$/g, ''));
  }
  return fields;
}

function numberField(fields: Map<string, string>, keys: string[]): number | null {
  for (const key of keys) {
    const value = fields.get(key);
    if (value !== undefined && /^\d+(\.\d+)?(ms)?$/.test(value)) return Number.parseFloat(value);
  }
  return null;
}

function userIdOf(message: string, fields: Map<string, string>): number | null {
  const fromField = numberField(fields, USER_KEYS);
  if (fromField !== null) return fromField;
  for (const pattern of USER_ID_PATTERNS) {
    const match = pattern.exec(message);
    if (match) return Number(match[1]);
  }
  return null;
}

function requestOf(message: string, fields: Map<string, string>): LogRequest | null {
  const method = fields.get('method');
  const path = fields.get('path');
  const status = numberField(fields, ['status']);
  const durationMs = numberField(fields, ['durationMs', 'duration_ms', 'duration', 'ms', 'took']);
  if (method && path && fields.has('status')) return { method: method.toUpperCase(), path, status, durationMs };
  const match = REQUEST_TEXT.exec(message);
  if (!match) return null;
  const duration = /(\d+(?:\.\d+)?)\s*ms\b/.exec(message.slice(match.index + match[0].length));
  return {
    method: match[1]!,
    path: match[2]!,
    status: Number(match[3]),
    durationMs: durationMs ?? (duration ? Number(duration[1]) : null),
  };
}

function gunicornOffset(lines: string[]): number | null {
  for (const line of lines) {
    const match = GUNICORN_LINE.exec(line);
    if (match) return parseZone(match[7]!);
  }
  return null;
}

function parseZone(zone: string): number {
  // 'Z' matches no offset: UTC.
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

type DateParts = readonly [string, string, string, string, string, string];

function toEpoch(parts: DateParts, millis: number, offsetMinutes: number): number {
  const [y, mo, d, h, mi, s] = parts.map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s, millis) - offsetMinutes * 60_000;
}

/** This machine's offset at a given wall-clock time, for logs that carry no zone at all. */
function localOffsetFor(parts: DateParts): number {
  const [y, mo, d, h, mi, s] = parts.map(Number) as [number, number, number, number, number, number];
  return localOffsetMinutes(new Date(y, mo - 1, d, h, mi, s).getTime());
}

function localOffsetMinutes(epochMs: number): number {
  return -new Date(epochMs).getTimezoneOffset();
}
