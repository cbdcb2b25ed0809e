/**
 * The server's own log lines: format (no worker pid) and the add_card line that the
 * checker matches card ids against.
 */
import { test } from './support/contract-fixture.ts';
import { addCard, type AddCardBody } from './support/routes.ts';
import { expectJson } from './support/responses.ts';
import { expectLogLine, loggedFront } from './support/server-log.ts';

test('add_card logs "User <id> (<name>) created card <id> in deck <id> (<deck>)" with the front cut to 15 characters', async ({ sessions, target }) => {
  // eslint-disable-next-line playwright/no-skipped-test -- SERVER_LOG is optional for an external target; without it there is no log to read
  test.skip(!target.serverLog, 'no server log: set SERVER_LOG to the server stderr file');
  const { user, api } = await sessions.newWriter('sl');
  // Characters outside the BMP: Python counts them as one character each, UTF-16 as two.
  const front = '🙂🙃 smiles and 😀 more text';
  const body = await expectJson<AddCardBody>(await addCard(api, front, 'back'), 201);
  await expectLogLine(target.serverLog!, 'INFO', `User ${user.userId} (${user.username}) created card ${body.card_id} in deck 1 (MyFirstDeck): "${loggedFront(front)}"`);
});
