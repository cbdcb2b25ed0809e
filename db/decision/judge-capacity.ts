/**
 * The capacity view of a recorded run (capacity.ts), with the ramp read from the profile the
 * run played (profile.json): writers' and reviewers' stages, for those of the two the history
 * shows were played. A run without that file (a merged run) or without a ramped scenario is cut
 * into bands of active users instead.
 */
import fs from 'node:fs';
import type { Operation } from '../../helpers/history/operation.ts';
import { runPaths, type RunInfo } from '../../helpers/run/run-dir.ts';
import type { Verdict } from '../verdict.ts';
import { judgeCapacity, rampOf, type CapacityView, type RampStage } from './capacity.ts';
import type { GeneratorHealth } from './generator-health.ts';
import type { ThresholdLimits } from './thresholds.ts';

const RAMPED = ['writers', 'reviewers'] as const;

interface SavedStage {
  atMs: number;
  count: number;
}

function isStageList(value: unknown): value is SavedStage[] {
  return Array.isArray(value) && value.every((s: unknown) => typeof s === 'object' && s !== null && typeof (s as SavedStage).atMs === 'number' && typeof (s as SavedStage).count === 'number');
}

/** The ramp of the run's saved profile over the ramped scenarios its history played; empty when there is none. */
export function savedRamp(runDir: string, ops: readonly Operation[]): RampStage[] {
  const file = runPaths(runDir).profile;
  if (!fs.existsSync(file)) return [];
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { stages?: unknown } | undefined>;
  const played = new Set(ops.map((op) => op.scenario));
  const stages = RAMPED.filter((scenario) => played.has(scenario))
    .map((scenario) => profile[scenario]?.stages)
    .filter(isStageList);
  return rampOf(stages);
}

/** Capacity per stage of a judged run's history. */
export function judgeRunCapacity(runDir: string, ops: readonly Operation[], info: Pick<RunInfo, 'epochMs'>, verdict: Verdict, health: GeneratorHealth, limits: ThresholdLimits): CapacityView {
  return judgeCapacity({
    operations: ops,
    epochMs: info.epochMs,
    stages: savedRamp(runDir, ops),
    limits,
    saturatedWindows: health.saturated.windows,
    violations: verdict.violations,
    integrityValid: verdict.valid,
    serverErrorCauses: verdict.serverErrorCauses,
  });
}
