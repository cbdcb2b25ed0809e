/**
 * Every password a run may have typed or sent: the pool's (registered in global setup) and
 * the browser registrants' (signed up by their own VUs), all derived from the run secret.
 * Nothing stores them; the end-of-run scrub recomputes them to find them in traces.
 */
import { browserRegistrantVus, registrantFor } from '../helpers/browser/registrants.ts';
import { runTagOf } from '../helpers/run/current-run.ts';
import type { Profile } from '../helpers/config/profiles.ts';
import { readPool } from '../helpers/run/run-store.ts';
import { passwordFor } from '../helpers/secrets/run-secret.ts';

/**
 * Passwords of the pool in `runDir`'s pool.json and of every browser registrant `profile`
 * allows (whether or not its VU ran: an unused one costs nothing to search for).
 */
export function runPasswords(runDir: string, runId: string, secret: string, profile: Profile): string[] {
  const pool = readPool(runDir).map((u) => u.username);
  const registrants = browserRegistrantVus(profile, []).map((v) => registrantFor(v.vu, runTagOf(runId)).username);
  return [...pool, ...registrants].map((username) => passwordFor(secret, username));
}
