/**
 * The ramp-up as data: every virtual user of a profile, with the offset from the run
 * epoch at which it starts. Deterministic for a profile, so test titles are stable.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Profile, Stage } from '../config/profiles.ts';
import { between, hashSeed, seededRandom } from './random.ts';

export type Scenario = 'writers' | 'reviewers' | 'sessions' | 'browser-writers' | 'browser-reviewers' | 'browser-registration';

export type SessionRole = 'prober' | 'thrasher' | 'device-writer' | 'device-reviewer' | 'returning';

export interface VuSpec {
  /** e.g. `w03`, `r12`, `p01`, `t01`, `d01a`, `rt01`. */
  vu: string;
  scenario: Scenario;
  /** Offset from the run epoch at which this VU starts acting. */
  startOffsetMs: number;
  /** Name of the stage that starts it, for titles and logs ("stage 2 at 30s"). */
  stageName: string;
  /** Pool keys of the users this VU logs in as (one, except thrashers). */
  users: string[];
  /** Cards to add, or reviews to do. */
  quota: number;
  /** Time this VU may act for, from its start. */
  budgetMs: number;
  role?: SessionRole;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** VU i (1-based) starts with the first stage whose count reaches i. */
function startOf(stages: readonly Stage[], i: number): { atMs: number; stage: number } {
  const idx = stages.findIndex((s) => s.count >= i);
  const s = stages[idx];
  if (!s) throw new Error(`no stage reaches VU ${i}`);
  return { atMs: s.atMs, stage: idx + 1 };
}

function staged(prefix: string, scenario: Scenario, stages: readonly Stage[], quota: readonly [number, number], budgetMs: number): VuSpec[] {
  const peak = stages.reduce((m, s) => Math.max(m, s.count), 0);
  return Array.from({ length: peak }, (_, k) => {
    const vu = `${prefix}${pad(k + 1)}`;
    const { atMs, stage } = startOf(stages, k + 1);
    return {
      vu,
      scenario,
      startOffsetMs: atMs,
      stageName: `stage ${stage} at ${Math.round(atMs / 1000)}s`,
      users: [vu],
      quota: between(seededRandom(hashSeed(vu)), quota),
      budgetMs,
    };
  });
}

export function buildSchedule(p: Profile): VuSpec[] {
  const vus: VuSpec[] = [...staged('w', 'writers', p.writers.stages, p.writers.cards, p.writers.budgetMs), ...staged('r', 'reviewers', p.reviewers.stages, p.reviewers.reviews, p.reviewers.budgetMs)];
  const s = p.sessions;
  const session = (vu: string, role: SessionRole, users: string[], quota: number): VuSpec => ({
    vu,
    scenario: 'sessions',
    role,
    startOffsetMs: 0,
    stageName: 'stage 1 at 0s',
    users,
    quota,
    budgetMs: s.budgetMs,
  });
  for (let k = 1; k <= s.probers; k++) vus.push(session(`p${pad(k)}`, 'prober', [`p${pad(k)}`], between(seededRandom(hashSeed(`p${k}`)), s.cards)));
  for (let k = 1; k <= s.thrashers; k++) {
    const users = ['a', 'b', 'c'].map((x) => `t${pad(k)}${x}`);
    vus.push(session(`t${pad(k)}`, 'thrasher', users, s.thrashCycles));
  }
  for (let k = 1; k <= s.twoDeviceUsers; k++) {
    const user = `d${pad(k)}`;
    vus.push(session(`${user}a`, 'device-writer', [user], between(seededRandom(hashSeed(user)), s.cards)));
    vus.push(session(`${user}b`, 'device-reviewer', [user], between(seededRandom(hashSeed(`${user}b`)), s.cards)));
  }
  // Returning users start with the sessions (before the ramp's first login) and act for their own, longer budget.
  const back = s.returning;
  for (let k = 1; back && k <= back.users; k++) {
    const vu = `rt${pad(k)}`;
    vus.push({ ...session(vu, 'returning', [vu], between(seededRandom(hashSeed(vu)), back.cards)), budgetMs: back.budgetMs });
  }
  const b = p.browser;
  for (let k = 1; k <= b.writers; k++)
    vus.push({
      vu: `bw${pad(k)}`,
      scenario: 'browser-writers',
      startOffsetMs: 0,
      stageName: 'stage 1 at 0s',
      users: [`bw${pad(k)}`],
      quota: between(seededRandom(hashSeed(`bw${k}`)), b.cards),
      budgetMs: b.budgetMs,
    });
  for (let k = 1; k <= b.reviewers; k++)
    vus.push({
      vu: `br${pad(k)}`,
      scenario: 'browser-reviewers',
      startOffsetMs: 0,
      stageName: 'stage 1 at 0s',
      users: [`br${pad(k)}`],
      quota: between(seededRandom(hashSeed(`br${k}`)), b.reviews),
      budgetMs: b.budgetMs,
    });
  return vus;
}

export function vusOf(p: Profile, scenario: Scenario): VuSpec[] {
  return buildSchedule(p).filter((v) => v.scenario === scenario);
}

