/**
 * How a failed VU test says it failed on integrity: its error message starts with the
 * violation class in brackets (`[misrouted] card w03_7 …`, optionally after `Error: `),
 * or it carries an `integrity` annotation (or one named after a class). The progress
 * line and the Allure categories both go by this.
 */
import { VIOLATION_CLASSES } from './verdict.ts';

/** `^(Error: )?\[<class>\]`, the start of a violation message of that class. */
export function violationMessagePattern(cls: string): string {
  return `^(Error: )?\\[${cls}\\]`;
}

const ANY_CLASS = new RegExp(violationMessagePattern(`(${VIOLATION_CLASSES.join('|')})`));
const INTEGRITY_TYPES: ReadonlySet<string> = new Set(['integrity', ...VIOLATION_CLASSES]);

export interface FinishedTest {
  status: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';
  annotations: readonly { type: string; description?: string }[];
  errorMessages: readonly string[];
}

export function isIntegrityFailure(test: FinishedTest): boolean {
  if (test.status === 'passed' || test.status === 'skipped') return false;
  if (test.annotations.some((a) => INTEGRITY_TYPES.has(a.type.toLowerCase()))) return true;
  // Playwright may prefix colour codes; strip them before matching the start.
  // eslint-disable-next-line no-control-regex
  return test.errorMessages.some((m) => ANY_CLASS.test(m.replace(/\u001b\[[0-9;]*m/g, '').trimStart()));
}
