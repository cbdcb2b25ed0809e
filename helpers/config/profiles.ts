/**
 * Load profiles: how many virtual users of each scenario start when, and how much each does.
 * `plan` is the seed plan; `smoke` has the same shape scaled to fit a minute; `scale` takes
 * JAVUMBO past its session store's 500 files with users who come back after an idle while.
 * A custom profile is a JSON file of the same shape given by PROFILE_FILE (see README).
 */

export type Range = readonly [min: number, max: number];

/** `count` VUs of a scenario are running from `atMs` after the run epoch on. */
export interface Stage {
  atMs: number;
  count: number;
}

/**
 * Returning users: each logs in at the start, stays idle (no request) until `afterLogins` newer
 * users have logged in or `maxIdleMs` passed, then comes back and works: lists its decks, adds
 * `cards` to its own deck and checks they are there. `budgetMs` covers the idle time and the work.
 */
export interface ReturningPlan {
  users: number;
  afterLogins: number;
  maxIdleMs: number;
  cards: Range;
  budgetMs: number;
}

/** Newer logins a returning user waits for when its plan names no number: past Flask-Session's 500-file store. */
export const DEFAULT_AFTER_LOGINS = 600;

export interface Profile {
  name: string;
  /**
   * Users registered by global setup; scenario A's must all answer within windowMs.
   * `concurrency` caps the signups in flight at once (every one is a bcrypt hash on the
   * server's cores): unset, the whole pool signs up at once.
   */
  registration: { windowMs: number; extraUsers: number; concurrency?: number };
  /** Writers' think time starts at ONE_ADD_PER_SECOND_MS or more (helpers/config/whole-second-ids.ts; the config checks it). */
  writers: { stages: Stage[]; cards: Range; thinkMs: Range; budgetMs: number };
  reviewers: { stages: Stage[]; reviews: Range; thinkMs: Range; budgetMs: number };
  sessions: { probers: number; thrashers: number; thrashCycles: number; twoDeviceUsers: number; budgetMs: number; cards: Range; returning?: ReturningPlan };
  browser: { writers: number; reviewers: number; cards: Range; reviews: Range; budgetMs: number };
  /**
   * What this profile does not exercise: criterion keys (`performance-thresholds`, `scenario-tests`)
   * or threshold names (`average GET /review`). One of them that could not be judged leaves the run
   * decided instead of `unknown` (db/decision/run-decision.ts); one judged and failed still fails it.
   */
  notPartOfRun?: readonly string[];
}

const plan: Profile = {
  name: 'plan',
  registration: { windowMs: 5_000, extraUsers: 0 },
  writers: {
    stages: [
      { atMs: 0, count: 1 },
      { atMs: 30_000, count: 2 },
      { atMs: 60_000, count: 3 },
      { atMs: 90_000, count: 6 },
    ],
    cards: [10, 50],
    thinkMs: [1_000, 4_000],
    budgetMs: 150_000,
  },
  reviewers: {
    stages: [
      { atMs: 0, count: 5 },
      { atMs: 30_000, count: 10 },
      { atMs: 60_000, count: 15 },
      { atMs: 90_000, count: 20 },
      { atMs: 120_000, count: 24 },
    ],
    reviews: [20, 50],
    thinkMs: [1_000, 3_000],
    budgetMs: 170_000,
  },
  sessions: { probers: 3, thrashers: 1, thrashCycles: 6, twoDeviceUsers: 1, budgetMs: 120_000, cards: [5, 10] },
  browser: { writers: 2, reviewers: 2, cards: [3, 6], reviews: [3, 6], budgetMs: 150_000 },
};

