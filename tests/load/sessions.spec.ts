/**
 * Session integrity: probers keep one session through a burst, thrashers log in and out
 * through several users, the two devices of one user add and review at once, and returning
 * users come back after hundreds of newer logins (profile scale). Every role
 * plays in one lane (both devices of a user always in the same one); each VU is judged and
 * reported on its own, by its role's flow and by the checker.
 */
import { test } from '../../fixtures/index.ts';
import type { LaneFlow } from '../../fixtures/vu-lane.ts';
import { laneLabel, type SessionRole, type VuSpec } from '../../helpers/vu/schedule.ts';
import { proberFlow, proberTitle } from './support/prober-flow.ts';
import { sessionLanes } from './support/session-lanes.ts';
import { thrasherFlow, thrasherTitle } from './support/thrasher-flow.ts';
import { deviceReviewer, deviceWriter, twoDeviceTitle } from './support/two-device-flows.ts';
import { returningFlow, returningTitle } from './support/returning-flow.ts';

interface RolePlay {
  flow: LaneFlow;
  title: (spec: VuSpec) => string;
  tag: string;
  /** False: the flow logs in itself (every thrasher cycle logs in as that cycle's user). */
  logIn: boolean;
}

const ROLES: Record<SessionRole, RolePlay> = {
  prober: { flow: proberFlow, title: proberTitle, tag: '@prober', logIn: true },
  thrasher: { flow: thrasherFlow, title: thrasherTitle, tag: '@thrasher', logIn: false },
  'device-writer': { flow: deviceWriter, title: twoDeviceTitle, tag: '@two-devices', logIn: true },
  'device-reviewer': { flow: deviceReviewer, title: twoDeviceTitle, tag: '@two-devices', logIn: true },
  returning: { flow: returningFlow, title: returningTitle, tag: '@returning', logIn: true },
};

function roleOf(spec: VuSpec): RolePlay {
  if (!spec.role) throw new Error(`${spec.vu} is a session VU without a role`);
  return ROLES[spec.role];
}

for (const lane of sessionLanes()) {
  test.describe(() => {
    test.use({ laneSpecs: { vus: lane } });
    const name = lane.length === 1 ? roleOf(lane[0]!).title(lane[0]!) : `sessions ${laneLabel(lane)}: each session serves only its own user, and every card lands with its user in the deck it chose`;
    const roleTags = [...new Set(lane.map((spec) => roleOf(spec).tag))];

    test(`${name}`, { tag: ['@sessions', ...roleTags], annotation: { type: 'vus', description: lane.map((v) => v.vu).join(' ') } }, async ({ lane: play }) => {
      await play(
        (vu) => roleOf(vu.spec).flow(vu),
        (spec) => roleOf(spec).title(spec),
        { logIn: (spec) => roleOf(spec).logIn },
      );
    });
  });
}
