/**
 * The environment of a child run of the suite. It starts from this process's environment
 * (PATH, HOME, browsers) but blanks every variable the suite reads, so neither the user's
 * `.env` (dotenv never overrides a variable that is set, even to '') nor the proof run's own
 * run directory and secret leak into the child; then the test's own values are applied.
 * This is the one place in these tests that reads process.env: handing a controlled
 * environment to a child process is what it is for.
 */
const SUITE_VARIABLES = [
  'BASE_URL',
  'DATA_DIR',
  'SERVER_LOG',
  'ALLOW_REMOTE_TARGET',
  'PROFILE',
  'PROFILE_FILE',
  'WRITERS',
  'REVIEWERS',
  'DURATION_SCALE',
  'NOT_PART_OF_RUN',
  'VU',
  'SLOWMO_MS',
  'TARGET_WORKERS',
  'JAVUMBO_FAULTS',
  'JAVUMBO_FAULT_SEED',
  // Their former names, refused when set.
  'TARGET_FAULTS',
  'JAVUMBO_ENHANCED_LOG',
  'JAVUMBO_SESSION_STORE',
  'FAULT_SEED',
  'BCRYPT_COST',
  'REQUEST_TIMEOUT_MS',
  'VUS_PER_WORKER',
  'SERVER_PID',
  'RUNS_DIR',
  'PROGRESS',
  'DASHBOARD',
  'DASHBOARD_PORT',
  'THRESHOLD_ADD_CARD_MS',
  'THRESHOLD_REVIEW_MS',
  'THRESHOLD_ERROR_RATE',
  'THRESHOLD_ERRORS_EXCLUDE_ID_COLLISIONS',
  'THRESHOLD_MAX_VIOLATIONS',
  'JAVUMBO_RUN_DIR',
  'JAVUMBO_RUN_SECRET',
] as const;

/** Small and quick unless a test says otherwise: the fault profile, cheap bcrypt, no live line. */
const DEFAULTS: Readonly<Record<string, string>> = {
  PROFILE: 'fault',
  BCRYPT_COST: '4',
  PROGRESS: 'false',
  // Plain text: the assertions read the output line by line.
  FORCE_COLOR: '0',
};

export function suiteEnv(runsDir: string, overrides: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SUITE_VARIABLES) env[name] = '';
  return { ...env, ...DEFAULTS, RUNS_DIR: runsDir, ...overrides };
}
