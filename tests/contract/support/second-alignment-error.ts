/** A same-second check could not fit its requests into one wall-clock second, even after retries. */
export class SecondAlignmentError extends Error {
  override name = 'SecondAlignmentError';
}
