/**
 * Appends operations to this process's JSONL file in the run's history folder.
 * Each record is one synchronous append (open, write, close), so an interrupted run keeps
 * every operation that completed before the interruption, and a request that comes back
 * while the worker is shutting down still finds the file writable.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Operation } from './operation.ts';
import { redact } from '../secrets/redact.ts';

export class HistoryWriter {
  readonly file: string;

  constructor(historyDir: string, name: string) {
    fs.mkdirSync(historyDir, { recursive: true });
    this.file = path.join(historyDir, `${name}.jsonl`);
  }

  append(op: Operation): void {
    fs.appendFileSync(this.file, JSON.stringify(redact(op)) + '\n');
  }
}
