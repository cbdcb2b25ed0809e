/**
 * Appends operations to this process's JSONL file in the run's history folder.
 * Each record is written synchronously in one append, so an interrupted run keeps
 * every operation that completed before the interruption.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Operation } from './operation.ts';
import { redactOperation } from './redact.ts';

export class HistoryWriter {
  readonly file: string;
  private fd: number;

  constructor(historyDir: string, name: string) {
    fs.mkdirSync(historyDir, { recursive: true });
    this.file = path.join(historyDir, `${name}.jsonl`);
    this.fd = fs.openSync(this.file, 'a');
  }

  append(op: Operation): void {
    fs.writeSync(this.fd, JSON.stringify(redactOperation(op)) + '\n');
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}
