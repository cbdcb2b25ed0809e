/**
 * GET /export: the user's collection as an .apkg download (a zip holding
 * collection.anki2 and media).
 */
import AdmZip from 'adm-zip';
import { test, expect } from './support/contract-fixture.ts';

test('downloads a zip named <username>_export_<YYYYmmdd_HHMMSS>.apkg with collection.anki2 and media', async ({ reader }) => {
  const res = await reader.api.get('/export');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/zip');
  expect(res.headers()['content-disposition']).toMatch(new RegExp(`^attachment; filename=${reader.user.username}_export_\\d{8}_\\d{6}\\.apkg$`));
  const body = await res.body();
  expect(body.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  // Read as the suite reads every archive (adm-zip checks each entry's CRC): the database file and the empty media map.
  const entries = new Map(new AdmZip(body).getEntries().map((e) => [e.entryName, e.getData()]));
  expect([...entries.keys()].sort()).toEqual(['collection.anki2', 'media']);
  expect(entries.get('collection.anki2')!.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
  expect(entries.get('media')!.toString('utf8')).toBe('{}');
});
