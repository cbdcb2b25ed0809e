/**
 * What registration leaves on disk: the users row in admin.db (bcrypt hash, no email)
 * and a new Anki collection user_dbs/user_{id}.db with the sample deck of 108 cards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './support/contract-fixture.ts';
import { config } from '../../helpers/config/config.ts';
import { csumOf, FIELD_SEPARATOR } from './support/anki-checksum.ts';
import { secondOf } from './support/clock.ts';
import { cardsInDeck, collection, columnsOf, countRows, notesInDeck, readAdminDb, readUserDb, schemaNames, userByName } from '../support/user-db.ts';

const SAMPLE_CARDS = 108;
const MODEL_ID = '1700000000001';
/** The real server hashes with bcrypt's default cost; the embedded target uses its configured cost. */
const REAL_BCRYPT_COST = 12;

const FIRST_SAMPLE = {
  front: 'She plays tennis every weekend.',
  back: '(a) "Ela joga tênis todos os fins de semana."\n\n(b) Simple Present: I work\n\n(c) Uso: Para hábitos, rotinas, fatos e verdades gerais.',
};
const LAST_SAMPLE = {
  front: 'Will they have been searching for long?',
  back: '(a) "Eles estarão procurando por muito tempo?"\n\n(b) Future Perfect Continuous: Questions\n\n(c) Forma: Will + sujeito + have + been + verbo-ing?',
};

