/**
 * The environment of a child load run. This file passes the parent's environment through
 * to a child process (PATH, HOME, the Playwright browser path); it reads no setting from
 * it, so `helpers/config/config.ts` stays the one module that interprets the environment.
 * Every variable that decides the verdict is pinned here, so a developer's `.env` (which
 * the child loads with dotenv, and which never overrides a variable already set) cannot
 * aim the matrix at another server, another profile or other thresholds.
 */
import { RUN_ENV } from '../../../helpers/config/config.ts';
import { PLAN_LIMITS } from '../../../db/decision/thresholds.ts';

export interface ChildSettings {
  /** `name:rate`, or null for the faithful target. */
  faults: string | null;
  faultSeed: number;
  /** Folder the child's run directory (and its `latest` link) is made in. */
  runsDir: string;
  requestTimeoutMs: number;
  /** Have the target write the diagnostic add_card lines. */
  enhancedLog?: boolean;
  /** Settings beyond the pinned ones (the dashboard test turns DASHBOARD on); they win over the pins. */
  extraEnv?: Readonly<Record<string, string>>;
}

/** What the matrix always runs with: the fault profile, the embedded target, the plan's thresholds. */
function pinned(settings: ChildSettings): Record<string, string> {
  return {
    PROFILE: 'fault',
    JAVUMBO_FAULTS: settings.faults ?? 'none',
    JAVUMBO_FAULT_SEED: String(settings.faultSeed),
    RUNS_DIR: settings.runsDir,
    REQUEST_TIMEOUT_MS: String(settings.requestTimeoutMs),
    // Cheap hashes: registration is not what a fault row is about.
    BCRYPT_COST: '4',
    TARGET_WORKERS: '3',
    JAVUMBO_ENHANCED_LOG: settings.enhancedLog === true ? 'true' : 'false',
    CI: '1',
    PROGRESS: 'false',
    // No live dashboard, whatever `.env` says: a row is judged from its files.
    DASHBOARD: 'false',
    DASHBOARD_PORT: '',
    // Empty values win over `.env`: the embedded target, the built-in profile, no overrides.
    BASE_URL: '',
    DATA_DIR: '',
    SERVER_LOG: '',
    ALLOW_REMOTE_TARGET: 'false',
    PROFILE_FILE: '',
    WRITERS: '',
    REVIEWERS: '',
    DURATION_SCALE: '',
    NOT_PART_OF_RUN: '',
    VU: '',
    SLOWMO_MS: '0',
    THRESHOLD_ADD_CARD_MS: String(PLAN_LIMITS.addCardAvgMs),
    THRESHOLD_REVIEW_MS: String(PLAN_LIMITS.reviewAvgMs),
    THRESHOLD_ERROR_RATE: String(PLAN_LIMITS.errorRate),
    THRESHOLD_ERRORS_EXCLUDE_ID_COLLISIONS: String(PLAN_LIMITS.errorRateExcludesIdCollisions),
    THRESHOLD_MAX_VIOLATIONS: String(PLAN_LIMITS.maxViolations),
  };
}

/**
 * The parent's environment without this proof run's own run directory and secret (the
 * child must choose its own run), plus the pinned settings.
 */
export function childEnv(settings: ChildSettings, inherited: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...inherited };
  delete env[RUN_ENV.runDir];
  delete env[RUN_ENV.runSecret];
  return { ...env, ...pinned(settings), ...settings.extraEnv };
}
