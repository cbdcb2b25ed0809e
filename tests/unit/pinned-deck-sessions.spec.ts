/**
 * Whose deck switch is "the VU's own" (db/judges/deck-interleaving.ts): the adding VU's, under
 * the cookie the add was sent with. A switch the same VU sent under an earlier cookie (before a
 * login again) belongs to another session, and so does one of another VU, whatever its cookie.
 */
import { test, expect } from '@playwright/test';
import type { Operation } from '../../helpers/history/operation.ts';
import { aliceAdd } from './support/alice-add.ts';
import { indexDeckSwitches, otherSwitchesDuring, ownLastSwitch } from '../../db/judges/deck-interleaving.ts';

const T = Date.UTC(2026, 10, 27, 4, 0, 0);
const add = aliceAdd(T, 1_795_744_000_001, { marker: 'alice01_1', deckId: '5', deckName: 'History' });

/** An answered switch of alice01 to `deckId`, sent `ago` ms before the add, 20 ms long. */
function switchTo(deckId: string, ago: number, over: Partial<Operation>): Operation {
  return aliceAdd(T - ago, 0, { deckId }, { id: `${over.vu ?? 'w01'}#${ago}`, op: 'set_current_deck', path: '/set_current_deck', status: 200, body: {}, ...over });
}

test("the VU's own last switch is the last one under the add's cookie, not a later one it sent under an earlier cookie", () => {
  const own = switchTo('5', 3000, { cookieFingerprint: 'ck1' });
  const earlierCookie = switchTo('9', 1000, { cookieFingerprint: 'ck0' });
  const switches = indexDeckSwitches([own, earlierCookie]);
  expect(ownLastSwitch(switches, add)).toBe(own);
  expect(otherSwitchesDuring(switches, add, own.sentAt)).toEqual([earlierCookie]);
});

test("another VU's switch is never the adding VU's own, even under the same cookie", () => {
  const own = switchTo('5', 3000, { cookieFingerprint: 'ck1' });
  const otherVu = switchTo('9', 1000, { vu: 'w02', cookieFingerprint: 'ck1' });
  const switches = indexDeckSwitches([own, otherVu]);
  expect(ownLastSwitch(switches, add)).toBe(own);
  expect(otherSwitchesDuring(switches, add, own.sentAt)).toEqual([otherVu]);
});
