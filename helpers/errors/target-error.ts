/** The system under test is unreachable, answers garbage, or its data directory is not usable. */
export class TargetError extends Error {
  override name = 'TargetError';
}
