/**
 * How `npm run audit` refuses what it cannot judge: exit 2, exactly one line on stderr
 * naming the problem and the fix, no stack trace (npm's own `> script` lines go to stdout).
 */
import { expect, test } from '@playwright/test';
import type { ChildResult } from './child-process.ts';
import { stackFrames } from './refusal.ts';

export function expectAuditRefusal(result: ChildResult, line: RegExp): string {
  expect(result.timedOut, 'the audit ended within its bound').toBe(false);
  const lines = result.stderr.split('\n').filter((l) => l.trim() !== '');
  test.info().annotations.push({ type: 'printed', description: lines.join(' | ') });
  expect(stackFrames(result.output), 'stack frames in the output').toEqual([]);
  expect(lines, 'exactly one line on stderr').toHaveLength(1);
  expect(lines[0]).toMatch(line);
  expect(result.code, `exit code (output: ${result.output.trim().slice(-400)})`).toBe(2);
  return lines[0]!;
}
