/**
 * The browser registration scenario: one VU per browser VU of the profile, each signing
 * up a new user through the form. These users are not in the pool (global setup does not
 * register them), so their usernames are made here, unique per run.
 */
// The English locale alone: the whole package costs each worker about 0.4 CPU-s to load.
import { faker } from '@faker-js/faker/locale/en';
import type { Profile } from '../config/profiles.ts';
import { hashSeed } from '../vu/random.ts';
import type { VuSpec } from '../vu/schedule.ts';
import { LIMITS } from '../vu/users.ts';

/** The form's "Grupo de Interesse:" options (the server ignores the choice). */
export const INTEREST_GROUPS = ['Biotecnologia', 'Metrologia', 'Segurança Cibernética', 'Outros Interesses'] as const;

export interface Registrant {
  username: string;
  name: string;
  email: string;
  group: (typeof INTEREST_GROUPS)[number];
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `bs01`, `bs02`, …: as many as the profile has browser VUs, narrowed to `only` when given. */
export function browserRegistrantVus(p: Profile, only: readonly string[]): VuSpec[] {
  const count = p.browser.writers + p.browser.reviewers;
  const all = Array.from({ length: count }, (_, k): VuSpec => ({
    vu: `bs${pad(k + 1)}`,
    scenario: 'browser-registration',
    startOffsetMs: 0,
    stageName: 'stage 1 at 0s',
    users: [],
    quota: 1,
    budgetMs: p.browser.budgetMs,
  }));
  return only.length === 0 ? all : all.filter((v) => only.includes(v.vu));
}

/**
 * The user a registration VU signs up: `bs_<runTag><nn>` (9 chars, within the 10 the server
 * allows). The underscore keeps it apart from pool usernames, which are letters and digits.
 */
export function registrantFor(vu: string, runTag: string): Registrant {
  const username = `bs_${runTag}${vu.slice(-2)}`;
  if (username.length > LIMITS.username[1]) throw new Error(`registrant username ${username} is longer than ${LIMITS.username[1]} chars: the run tag "${runTag}" should be 3 chars`);
  faker.seed(hashSeed(`${runTag}:${vu}`));
  const name = faker.person.fullName().slice(0, LIMITS.name[1]);
  const group = INTEREST_GROUPS[hashSeed(username) % INTEREST_GROUPS.length] ?? 'Outros Interesses';
  return { username, name, email: `${username.replace('_', '.')}@example.org`, group };
}
