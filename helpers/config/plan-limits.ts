/** The performance and integrity limits a run is judged by, and the plan's values for them. */
export interface Thresholds {
  addCardAvgMs: number;
  reviewAvgMs: number;
  /** Fraction, 0.01 = 1 %. */
  errorRate: number;
  /** When true, the real server's same-second 500s (id collisions) do not count as errors. */
  errorRateExcludesIdCollisions: boolean;
  maxViolations: number;
}

/** The plan's limits: the defaults of the THRESHOLD_* settings, and what a saved run is judged by when none were recorded. */
export const PLAN_LIMITS: Readonly<Thresholds> = Object.freeze({
  addCardAvgMs: 500,
  reviewAvgMs: 300,
  errorRate: 0.01,
  // The plan counts every error; the collisions are reported separately, not forgiven.
  errorRateExcludesIdCollisions: false,
  maxViolations: 0,
});
