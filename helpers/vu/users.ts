/**
 * Pool users: faker names that obey the real server's limits (username 1–10 chars,
 * name 1–40, password 10–20), unique per run. Their passwords come from the run's
 * secret (helpers/secrets/run-secret.ts).
 */
// The English locale alone: the whole package costs each worker about 0.4 CPU-s to load.
import { faker } from '@faker-js/faker/locale/en';

export const LIMITS = { username: [1, 10], name: [1, 40], password: [10, 20] } as const;

export interface NewUser {
  key: string;
  username: string;
  name: string;
}

/** Lowercase ascii letters of a faker first name, at most `max` chars. */
function stem(max: number): string {
  const letters = faker.person
    .firstName()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
  return (letters || 'user').slice(0, max);
}

/**
 * `count` users for pool keys; usernames are `<stem ≤4><runTag 3><index base36 ≤3>` (≤ 10 chars),
 * so two runs against the same server do not collide unless their run tags do.
 */
export function generateUsers(keys: readonly string[], runTag: string, seed: number): NewUser[] {
  faker.seed(seed);
  return keys.map((key, i) => {
    const username = `${stem(4)}${runTag.slice(0, 3)}${i.toString(36)}`;
    const name = faker.person.fullName().slice(0, LIMITS.name[1]);
    return { key, username, name };
  });
}
