/**
 * The server log: the real server's line format (`2026-11-27 01:41:21,053 INFO app
 * MainThread : message`) with the worker pid in place of the thread name, so history
 * operations can be tied to the process that served them. Every process appends whole
 * lines to the same file; O_APPEND keeps lines from different workers from interleaving.
 */
import fs from 'node:fs';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Python logging's default asctime: local time, comma before the milliseconds. */
export function logTimestamp(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())},${pad(d.getMilliseconds(), 3)}`;
}

export function formatLogLine(d: Date, level: LogLevel, pid: number, message: string): string {
  // One event, one line: a newline inside a card front must not split it.
  const oneLine = message.replace(/\r?\n/g, '\\n');
  return `${logTimestamp(d)} ${level} app pid=${pid} : ${oneLine}\n`;
}

export class ServerLog {
  constructor(
    private readonly file: string,
    private readonly pid: number = process.pid,
  ) {}

  write(level: LogLevel, message: string): void {
    fs.appendFileSync(this.file, formatLogLine(new Date(), level, this.pid, message));
  }

  /**
   * An error line plus the line Python prints last in a traceback (`TypeError: ...`),
   * so the first line reads exactly as the real server's (`Exception on /x [POST]`).
   */
  errorWithDetail(message: string, detail: string): void {
    const line = formatLogLine(new Date(), 'ERROR', this.pid, message);
    fs.appendFileSync(this.file, `${line}${detail.replace(/\r?\n/g, ' ')}\n`);
  }

  info(message: string): void {
    this.write('INFO', message);
  }

  warning(message: string): void {
    this.write('WARNING', message);
  }

  error(message: string): void {
    this.write('ERROR', message);
  }
}
