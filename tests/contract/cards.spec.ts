/**
 * POST /add_card and /cards/<id> (get, update, delete): answers and the rows they
 * leave in the user's SQLite file.
 */
import { test, expect } from './support/contract-fixture.ts';
import { csumOf, FIELD_SEPARATOR } from './support/anki-checksum.ts';
import { secondOf } from './support/clock.ts';
import { addCard, type AddCardBody } from './support/routes.ts';
import { expectError, expectJson } from './support/responses.ts';
import { cardById, cardsInDeck, noteById, readUserDb } from '../support/user-db.ts';

const MODEL_ID = 1700000000001;

test.describe('POST /add_card', () => {
  test('answers 201 with whole-second ids and writes a new note and card in the current deck', async ({ sessions, target }) => {
    const { user, api } = await sessions.newWriter('ca');
    const front = 'Olá, ñandú — 漢字 ✓';
    const back = 'Unicode survives\nacross lines';
    const sentMs = Date.now();
    const body = await expectJson<AddCardBody>(await addCard(api, front, back), 201);
    const returnedMs = Date.now();

    expect(body).toEqual({ message: 'Card added successfully', note_id: expect.any(Number), card_id: body.note_id + 1 });
    expect(body.note_id % 1000, 'note id is epoch seconds × 1000').toBe(0);
    const second = body.note_id / 1000;
    expect(second).toBeGreaterThanOrEqual(secondOf(sentMs));
    expect(second).toBeLessThanOrEqual(secondOf(returnedMs));

    readUserDb(target.dataDir, user.userId, (db) => {
      expect(noteById(db, body.note_id)).toEqual({
        id: body.note_id,
        guid: expect.stringMatching(/^.{10}$/),
        mid: MODEL_ID,
        mod: second,
        usn: -1,
        tags: '',
        flds: `${front}${FIELD_SEPARATOR}${back}`,
        sfld: front,
        csum: csumOf(front),
        flags: 0,
        data: '',
      });
      expect(cardById(db, body.card_id)).toEqual({
        id: body.card_id,
        nid: body.note_id,
        did: 1,
        ord: 0,
        mod: second,
        usn: -1,
        type: 0,
        queue: 0,
        due: body.note_id,
        ivl: 0,
        factor: 2500,
        reps: 0,
        lapses: 0,
        left: 0,
        odue: 0,
        odid: 0,
        flags: 0,
        data: '',
      });
    });
  });

  test('answers 400 "Front and back content cannot be empty" for a missing or empty side', async ({ reader, target }) => {
    const cases = [{}, { front: 'only front' }, { back: 'only back' }, { front: '', back: 'x' }, { front: 'x', back: '' }];
    for (const data of cases) {
      await expectError(await reader.api.post('/add_card', { data }), 400, 'Front and back content cannot be empty');
    }
    expect(readUserDb(target.dataDir, reader.user.userId, (db) => cardsInDeck(db, 1))).toHaveLength(0);
  });

  test('keeps a blank side as sent: only empty strings are refused, nothing is trimmed', async ({ sessions, target }) => {
    const { user, api } = await sessions.newWriter('cb');
    const body = await expectJson<AddCardBody>(await addCard(api, '  ', ' padded back '), 201);
    expect(readUserDb(target.dataDir, user.userId, (db) => noteById(db, body.note_id)?.flds)).toBe(`  ${FIELD_SEPARATOR} padded back `);
  });
});

test.describe('/cards/<id>', () => {
  test('GET answers the card id with its front and back', async ({ reader, target }) => {
    const note = readUserDb(target.dataDir, reader.user.userId, (db) => cardsInDeck(db, 2)[0]!);
    const stored = readUserDb(target.dataDir, reader.user.userId, (db) => noteById(db, note.nid)!);
    const [front, back] = stored.flds.split(FIELD_SEPARATOR);
    expect(await expectJson(await reader.api.get(`/cards/${note.id}`), 200)).toEqual({ cardId: note.id, front, back });
  });

  test('GET, PUT and DELETE answer 404 "Card not found" for a card the user does not have', async ({ reader }) => {
    const { api } = reader;
    for (const id of ['1', '123456789', 'abc']) {
      await expectError(await api.get(`/cards/${id}`), 404, 'Card not found');
      await expectError(await api.put(`/cards/${id}`, { data: { front: 'f', back: 'b' } }), 404, 'Card not found');
      await expectError(await api.delete(`/cards/${id}`), 404, 'Card not found');
    }
  });

  test('PUT validates the body before looking for the card', async ({ reader }) => {
    const { api } = reader;
    await expectError(await api.put('/cards/1', { data: {} }), 400, 'Front and back fields are required');
    await expectError(await api.put('/cards/1', { data: { front: 'only front' } }), 400, 'Front and back fields are required');
    await expectError(await api.put('/cards/1', { data: { front: '  ', back: 'b' } }), 400, 'Front and back fields cannot be empty');
    await expectError(await api.put('/cards/1', { data: { front: 'f', back: '' } }), 400, 'Front and back fields cannot be empty');
  });

  test('PUT trims both sides and rewrites flds, sfld and csum of the note', async ({ sessions, target }) => {
    const { user, api } = await sessions.newUser('cu');
    const card = readUserDb(target.dataDir, user.userId, (db) => cardsInDeck(db, 2)[5]!);
    const res = await api.put(`/cards/${card.id}`, { data: { front: '  New front  ', back: '\tNew back\n' } });
    expect(await expectJson(res, 200)).toEqual({ success: true, message: 'Card updated successfully' });
    expect(await expectJson(await api.get(`/cards/${card.id}`), 200)).toEqual({ cardId: card.id, front: 'New front', back: 'New back' });
    readUserDb(target.dataDir, user.userId, (db) => {
      const note = noteById(db, card.nid)!;
      expect(note.flds).toBe(`New front${FIELD_SEPARATOR}New back`);
      expect(note.sfld).toBe('New front');
      expect(note.csum).toBe(csumOf('New front'));
      expect(note.mod).toBeGreaterThanOrEqual(card.mod);
    });
  });

  test('DELETE removes the card and its note, then answers 404', async ({ sessions, target }) => {
    const { user, api } = await sessions.newUser('cx');
    const card = readUserDb(target.dataDir, user.userId, (db) => cardsInDeck(db, 2)[7]!);
    expect(await expectJson(await api.delete(`/cards/${card.id}`), 200)).toEqual({ success: true, message: 'Card deleted successfully' });
    readUserDb(target.dataDir, user.userId, (db) => {
      expect(cardById(db, card.id)).toBeUndefined();
      expect(noteById(db, card.nid)).toBeUndefined();
      expect(cardsInDeck(db, 2)).toHaveLength(107);
    });
    await expectError(await api.get(`/cards/${card.id}`), 404, 'Card not found');
    await expectError(await api.delete(`/cards/${card.id}`), 404, 'Card not found');
  });
});
