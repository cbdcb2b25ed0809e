/**
 * A run's history read independently of the checker's reader (which is itself under
 * test): line by line, telling complete lines from a half-written last one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runPaths } from '../../../helpers/run/run-dir.ts';

export interface HistoryFileLines {
  file: string;
  /** Parsed complete lines. */
  records: Record<string, unknown>[];
  /** Complete (newline-terminated) lines that are not JSON objects: must be none. */
  broken: string[];
  /** An unterminated last line, when the writer was cut off mid-line. */
  unterminated: string | null;
}

export function historyFiles(runDir: string): string[] {
  const dir = runPaths(runDir).historyDir;
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => path.join(dir, name));
}

export function readHistoryLines(file: string): HistoryFileLines {
  const text = fs.readFileSync(file, 'utf8');
  const parts = text.split('\n');
  const last = parts.pop() ?? '';
  const records: Record<string, unknown>[] = [];
  const broken: string[] = [];
  for (const line of parts) {
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) records.push(value as Record<string, unknown>);
      else broken.push(line);
    } catch {
      broken.push(line);
    }
  }
  return { file, records, broken, unterminated: last === '' ? null : last };
}

/** Ids of the complete VU operations of a kind (not global setup's), e.g. every `add_card`. */
export function operationIds(runDir: string, op: string): string[] {
  return historyFiles(runDir)
    .filter((file) => path.basename(file) !== 'setup.jsonl')
    .flatMap((file) => readHistoryLines(file).records)
    .filter((record) => record.op === op && typeof record.id === 'string')
    .map((record) => record.id as string);
}
