/**
 * The audit must never change what it judges: every database file is byte-identical
 * afterwards, and no journal or WAL file appears beside it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { writeDataDir } from './support/anki-fixture.ts';
import { historyBuilder } from './support/history-builder.ts';
import { ALICE, CAROL, HISTORY_DECK, T0, auditOf, baseUsers, rowFor, userOf } from './support/checker-scenario.ts';
import { REAL_SAMPLE_DIR } from './support/real-sample.ts';

function checksums(dir: string): Record<string, string> {
  const sums: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else sums[path.relative(dir, file)] = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    }
  };
  walk(dir);
  return sums;
}

test('auditing leaves every database byte-identical and creates no files', () => {
  const users = baseUsers();
  const h = historyBuilder();
  const { card } = h.add({ ...ALICE, seq: 1, deckId: HISTORY_DECK, at: T0, cardId: T0 + 1 });
  userOf(users, 1).cards.push(rowFor(card, T0 + 1, HISTORY_DECK));
  h.add({ ...ALICE, seq: 2, deckId: HISTORY_DECK, at: T0 + 1000, cardId: T0 + 1001 });
  h.answer(CAROL, 1_795_743_678_001, 3, T0 + 2000);
  const dir = test.info().outputPath('data');
  writeDataDir(dir, users);

  const before = checksums(dir);
  const verdict = auditOf(dir, h.ops);
  expect(verdict.violations.length).toBeGreaterThan(0);
  expect(checksums(dir)).toEqual(before);
});

test('auditing the real sample leaves its files byte-identical', () => {
  const dir = REAL_SAMPLE_DIR;
  const before = checksums(dir);
  auditOf(dir, []);
  expect(checksums(dir)).toEqual(before);
});
