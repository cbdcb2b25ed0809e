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
  /** Worker processes of the embedded target; null (or absent in older runs) for an external server, whose count the suite cannot know. */
  targetWorkers?: number | null;
  /** The embedded target wrote the diagnostic add_card lines (JAVUMBO_ENHANCED_LOG). */
  enhancedLog?: boolean;
  /** Where the embedded target kept sessions: files, redis (its own redis-server) or a redis:// URL; absent for an external server. */
  sessionStore?: string;
  /** Pid of the embedded target's primary process, when this run started one. */
  targetPid?: number | null;
  /**
   * CPU ticks of each server process (pid → ticks) when setup began, after the embedded
   * target's boot: left out of the server's CPU, so the embedded target and an external
   * server (SERVER_PID) are both measured over registration and load alone.
   */
  serverTicksAtStart?: Record<string, number>;
  /** CPU of the machine and of the server while scenario A signed up; absent off Linux. */
  signupWindowCpu?: { machineBusyTicks: number; machineTotalTicks: number; serverTicks: number | null };
  /** Short tag in every pool username of this run. */
  runTag?: string;
  /** Why the run is incomplete, when it is. */
  note?: string;
  /** This leg's `--shard` when the run is one leg of a distributed run (RUN_ID); absent or null otherwise. */
  shard?: Shard | null;
  /** The Playwright projects the run (or leg) selected. */
  projects?: string[];
  /** When the teardown took its snapshots and judged the run. */
  finishedAt?: string;
  /** A merged run: the legs it was merged from (`npm run merge`). */
  legs?: MergedLeg[];
  /**
   * A merged run whose legs drove different servers (each leg its own embedded target): one
   * audit per server, each against its own snapshots. Absent when every leg drove one server.
   */
  servers?: ServerData[];
  /** `running` until teardown finishes; `incomplete` when interrupted; `complete` after the audit. */
  status: 'running' | 'complete' | 'incomplete';
}

export interface Shard {
  current: number;
  total: number;
}

export interface MergedLeg {
  /** `writers 1/2`: the projects and the shard. */
  name: string;
  /** The leg's run directory as given to the merge. */
  dir: string;
  shard: Shard;
  projects: string[];
  status: RunInfo['status'];
}

export interface ServerData {
  name: string;
  /** Folder with admin.db and user_dbs/, relative to the run directory. */
  snapshots: string;
  /** Server log, relative to the run directory; null when none. */
  serverLog: string | null;
  /** The VU ids (operation `vu`) whose requests went to this server. */
  vus: string[];
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
  /** The profile the run played, as the config resolved it (scaled counts and times included). */
  profile: path.join(runDir, 'profile.json'),
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
  /** Playwright's blob report of a leg (`npx playwright merge-reports`). */
  blobReport: path.join(runDir, 'blob-report'),
  /** The verdict as a Markdown table (a merged run; the CI job summary). */
  verdictMarkdown: path.join(runDir, 'verdict.md'),
});
