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
