/**
 * Follows the run's history files while the load runs: each call returns only the
 * records appended since the previous call. Workers append whole lines, but a read can
 * still land mid-line (or mid-character), so the unfinished tail is kept as bytes until
 * its newline arrives. The health samples of the monitor (`health/*.jsonl`) are followed the
 * same way, as `HistoryTail<HealthSample>`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Operation } from '../helpers/history/operation.ts';

const NEWLINE = 0x0a;

export class HistoryTail<T = Operation> {
  private readonly offsets = new Map<string, number>();
  private readonly pending = new Map<string, Buffer>();

  constructor(private readonly historyDir: string) {}

  /** Records appended since the last call, from every `*.jsonl` file of the folder. */
  readNew(): T[] {
    if (!fs.existsSync(this.historyDir)) return [];
    const out: T[] = [];
    for (const name of fs
      .readdirSync(this.historyDir)
      .filter((n) => n.endsWith('.jsonl'))
      .sort()) {
      out.push(...this.readFile(path.join(this.historyDir, name)));
    }
    return out;
  }

  private readFile(file: string): T[] {
    const from = this.offsets.get(file) ?? 0;
    const size = fs.statSync(file).size;
    if (size <= from) return [];
    const fresh = Buffer.alloc(size - from);
    const fd = fs.openSync(file, 'r');
    let read = 0;
    try {
      while (read < fresh.length) {
        const n = fs.readSync(fd, fresh, read, fresh.length - read, from + read);
        if (n === 0) break;
        read += n;
      }
    } finally {
      fs.closeSync(fd);
    }
    this.offsets.set(file, from + read);
    const bytes = Buffer.concat([this.pending.get(file) ?? Buffer.alloc(0), fresh.subarray(0, read)]);
    const lastNewline = bytes.lastIndexOf(NEWLINE);
    this.pending.set(file, bytes.subarray(lastNewline + 1));
    if (lastNewline < 0) return [];
    return parseLines<T>(bytes.subarray(0, lastNewline).toString('utf8'));
  }
}

function parseLines<T>(text: string): T[] {
  const ops: T[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      ops.push(JSON.parse(line) as T);
    } catch {
      // A damaged line is the checker's business (it reports history coverage); the live line just skips it.
    }
  }
  return ops;
}
