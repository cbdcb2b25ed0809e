/**
 * One acknowledged add of alice01 (user 1) by w01, the unit of the pinned card specs: sent at
 * `sentAt`, answered 201 with `cardId` 20 ms later, on cookie `ck1`. `over` changes any field.
 */
import type { Operation } from '../../../helpers/history/operation.ts';

export function aliceAdd(sentAt: number, cardId: number, intent: NonNullable<Operation['intent']>, over: Partial<Operation> = {}): Operation {
  return {
    id: 'w01#7',
    runId: 'run',
    scenario: 'writers',
    vu: 'w01',
    username: 'alice01',
    userId: 1,
    op: 'add_card',
    method: 'POST',
    path: '/add_card',
    intent,
    sentAt,
    returnedAt: sentAt + 20,
    status: 201,
    body: { card_id: cardId },
    outcome: 'ok',
    cookieFingerprint: 'ck1',
    ...over,
  };
}
