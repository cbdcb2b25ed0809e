/**
 * The ramp the run means to play: for each scenario, how many of its VUs the schedule has
 * running at each moment (from a VU's start offset until its budget is spent). Only the VUs
 * of this run's tests count — their `vus` annotations name them — so a single project, a
 * `VU=` selection or one leg of a sharded run each plan their own share.
 */
import type { Profile } from '../../helpers/config/profiles.ts';
import { buildSchedule } from '../../helpers/vu/schedule.ts';
import type { PlannedRamp } from './dashboard-frame.ts';

export function plannedRamp(profile: Profile, vus: ReadonlySet<string>): PlannedRamp[] {
  const edges = new Map<string, { at: number; delta: number }[]>();
  for (const spec of buildSchedule(profile)) {
    if (!vus.has(spec.vu)) continue;
    const list = edges.get(spec.scenario) ?? [];
    list.push({ at: spec.startOffsetMs, delta: 1 }, { at: spec.startOffsetMs + spec.budgetMs, delta: -1 });
    edges.set(spec.scenario, list);
  }
  return [...edges.entries()].map(([scenario, list]) => {
    list.sort((a, b) => a.at - b.at);
    const steps: PlannedRamp['steps'] = [{ t: 0, count: 0 }];
    let count = 0;
    for (const e of list) {
      count += e.delta;
      const t = e.at / 1000;
      const last = steps[steps.length - 1]!;
      if (last.t === t) last.count = count;
      else steps.push({ t, count });
    }
    return { scenario, steps };
  });
}
