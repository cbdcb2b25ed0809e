/** A virtual user as a scenario flow sees it: its schedule entry, its pool users, their passwords. */
import type { PoolUser } from '../run/run-dir.ts';
import type { VuSpec } from './schedule.ts';

export interface Vu {
  spec: VuSpec;
  /** Pool users of this VU, in the order of spec.users. */
  users: PoolUser[];
  /** The first (usually only) user. */
  user: PoolUser;
  password: (username: string) => string;
  /** Epoch ms the VU's schedule counts from. */
  epochMs: number;
}

/** The pool users a VU logs in as, in the order of `spec.users`; one that setup did not register is a bug, said so. */
export function poolUsersOf(spec: VuSpec, pool: ReadonlyMap<string, PoolUser>): PoolUser[] {
  return spec.users.map((key) => {
    const u = pool.get(key);
    if (!u) throw new Error(`pool user ${key} of ${spec.vu} was not registered by global setup (profile changed between setup and workers?)`);
    return u;
  });
}
