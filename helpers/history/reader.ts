/**
 * Reads a run's history back: every `history/*.jsonl` file, one operation per line.
 * An interrupted run can leave the last line of a file half-written; that line is skipped
 * and counted, and so is any other line that is not an operation, so the audit of an
 * interrupted run still happens and says how much of the history it could not read.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Operation } from './operation.ts';
import { runPaths } from '../run/run-dir.ts';

export interface SkippedLine {
  file: string;
  /** 1-based line number. */
  line: number;
  reason: string;
}

export interface HistoryRead {
  operations: Operation[];
  files: string[];
  /** Last lines cut short (no newline, not JSON): the mark of an interrupted writer. */
  truncatedLines: SkippedLine[];
  /** Other lines that are not operations (bad JSON in the middle, wrong shape). */
  malformedLines: SkippedLine[];
}

const OUTCOMES = new Set(['ok', 'fail', 'info']);

/** The history files of a run directory, sorted by name; none when `history/` is absent. */
export function listHistoryFiles(runDir: string): string[] {
  const dir = runPaths(runDir).historyDir;
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Whether a parsed line has the fields the checker relies on. */
export function isOperation(value: unknown): value is Operation {
  if (typeof value !== 'object' || value === null) return false;
  const op = value as Record<string, unknown>;
  return (
    typeof op.id === 'string' &&
    typeof op.vu === 'string' &&
    typeof op.username === 'string' &&
    typeof op.op === 'string' &&
    typeof op.sentAt === 'number' &&
    typeof op.returnedAt === 'number' &&
    typeof op.outcome === 'string' &&
    OUTCOMES.has(op.outcome)
  );
}

/** Parse one JSONL file's text; `file` only names it in the skipped-line records. */
export function parseHistoryText(file: string, text: string): Omit<HistoryRead, 'files'> {
  const operations: Operation[] = [];
  const truncatedLines: SkippedLine[] = [];
  const malformedLines: SkippedLine[] = [];
  const lines = text.split('\n');
  // A complete file ends with '\n', so the final split element is '' and is not a line.
  const endsCleanly = text.endsWith('\n');
  const count = endsCleanly ? lines.length - 1 : lines.length;
  for (let index = 0; index < count; index++) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    const isLastUnterminated = !endsCleanly && index === count - 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      const skipped = { file, line: index + 1, reason: 'not JSON' };
      (isLastUnterminated ? truncatedLines : malformedLines).push(skipped);
      continue;
    }
    if (isOperation(parsed)) operations.push(parsed);
    else malformedLines.push({ file, line: index + 1, reason: 'not an operation record' });
  }
  return { operations, truncatedLines, malformedLines };
}

/** Read every history file of a run directory into one list, ordered by send time. */
export function readHistory(runDir: string): HistoryRead {
  const files = listHistoryFiles(runDir);
  const result: HistoryRead = { operations: [], files, truncatedLines: [], malformedLines: [] };
  for (const file of files) {
    const part = parseHistoryText(file, fs.readFileSync(file, 'utf8'));
    // A loop, not push(...spread): a long file would overflow the argument limit.
    for (const op of part.operations) result.operations.push(op);
    result.truncatedLines.push(...part.truncatedLines);
    result.malformedLines.push(...part.malformedLines);
  }
  result.operations.sort((a, b) => a.sentAt - b.sentAt || a.id.localeCompare(b.id));
  return result;
}
