/**
 * An add in the second a user registered in: the sample deck's notes take their ids from that
 * second (note id = second × 1000 + i), so an add then would reuse the first one's id. The clock
 * decides each try: the register is timed to end just after a second begins, and the login and
 * add go ahead only while the registration second still has room for them (the last login's
 * duration); otherwise the next fresh user tries. On a target with cheap hashes (the contract
 * fixture's `quick`) the first try fits; against a real server whose hashes take most of a second
 * on a loaded machine, the bound may run out, and then the test fails saying so: it never skips.
 */
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { readUserDb, notesInDeck } from '../../support/user-db.ts';
import { endJustAfterNextSecond, secondOf } from './clock.ts';
import type { ContractUser, Sessions } from './contract-fixture.ts';
import { addCard, type AddCardBody } from './routes.ts';
import { SecondAlignmentError } from './second-alignment-error.ts';

/** The sample deck's id in a fresh collection. */
const SAMPLE_DECK_ID = 2;
/** Time an add needs beyond the login, on an idle loopback target (one SQLite write). */
const ADD_ROOM_MS = 100;
/** How long the tries may take in all: well inside the contract project's 30 s test timeout. */
const TRIES_BOUND_MS = 20_000;

export interface SampleSecondAdd {
  user: ContractUser;
  api: APIRequestContext;
  /** The epoch second of the sample notes' ids. */
  sampleSecond: number;
  /** The add: refused, or acknowledged with a note id whose second says where it landed. */
  add: APIResponse;
}

/** Register, log in and add until an add is sent and answered within its user's registration second. */
export async function addInRegistrationSecond(sessions: Sessions, dataDir: string, prefix: string): Promise<SampleSecondAdd> {
  const started = Date.now();
  const tries: string[] = [];
  let registerMs = 0;
  let loginMs = 0;
  while (Date.now() - started < TRIES_BOUND_MS) {
    await endJustAfterNextSecond(registerMs);
    const user = await sessions.register(prefix);
    registerMs = user.returnedMs - user.sentMs;
    const sampleSecond = readUserDb(dataDir, user.userId, (db) => notesInDeck(db, SAMPLE_DECK_ID)[0]!.id / 1000);
    const roomMs = (sampleSecond + 1) * 1000 - Date.now();
    if (roomMs < loginMs + ADD_ROOM_MS) {
      tries.push(`register ended ${1000 - roomMs} ms into its second, the last login took ${loginMs} ms`);
      continue;
    }
    const loginSent = Date.now();
    const api = await sessions.login(user);
    loginMs = Date.now() - loginSent;
    const add = await addCard(api, 'too early', 'same second as the sample deck');
    // An add answered within the registration second was served in it; one answered 201 with a
    // note id of that second was too. Anything else landed later and says nothing: try again.
    const answeredInSecond = secondOf(Date.now()) === sampleSecond;
    const noteSecond = add.status() === 201 ? secondOf(((await add.json()) as AddCardBody).note_id) : null;
    if (answeredInSecond || noteSecond === sampleSecond) return { user, api, sampleSecond, add };
    tries.push(`login took ${loginMs} ms, the add landed in second ${noteSecond ?? '(refused)'} after ${sampleSecond}`);
  }
  throw new SecondAlignmentError(`no add landed in its user's registration second within ${TRIES_BOUND_MS} ms (${tries.length} tries: ${tries.join('; ')}) — the machine is too slow for this check`);
}
