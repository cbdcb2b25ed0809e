/**
 * Card ids come from the clock in whole seconds, so one user can add one card per
 * second. These wait, by polling the clock, for the next second to begin.
 */
import { expect } from '@playwright/test';

export function currentSecond(): number {
  return Math.floor(Date.now() / 1000);
}

/** Resolves once the wall clock is past `second`. */
export async function waitForSecondAfter(second: number): Promise<void> {
  await expect.poll(currentSecond, { intervals: [25], timeout: 5_000, message: `clock to pass second ${second}` }).toBeGreaterThan(second);
}
