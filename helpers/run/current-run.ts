/** The run this process belongs to: chosen once in Playwright's main process, inherited by workers. */
import { runLocation, type RunLocation } from '../config/config.ts';
import { newRunId } from './run-store.ts';
import { newRunSecret, newRunTag } from '../secrets/run-secret.ts';

export function currentRun(): RunLocation {
  return runLocation(() => newRunId(new Date(), newRunTag()), newRunSecret);
}

/** The 3-char tag at the end of a run id, which every pool username of the run carries. */
export function runTagOf(runId: string): string {
  return runId.slice(-3);
}
