/**
 * The history reader: every history file of a run, one operation per line, with the
 * half-written last line of an interrupted run skipped and counted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { readHistory } from '../../helpers/history/reader.ts';
import { historyBuilder } from './support/history-builder.ts';
import { ALICE, BOB, HISTORY_DECK, T0 } from './support/checker-scenario.ts';

function writeRun(files: Record<string, string>): string {
  const runDir = test.info().outputPath('run');
  fs.mkdirSync(path.join(runDir, 'history'), { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(runDir, 'history', name), text);
  return runDir;
}

test('reads every jsonl file of history/ into operations ordered by send time', () => {
  const h = historyBuilder();
  const a = h.add({ ...ALICE, seq: 1, deckId: HISTORY_DECK, at: T0 + 100 }).op;
  const b = h.add({ ...BOB, seq: 1, deckId: 1, at: T0 + 50 }).op;
  const runDir = writeRun({ 'w01.jsonl': `${JSON.stringify(a)}\n`, 'w02.jsonl': `${JSON.stringify(b)}\n`, 'notes.txt': 'ignored' });
  const read = readHistory(runDir);
  expect(read.operations.map((op) => op.id)).toEqual([b.id, a.id]);
  expect(read.files.map((f) => path.basename(f))).toEqual(['w01.jsonl', 'w02.jsonl']);
  expect(read.truncatedLines).toEqual([]);
  expect(read.malformedLines).toEqual([]);
});

test('a truncated last line is skipped and counted; the lines before it are kept', () => {
  const h = historyBuilder();
  const first = h.add({ ...ALICE, seq: 1, deckId: HISTORY_DECK, at: T0 }).op;
  const second = JSON.stringify(h.add({ ...ALICE, seq: 2, deckId: HISTORY_DECK, at: T0 + 1000 }).op);
  const runDir = writeRun({ 'w01.jsonl': `${JSON.stringify(first)}\n${second.slice(0, 40)}` });
  const read = readHistory(runDir);
  expect(read.operations.map((op) => op.id)).toEqual([first.id]);
  expect(read.truncatedLines).toEqual([{ file: path.join(runDir, 'history', 'w01.jsonl'), line: 2, reason: 'not JSON' }]);
  expect(read.malformedLines).toEqual([]);
});

test('a broken line in the middle or a record that is not an operation is counted as malformed', () => {
  const h = historyBuilder();
  const op = h.add({ ...ALICE, seq: 1, deckId: HISTORY_DECK, at: T0 }).op;
  const runDir = writeRun({ 'w01.jsonl': `{"id":"w01#1","vu"\n${JSON.stringify({ hello: 1 })}\n${JSON.stringify(op)}\n` });
  const read = readHistory(runDir);
  expect(read.operations).toHaveLength(1);
  expect(read.truncatedLines).toEqual([]);
  expect(read.malformedLines.map((l) => [l.line, l.reason])).toEqual([
    [1, 'not JSON'],
    [2, 'not an operation record'],
  ]);
});

test('a run without history/ reads as an empty history', () => {
  const runDir = test.info().outputPath('empty-run');
  fs.mkdirSync(runDir, { recursive: true });
  expect(readHistory(runDir)).toEqual({ operations: [], files: [], truncatedLines: [], malformedLines: [] });
});
