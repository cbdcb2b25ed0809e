/**
 * The layout of one run directory, `runs/<id>/`. Every reader and writer of a run
 * goes through these functions so the layout is stated once.
 */
import path from 'node:path';

export interface RunInfo {
  id: string;
  /** Epoch ms every VU's schedule offset is measured from. */
  epochMs: number;
  startedAt: string;
  profile: string;
  baseUrl: string;
  /** Folder holding admin.db and user_dbs/. */
  dataDir: string;
  /** Server log file, when one is known. */
  serverLog: string | null;
  embedded: boolean;
  faults: string | null;
  /** The embedded target wrote the diagnostic add_card lines (TARGET_ENHANCED_LOG). */
  enhancedLog?: boolean;
  /** Pid of the embedded target's primary process, when this run started one. */
  targetPid?: number | null;
  /** Short tag in every pool username of this run. */
  runTag?: string;
  /** Why the run is incomplete, when it is. */
  note?: string;
  /** `running` until teardown finishes; `incomplete` when interrupted; `complete` after the audit. */
  status: 'running' | 'complete' | 'incomplete';
}

export interface PoolUser {
  /** VU id this user belongs to, e.g. `w03`; registration-only users get `u07`. */
  vu: string;
  username: string;
  name: string;
  userId: number;
  /** Epoch ms of the register request and its answer. */
  registeredSentAt: number;
  registeredReturnedAt: number;
}

export const runPaths = (runDir: string) => ({
  root: runDir,
  info: path.join(runDir, 'run.json'),
  pool: path.join(runDir, 'pool.json'),
  historyDir: path.join(runDir, 'history'),
  /** Data directory of the embedded target, when the run started one. */
  targetData: path.join(runDir, 'target-data'),
  snapshots: path.join(runDir, 'database_snapshots'),
  allureResults: path.join(runDir, 'allure-results'),
  summary: path.join(runDir, 'test_results_summary.json'),
  violations: path.join(runDir, 'integrity_violations.json'),
  performance: path.join(runDir, 'performance_metrics.json'),
  sessions: path.join(runDir, 'session_analysis.json'),
  requestLog: path.join(runDir, 'api_request_log.jsonl'),
  serverLogs: path.join(runDir, 'server_logs.txt'),
  reportHtml: path.join(runDir, 'report.html'),
  progress: path.join(runDir, 'progress.json'),
});