/** Every pool key of a profile: the users global setup registers. */
export function poolKeysOf(p: Profile): string[] {
  const keys = new Set(buildSchedule(p).flatMap((v) => v.users));
  for (let k = 1; k <= p.registration.extraUsers; k++) keys.add(`u${pad(k)}`);
  return [...keys];
}

/**
 * The one way a VU waits for its turn: until `epochMs + spec.startOffsetMs`.
 * Returns how late (ms) the VU actually started, which the history keeps.
 */
export async function waitForScheduledStart(spec: VuSpec, epochMs: number, now: () => number = Date.now): Promise<number> {
  const at = epochMs + spec.startOffsetMs;
  const wait = at - now();
  if (wait > 0) await delay(wait);
  return Math.max(0, now() - at);
}

/**
 * Scenarios whose VUs share a worker: many VUs in one Playwright test, each with its own
 * APIRequestContext (own cookie jar) or its own BrowserContext in the worker's one browser —
 * a worker process costs about 2 CPU-s to start, a VU in an existing one about 0.1. Browser
 * registrants still get a test (and a worker) each.
 */
export const LANE_SCENARIOS: ReadonlySet<Scenario> = new Set(['writers', 'reviewers', 'sessions', 'browser-writers', 'browser-reviewers']);

/**
 * The tests a scenario's VUs run in: lanes of at most `perWorker` VUs in schedule order for
 * the scenarios that play in lanes (VUs acting as the same user always in one), one VU per
 * test for the others.
 */
export function vuLanes(vus: readonly VuSpec[], perWorker: number): VuSpec[][] {
  const lanes: VuSpec[][] = [];
  const byScenario = new Map<Scenario, VuSpec[]>();
  for (const v of vus) {
    const list = byScenario.get(v.scenario);
    if (list) list.push(v);
    else byScenario.set(v.scenario, [v]);
  }
  for (const [scenario, list] of byScenario) {
    const size = LANE_SCENARIOS.has(scenario) ? Math.max(1, perWorker) : 1;
    let lane: VuSpec[] = [];
    for (const v of list) {
      // VUs acting as the same user (the two devices of one) share a lane, even one past its size.
      const sameUserAsLast = lane.length > 0 && lane[lane.length - 1]!.users[0] === v.users[0];
      if (lane.length >= size && !sameUserAsLast) {
        lanes.push(lane);
        lane = [];
      }
      lane.push(v);
    }
    if (lane.length) lanes.push(lane);
  }
  return lanes;
}

/** `w01`, `w01–w06`, or `w01–w25 (25 VUs)`: how a lane names its VUs in titles. */
export function laneLabel(lane: readonly VuSpec[]): string {
  const first = lane[0]?.vu ?? '';
  const last = lane[lane.length - 1]?.vu ?? '';
  return lane.length === 1 ? first : `${first}–${last} (${lane.length} VUs)`;
}

/** VUs of a scenario, narrowed to `only` (VU ids from the VU variable) when given. */
export function selectedVus(p: Profile, scenario: Scenario, only: readonly string[]): VuSpec[] {
  const all = vusOf(p, scenario);
  return only.length === 0 ? all : all.filter((v) => only.includes(v.vu));
}

/** Scenario A's users: the plan's writers and reviewers, registered together and timed as one window. */
export function isScenarioAUser(poolKey: string): boolean {
  return /^[wr]\d+$/.test(poolKey);
}

/** What a VU does in its scenario: the role a known finding (known-findings.json) can name. */
export type VuRole = 'writer' | 'reviewer' | SessionRole | 'browser-writer' | 'browser-reviewer';

/** How `buildSchedule` names VUs: the id alone says the scenario and the role (`d01a` is a sessions device-writer). */
const VU_ID_KINDS: readonly (readonly [RegExp, Scenario, VuRole])[] = [
  [/^w\d+$/, 'writers', 'writer'],
  [/^r\d+$/, 'reviewers', 'reviewer'],
  [/^p\d+$/, 'sessions', 'prober'],
  [/^t\d+$/, 'sessions', 'thrasher'],
  [/^d\d+a$/, 'sessions', 'device-writer'],
  [/^d\d+b$/, 'sessions', 'device-reviewer'],
  [/^rt\d+$/, 'sessions', 'returning'],
  [/^bw\d+$/, 'browser-writers', 'browser-writer'],
  [/^br\d+$/, 'browser-reviewers', 'browser-reviewer'],
];

export const VU_ROLES: readonly VuRole[] = VU_ID_KINDS.map(([, , role]) => role);
export const SCENARIOS: readonly Scenario[] = ['writers', 'reviewers', 'sessions', 'browser-writers', 'browser-reviewers', 'browser-registration'];

/** The scenario and role of a VU id of the schedule; null for ids it does not make (pool keys such as `u07`). */
export function vuKindOf(vu: string): { scenario: Scenario; role: VuRole } | null {
  const kind = VU_ID_KINDS.find(([pattern]) => pattern.test(vu));
  return kind ? { scenario: kind[1], role: kind[2] } : null;
}
