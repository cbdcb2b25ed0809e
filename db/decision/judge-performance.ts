/**
 * The one way a run's performance is judged, by the teardown and by `npm run audit` alike:
 * the generator's health from the run's samples first, then the metrics with the requests
 * it distorted marked, then the thresholds on what is left.
 */
import type { Verdict } from '../verdict.ts';
import { readHealthSamples } from '../../helpers/monitor/health-samples.ts';
import type { Operation } from '../../helpers/history/operation.ts';
import type { RunInfo } from '../../helpers/run/run-dir.ts';
import { judgeGeneratorHealth, saturationTest, type GeneratorHealth } from './generator-health.ts';
import { computePerformance, type PerformanceMetrics } from './performance.ts';
import { evaluateThresholds, type ThresholdLimits, type ThresholdResult } from './thresholds.ts';

export interface PerformanceJudgement {
  health: GeneratorHealth;
  perf: PerformanceMetrics;
  thresholds: ThresholdResult[];
}

export function judgePerformance(runDir: string, ops: readonly Operation[], runInfo: Pick<RunInfo, 'id' | 'epochMs'>, verdict: Verdict, limits: ThresholdLimits): PerformanceJudgement {
  const health = judgeGeneratorHealth(readHealthSamples(runDir), ops);
  const perf = computePerformance(ops, runInfo, saturationTest(health.saturated.windows));
  return { health, perf, thresholds: evaluateThresholds(perf, verdict, limits) };
}

/** `ok  `, `FAIL` or `----` (not judged) before a threshold's line on the terminal. */
export function thresholdMark(t: Pick<ThresholdResult, 'passed'>): string {
  return t.passed === null ? '----' : t.passed ? 'ok  ' : 'FAIL';
}
