/**
 * What refusing bad input looks like from the outside: exit code 2, exactly one line
 * `error: <problem> — <fix>`, and no stack trace anywhere in the output.
 */
import { expect, test } from '@playwright/test';
import type { ChildResult } from './child-process.ts';

/** EXIT_BAD_INPUT of helpers/config/fail.ts, restated: the exit code is part of the contract under test. */
const EXIT_BAD_INPUT = 2;
const STACK_FRAME = /^\s+at \S/;

export function stackFrames(output: string): string[] {
  return output.split('\n').filter((line) => STACK_FRAME.test(line));
}

/** Asserts the refusal and returns the printed line (also kept as an annotation for the notes). */
export function expectRefusal(result: ChildResult, line: RegExp): string {
  expect(result.timedOut, 'the run ended by itself within its bound').toBe(false);
  const errors = result.output.split('\n').filter((l) => l.startsWith('error: '));
  test.info().annotations.push({ type: 'printed', description: errors.join(' | ') || result.output.trim().split('\n').slice(-3).join(' | ') });
  expect(stackFrames(result.output), 'stack frames in the output').toEqual([]);
  expect(errors, 'exactly one error line').toHaveLength(1);
  expect(errors[0]).toMatch(line);
  expect(errors[0], 'the line names the problem, then the fix after " — "').toMatch(/^error: .+ — .+/);
  expect(result.code, `exit code (output: ${result.output.trim().slice(-400)})`).toBe(EXIT_BAD_INPUT);
  return errors[0]!;
}
