/**
 * api_request_log.jsonl: every operation of the run in the order it was sent, one JSON
 * object per line, after a final redaction pass (the history should already be clean;
 * this file leaves the machine, so it is checked again).
 */
import fs from 'node:fs';
import type { Operation } from '../helpers/history/operation.ts';
import { redact } from '../helpers/secrets/redact.ts';

/** Operations in send order; ties keep a stable order by id. */
export function inTimeOrder(ops: readonly Operation[]): Operation[] {
  return [...ops].sort((a, b) => a.sentAt - b.sentAt || a.returnedAt - b.returnedAt || a.id.localeCompare(b.id));
}

/** The JSONL text of the request log. */
export function requestLogLines(ops: readonly Operation[]): string {
  return inTimeOrder(ops)
    .map((op) => JSON.stringify(redact(op)))
    .map((line) => `${line}\n`)
    .join('');
}

export function writeRequestLog(file: string, ops: readonly Operation[]): void {
  // Written in chunks so a long run's log is never one giant string in memory.
  const fd = fs.openSync(file, 'w');
  try {
    const sorted = inTimeOrder(ops);
    const CHUNK = 1000;
    for (let i = 0; i < sorted.length; i += CHUNK) {
      fs.writeSync(fd, requestLogLines(sorted.slice(i, i + CHUNK)));
    }
  } finally {
    fs.closeSync(fd);
  }
}
