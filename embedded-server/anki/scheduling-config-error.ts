/**
 * A deck or its options missing from the col JSON while scheduling an answer; where the
 * real server hits a KeyError and answers `Error processing review: '<key>'`.
 */
export class SchedulingConfigError extends Error {
  constructor(readonly key: string) {
    super(`'${key}'`);
    this.name = 'SchedulingConfigError';
  }
}
