/**
 * A finished run's own deliverables read back from its directory (on this machine or copied
 * from another): run.json, test_results_summary.json, integrity_violations.json,
 * performance_metrics.json and, when present, session_analysis.json and profile.json. What the run judged is
 * reused as it was written, never judged again here; a missing or broken file is one line.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Verdict } from '../db/verdict.ts';
import { resolveRunDir } from '../db/audit-run.ts';
import { runPaths, type RunInfo } from '../helpers/run/run-dir.ts';
import { readRunInfo } from '../helpers/run/run-store.ts';
import type { Profile } from '../helpers/config/profiles.ts';
import { ReportError } from './errors/report-error.ts';
import type { PerformanceMetrics } from '../db/decision/performance.ts';
import type { SessionAnalysis } from './session-analysis.ts';
import { DELIVERABLES_FORMAT, type TestResultsSummary } from './summary.ts';

export interface SavedRun {
  dir: string;
  info: RunInfo;
  summary: TestResultsSummary;
  verdict: Verdict;
  perf: PerformanceMetrics;
  sessions: SessionAnalysis | null;
  /** The profile the run played (profile.json); null for runs that did not save it. */
  profile: Profile | null;
  /** The deliverables' format (`DELIVERABLES_FORMAT` of the suite that wrote them; 1 when unrecorded). */
  format: number;
}

/** Whether a saved run was written in an older format than this suite writes: its summary may lack what the renderers read. */
export function isOlderFormat(run: Pick<SavedRun, 'format'>): boolean {
  return run.format < DELIVERABLES_FORMAT;
}

/** `format 1 (this suite writes format 2)`: how a message names an older run's version. */
export function formatText(format: number): string {
  return `deliverables format ${format}, this suite writes format ${DELIVERABLES_FORMAT}`;
}

/** The deliverables a run writes at its end; a run without them never finished its audit. */
export function savedDeliverables(runDir: string): string[] {
  const paths = runPaths(runDir);
  return [paths.summary, paths.violations, paths.performance];
}

/** Whether the run wrote every deliverable `readSavedRun` needs. */
export function hasSavedDeliverables(runDir: string): boolean {
  return savedDeliverables(runDir).every((file) => fs.existsSync(file));
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new ReportError(`${file} is not valid JSON (${error instanceof Error ? error.message : String(error)})`, 'copy the run directory again, or judge the run again with the suite');
  }
}

/** Read a run directory's saved deliverables; `arg` may be `runs/latest` or any copied run folder. */
export function readSavedRun(arg: string): SavedRun {
  const dir = resolveRunDir(arg);
  const info = readRunInfo(dir);
  const missing = savedDeliverables(dir).filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new ReportError(`${arg} has no ${missing.map((file) => path.basename(file)).join(', ')}`, 'the run never reached its audit (interrupted or still running): pass a run that finished');
  }
  const paths = runPaths(dir);
  const summary = readJson<TestResultsSummary>(paths.summary);
  const verdict = readJson<Verdict>(paths.violations);
  const perf = readJson<PerformanceMetrics>(paths.performance);
  if (!summary.counts || !Array.isArray(perf.endpoints) || !verdict.countsByClass) {
    throw new ReportError(`${arg}: its deliverables lack counts, endpoints or countsByClass`, 'they were not written by this suite; pass a run directory the suite wrote');
  }
  const sessions = fs.existsSync(paths.sessions) ? readJson<SessionAnalysis>(paths.sessions) : null;
  const profile = fs.existsSync(paths.profile) ? readJson<Profile>(paths.profile) : null;
  const format = typeof summary.format === 'number' ? summary.format : 1;
  return { dir, info, summary, verdict, perf, sessions, profile, format };
}
