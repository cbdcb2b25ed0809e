/** A folder given as a run directory is not one, or its run.json is unusable. */
export class RunDirError extends Error {
  override name = 'RunDirError';
}