test.describe('registration side effects', () => {
  test('the data directory holds admin.db, flask_session/ and user_dbs/user_<id>.db, all SQLite files in rollback-journal mode', ({ reader, target }) => {
    for (const entry of ['admin.db', 'flask_session', path.join('user_dbs', `user_${reader.user.userId}.db`)]) {
      expect(fs.existsSync(path.join(target.dataDir, entry)), `${entry} in ${target.dataDir}`).toBe(true);
    }
    expect(readAdminDb(target.dataDir, (db) => db.pragma('journal_mode', { simple: true }))).toBe('delete');
    expect(readUserDb(target.dataDir, reader.user.userId, (db) => db.pragma('journal_mode', { simple: true }))).toBe('delete');
  });

  test('admin.db holds users(user_id, username, name, password_hash) with a bcrypt hash and no email', ({ reader, target }) => {
    const { sql, columns, row } = readAdminDb(target.dataDir, (db) => ({
      sql: (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'").get() as { sql: string }).sql,
      columns: db.pragma('table_info(users)') as { name: string; type: string; notnull: number; pk: number }[],
      row: userByName(db, reader.user.username),
    }));
    expect(columns.map(({ name, type, notnull, pk }) => ({ name, type, notnull, pk }))).toEqual([
      { name: 'user_id', type: 'INTEGER', notnull: 0, pk: 1 },
      { name: 'username', type: 'TEXT', notnull: 1, pk: 0 },
      { name: 'name', type: 'TEXT', notnull: 1, pk: 0 },
      { name: 'password_hash', type: 'TEXT', notnull: 1, pk: 0 },
    ]);
    expect(sql).toMatch(/AUTOINCREMENT/i);
    expect(sql).toMatch(/username\s+TEXT\s+UNIQUE/i);
    const cost = String(target.embedded ? config.target.bcryptCost : REAL_BCRYPT_COST).padStart(2, '0');
    expect(row).toEqual({
      user_id: reader.user.userId,
      username: reader.user.username,
      name: reader.user.name,
      password_hash: expect.stringMatching(new RegExp(`^\\$2b\\$${cost}\\$[./A-Za-z0-9]{53}$`)),
    });
    expect(row?.password_hash).not.toContain(reader.user.password);
  });

  test('the user database has the Anki tables and indexes', ({ reader, target }) => {
    readUserDb(target.dataDir, reader.user.userId, (db) => {
      expect(schemaNames(db)).toEqual({
        tables: ['cards', 'col', 'graves', 'notes', 'revlog'],
        indexes: ['ix_cards_nid', 'ix_cards_sched', 'ix_cards_usn', 'ix_notes_csum', 'ix_notes_usn', 'ix_revlog_cid', 'ix_revlog_usn'],
      });
      expect(columnsOf(db, 'col')).toEqual(['id', 'crt', 'mod', 'scm', 'ver', 'dty', 'usn', 'ls', 'conf', 'models', 'decks', 'dconf', 'tags']);
      expect(columnsOf(db, 'notes')).toEqual(['id', 'guid', 'mid', 'mod', 'usn', 'tags', 'flds', 'sfld', 'csum', 'flags', 'data']);
      expect(columnsOf(db, 'cards')).toEqual(['id', 'nid', 'did', 'ord', 'mod', 'usn', 'type', 'queue', 'due', 'ivl', 'factor', 'reps', 'lapses', 'left', 'odue', 'odid', 'flags', 'data']);
      expect(columnsOf(db, 'revlog')).toEqual(['id', 'cid', 'usn', 'ease', 'ivl', 'lastIvl', 'factor', 'time', 'type']);
      expect(columnsOf(db, 'graves')).toEqual(['usn', 'oid', 'type']);
      expect(countRows(db, 'revlog')).toBe(0);
      expect(countRows(db, 'graves')).toBe(0);
    });
  });

  test('col has one row: curDeck 1, one model with Front and Back, the two decks and the default deck options', ({ reader, target }) => {
    readUserDb(target.dataDir, reader.user.userId, (db) => {
      expect(countRows(db, 'col')).toBe(1);
      const col = collection(db);
      expect(col.id).toBe(1);
      expect(col.crt).toBeGreaterThanOrEqual(secondOf(reader.user.sentMs));
      expect(col.crt).toBeLessThanOrEqual(secondOf(reader.user.returnedMs));
      expect(col.conf.curDeck).toBe(1);
      expect(Object.keys(col.models)).toEqual([MODEL_ID]);
      expect(col.models[MODEL_ID]?.id).toBe(MODEL_ID);
      expect(col.models[MODEL_ID]?.flds.map((f) => f.name)).toEqual(['Front', 'Back']);
      expect(Object.keys(col.decks).sort()).toEqual(['1', '2']);
      expect(col.decks['1']).toMatchObject({ id: 1, name: 'MyFirstDeck', conf: 1 });
      expect(col.decks['2']).toMatchObject({ id: 2, name: 'Verbal Tenses', conf: 1 });
      expect(Object.keys(col.dconf)).toEqual(['1']);
      const options = col.dconf['1']!;
      expect(options.new.delays).toEqual([1, 10]);
      expect(options.lapse.delays).toEqual([10]);
      expect(options.rev).toMatchObject({ hardFactor: 1.2, ease4: 1.3, ivlFct: 1 });
    });
  });

  test('deck 2 holds 108 new sample cards tagged verbal_tenses with ids from the registration second', ({ reader, target }) => {
    readUserDb(target.dataDir, reader.user.userId, (db) => {
      const crt = collection(db).crt;
      const notes = notesInDeck(db, 2);
      const cards = cardsInDeck(db, 2);
      expect(cardsInDeck(db, 1)).toEqual([]);
      expect(countRows(db, 'notes')).toBe(SAMPLE_CARDS);
      expect(cards).toHaveLength(SAMPLE_CARDS);
      // The server reads the clock for the sample deck apart from the collection's crt, so across a
      // second's boundary the deck's second is the next one: both lie within the registration request.
      const second = Math.floor(notes[0]!.id / 1000);
      expect(second).toBeGreaterThanOrEqual(crt);
      expect(second).toBeLessThanOrEqual(secondOf(reader.user.returnedMs));
      expect(notes.map((n) => n.id)).toEqual(Array.from({ length: SAMPLE_CARDS }, (_, i) => second * 1000 + i));
      for (const [i, card] of cards.entries()) {
        const note = notes[i]!;
        expect(card).toEqual({
          id: note.id + 1,
          nid: note.id,
          did: 2,
          ord: 0,
          mod: second,
          usn: -1,
          type: 0,
          queue: 0,
          due: note.id,
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
        const [front] = note.flds.split(FIELD_SEPARATOR);
        expect(note).toMatchObject({ mid: Number(MODEL_ID), mod: second, usn: -1, tags: 'verbal_tenses', sfld: front, csum: csumOf(front!), flags: 0, data: '' });
        expect(note.flds.split(FIELD_SEPARATOR)).toHaveLength(2);
      }
      expect(new Set(notes.map((n) => n.guid)).size).toBe(SAMPLE_CARDS);
      expect(notes[0]!.flds).toBe(`${FIRST_SAMPLE.front}${FIELD_SEPARATOR}${FIRST_SAMPLE.back}`);
      expect(notes[SAMPLE_CARDS - 1]!.flds).toBe(`${LAST_SAMPLE.front}${FIELD_SEPARATOR}${LAST_SAMPLE.back}`);
    });
  });
});
