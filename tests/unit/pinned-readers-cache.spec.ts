/**
 * The collection cache of the per-VU audits: a collection is taken from it only while its file
 * (inode, size, times, SQLite change counter, and a `-wal` beside it) is as it was when read,
 * and never when the file was written within a second before that read. The files here are
 * plain bytes and the reader a counting stub: the cache judges files, not their contents.
 */
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import type { AuditCollection } from '../../db/anki-collection.ts';
import { CollectionCache } from '../../db/collection-cache.ts';

/** A reader that records every file it was asked for and returns a fresh collection each time. */
function countingReader(): { reads: string[]; read: (file: string) => AuditCollection } {
  const reads: string[] = [];
  return {
    reads,
    read: (file) => {
      reads.push(file);
      return { file, decks: new Map(), currentDeckId: null, revlog: [], markedCards: [], cardIds: [] };
    },
  };
}

/** A 100-byte file whose SQLite change counter (bytes 24–27) is `counter`. */
function writeDbBytes(name: string, counter = 7): string {
  const file = test.info().outputPath(name);
  fs.mkdirSync(test.info().outputPath(), { recursive: true });
  const bytes = Buffer.alloc(100, 0x41);
  bytes.writeUInt32BE(counter, 24);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Overwrite bytes in place (the size stays) and stamp the file with its own modification time. */
function rewriteInPlace(file: string, offset: number, bytes: Buffer, mtimeSeconds: number): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    fs.closeSync(fd);
  }
  fs.utimesSync(file, mtimeSeconds, mtimeSeconds);
}

/** The latest of a file's modification and change times, in whole ms as the cache reads them. */
function lastWriteMs(file: string): number {
  const stat = fs.statSync(file, { bigint: true });
  return Math.max(Number(stat.mtimeMs), Number(stat.ctimeMs));
}

/** Run `fn` with `Date.now()` answering `ms`. */
function at<T>(ms: number, fn: () => T): T {
  const realNow = Date.now;
  Date.now = () => ms;
  try {
    return fn();
  } finally {
    Date.now = realNow;
  }
}

/** Run `fn` while every stat of `file` reports the same (old) times, as on a coarse clock where two writes share one tick. */
function withFrozenTimes<T>(file: string, fn: () => T): T {
  const patchable = fs as { statSync: typeof fs.statSync };
  const realStat = fs.statSync;
  patchable.statSync = ((p: fs.PathLike, options?: fs.StatSyncOptions) => {
    const stat = realStat(p, options);
    if (p === file && stat !== undefined) Object.assign(stat, { mtimeNs: 1_000_000n, ctimeNs: 1_000_000n, mtimeMs: 1n, ctimeMs: 1n });
    return stat;
  }) as typeof fs.statSync;
  try {
    return fn();
  } finally {
    patchable.statSync = realStat;
  }
}

const LATER = 60_000;

test('an unchanged file last written long before its read is answered from the cache the second time', () => {
  const file = writeDbBytes('user_1.db');
  const reader = countingReader();
  const cache = new CollectionCache();
  const first = at(lastWriteMs(file) + LATER, () => cache.read(file, reader.read));
  const second = at(lastWriteMs(file) + LATER, () => cache.read(file, reader.read));
  expect(reader.reads).toEqual([file]);
  expect(second).toBe(first);
  expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 1, misses: 1 });
});

test('a file written within the second before its read, that second included, is read again; one written just over a second before is kept', () => {
  const file = writeDbBytes('user_1.db');
  const written = lastWriteMs(file);
  const reader = countingReader();
  const cache = new CollectionCache();
  at(written + 500, () => cache.read(file, reader.read));
  at(written + 1_000, () => cache.read(file, reader.read));
  at(written + 1_001, () => cache.read(file, reader.read));
  expect(reader.reads).toHaveLength(3);
  at(written + 1_002, () => cache.read(file, reader.read));
  expect(reader.reads).toHaveLength(3);
  expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 1, misses: 3 });
});