const smoke: Profile = {
  name: 'smoke',
  registration: { windowMs: 5_000, extraUsers: 0 },
  writers: {
    stages: [
      { atMs: 0, count: 1 },
      { atMs: 4_000, count: 2 },
      { atMs: 8_000, count: 3 },
      { atMs: 12_000, count: 6 },
    ],
    cards: [4, 8],
    thinkMs: [1_000, 1_600],
    budgetMs: 25_000,
  },
  reviewers: {
    stages: [
      { atMs: 0, count: 3 },
      { atMs: 5_000, count: 6 },
      { atMs: 10_000, count: 8 },
    ],
    reviews: [5, 10],
    thinkMs: [200, 600],
    budgetMs: 25_000,
  },
  sessions: { probers: 2, thrashers: 1, thrashCycles: 3, twoDeviceUsers: 1, budgetMs: 25_000, cards: [2, 4] },
  browser: { writers: 1, reviewers: 1, cards: [2, 3], reviews: [2, 3], budgetMs: 30_000 },
};

/** The fault matrix's run: small, quick, no two-device users (their wrong-deck findings are real, not faults). */
const fault: Profile = {
  name: 'fault',
  registration: { windowMs: 5_000, extraUsers: 0 },
  writers: { stages: [{ atMs: 0, count: 3 }], cards: [6, 8], thinkMs: [1_000, 1_200], budgetMs: 15_000 },
  reviewers: { stages: [{ atMs: 0, count: 3 }], reviews: [6, 8], thinkMs: [150, 300], budgetMs: 15_000 },
  sessions: { probers: 2, thrashers: 1, thrashCycles: 3, twoDeviceUsers: 0, budgetMs: 15_000, cards: [3, 4] },
  browser: { writers: 0, reviewers: 0, cards: [1, 1], reviews: [1, 1], budgetMs: 15_000 },
  // The matrix judges whether each fault is detected; latency on a machine busy with the proof may
  // be measurable only through a saturated generator, which must not make the clean row unknown.
  // A latency the latency row breaks is still judged and still fails.
  notPartOfRun: ['performance-thresholds'],
};

/** `count` VUs reached in `steps` equal stages, `everyMs` apart from `fromMs` on. */
function evenRamp(count: number, steps: number, fromMs: number, everyMs: number): Stage[] {
  return Array.from({ length: steps }, (_, k) => ({ atMs: fromMs + k * everyMs, count: Math.round((count * (k + 1)) / steps) }));
}

/**
 * JAVUMBO scale: 615 users, past Flask-Session's 500-file store, on a 2-core machine. Every
 * signup and every login is a bcrypt hash (cost 12, about 0.24 CPU-s on the server): 615 of
 * each is about 5 CPU-min, so signups run 6 at a time (2 per worker) and logins arrive over
 * 6 minutes, about 1.7 a second. One writer to about 14 reviewers, as in the measured 605-user
 * overload; each does a few actions, so the ramp's logins, not their work, make most of the
 * load. Three returning users log in 20 s before the ramp and come back after 600 newer logins
 * (or 9 minutes).
 */
const scale: Profile = {
  name: 'scale',
  registration: { windowMs: 600_000, extraUsers: 0, concurrency: 6 },
  writers: { stages: evenRamp(40, 12, 20_000, 30_000), cards: [3, 8], thinkMs: [1_500, 5_000], budgetMs: 120_000 },
  reviewers: { stages: evenRamp(570, 12, 20_000, 30_000), reviews: [3, 8], thinkMs: [2_000, 6_000], budgetMs: 90_000 },
  sessions: {
    probers: 2,
    thrashers: 0,
    thrashCycles: 0,
    twoDeviceUsers: 0,
    budgetMs: 120_000,
    cards: [3, 5],
    returning: { users: 3, afterLogins: DEFAULT_AFTER_LOGINS, maxIdleMs: 540_000, cards: [3, 5], budgetMs: 660_000 },
  },
  browser: { writers: 0, reviewers: 0, cards: [1, 1], reviews: [1, 1], budgetMs: 30_000 },
};

export const PROFILES: Readonly<Record<string, Profile>> = Object.freeze({ plan, smoke, fault, scale });

/** Highest count of a stage list: the scenario's peak concurrency. */
export function peakOf(stages: readonly Stage[]): number {
  return stages.reduce((max, s) => Math.max(max, s.count), 0);
}
