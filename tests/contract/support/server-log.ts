/**
 * The server log as the real server writes it: one line per event on stderr,
 * `2026-11-27 01:59:08,335 INFO app MainThread : <message>`, with no worker pid. The
 * embedded target writes the worker pid in the thread's place (`app pid=1234 :`) so the
 * audit can name the worker; everything else of the line must match.
 */
import fs from 'node:fs';
import { expect } from '../../../fixtures/target-fixture.ts';

/** How long a line may take to appear after the response (it is written as the request ends). */
const LOG_WAIT_MS = 5_000;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A whole log line with this level and exact message. */
export function logLinePattern(level: 'INFO' | 'ERROR' | 'WARNING', message: string): RegExp {
  return new RegExp(`^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} ${level} app (?:MainThread|pid=\\d+) : ${escapeRegExp(message)}$`);
}

/** Polls `file` until it holds the line; on failure shows the closest lines (those containing the message). */
export async function expectLogLine(file: string, level: 'INFO' | 'ERROR' | 'WARNING', message: string): Promise<void> {
  const pattern = logLinePattern(level, message);
  const lines = (): string[] => fs.readFileSync(file, 'utf8').split('\n');
  await expect
    .poll(
      () =>
        lines().some((line) => pattern.test(line))
          ? 'found'
          : lines()
              .filter((line) => line.includes(message))
              .join('\n') || 'no line contains the message',
      {
        message: `a line "<date> <time>,<ms> ${level} app MainThread : ${message}" in ${file}`,
        timeout: LOG_WAIT_MS,
      },
    )
    .toBe('found');
}

/** The server logs a card's front cut to 15 characters (code points, as Python counts) plus "...". */
export function loggedFront(front: string): string {
  const chars = [...front];
  return chars.length > 15 ? `${chars.slice(0, 15).join('')}...` : front;
}