test('a file rewritten in place with the same size and change counter is read again (its times changed)', () => {
  const file = writeDbBytes('user_1.db');
  const reader = countingReader();
  const cache = new CollectionCache();
  const now = lastWriteMs(file) + LATER;
  at(now, () => cache.read(file, reader.read));
  rewriteInPlace(file, 60, Buffer.from('changed'), 1_700_000_000);
  at(now, () => cache.read(file, reader.read));
  expect(reader.reads).toEqual([file, file]);
  expect(cache.hits).toBe(0);
});

test('a commit within the same clock tick is still seen: a new SQLite change counter makes the file read again', () => {
  const file = writeDbBytes('user_1.db', 7);
  const reader = countingReader();
  const cache = new CollectionCache();
  withFrozenTimes(file, () => {
    cache.read(file, reader.read);
    cache.read(file, reader.read);
    expect(reader.reads).toHaveLength(1);
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(8);
    rewriteInPlace(file, 24, counter, 1_700_000_000);
    cache.read(file, reader.read);
  });
  expect(reader.reads).toHaveLength(2);
  expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 1, misses: 2 });
});

test('a -wal beside the file is part of its state: the same-sized -wal rewritten makes the collection read again', () => {
  const file = writeDbBytes('user_1.db');
  fs.writeFileSync(`${file}-wal`, 'first wal');
  fs.utimesSync(`${file}-wal`, 1_600_000_000, 1_600_000_000);
  const reader = countingReader();
  const cache = new CollectionCache();
  const now = lastWriteMs(file) + LATER;
  at(now, () => cache.read(file, reader.read));
  at(now, () => cache.read(file, reader.read));
  expect(reader.reads).toHaveLength(1);
  rewriteInPlace(`${file}-wal`, 0, Buffer.from('other wal'), 1_600_000_100);
  at(now, () => cache.read(file, reader.read));
  expect(reader.reads).toHaveLength(2);
});

test('a collection whose file changed during its read is not kept, even when the file looks as before afterwards', () => {
  const file = writeDbBytes('user_1.db');
  const cache = new CollectionCache();
  const reads: string[] = [];
  const readWhileWalAppears = (f: string): AuditCollection => {
    reads.push(f);
    fs.writeFileSync(`${f}-wal`, 'a commit landed during the read');
    return countingReader().read(f);
  };
  const now = lastWriteMs(file) + LATER;
  at(now, () => cache.read(file, readWhileWalAppears));
  fs.rmSync(`${file}-wal`);
  const reader = countingReader();
  at(now, () => cache.read(file, reader.read));
  expect(reader.reads).toEqual([file]);
  expect(reads).toEqual([file]);
  expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 0, misses: 2 });
});

test('a file that vanishes during its read is answered by that read and then handed to the reader again', () => {
  const file = writeDbBytes('user_1.db');
  const cache = new CollectionCache();
  const now = lastWriteMs(file) + LATER;
  const collection = at(now, () =>
    cache.read(file, (f) => {
      fs.rmSync(f);
      return countingReader().read(f);
    }),
  );
  expect(collection.file).toBe(file);
  const reader = countingReader();
  at(now, () => cache.read(file, reader.read));
  at(now, () => cache.read(file, reader.read));
  expect(reader.reads).toEqual([file, file]);
  expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 0, misses: 3 });
});

test('checking whether a file changed leaves no file descriptor open', () => {
  const file = writeDbBytes('user_1.db');
  const reader = countingReader();
  const cache = new CollectionCache();
  const now = lastWriteMs(file) + LATER;
  const openBefore = fs.readdirSync('/proc/self/fd').length;
  for (let i = 0; i < 5; i++) at(now, () => cache.read(file, reader.read));
  expect(fs.readdirSync('/proc/self/fd')).toHaveLength(openBefore);
  expect(reader.reads).toHaveLength(1);
});
