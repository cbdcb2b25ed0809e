/**
 * Reading the session folder's evidence: whose session each file is (the target's JSON, or
 * Flask-Session's pickle, opcode by opcode), which entries of the folder count as files, and
 * which saved counts a snapshot may be trusted with.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { readSessionFiles, usernameOf, SESSION_COUNT_FILE, SESSION_DIR } from '../../db/session-files.ts';

/** The bytes of a pickle fragment: `username` then the given opcodes and data. */
const afterKey = (...parts: (number[] | string)[]) => Buffer.concat([Buffer.from('username'), ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))]);

test("a JSON session's user is its string username, leading whitespace allowed; anything else is none", () => {
  expect(usernameOf(Buffer.from('\n  {"username": "alice01"}'))).toBe('alice01');
  expect(usernameOf(Buffer.from('{"username": 7}'))).toBeNull();
  expect(usernameOf(Buffer.from('{"user": "alice01"}'))).toBeNull();
  expect(usernameOf(Buffer.from('{"username": "alice01"'))).toBeNull();
});

test("a pickled session's user is the string right after the username key, past one memo opcode", () => {
  // SHORT_BINUNICODE: 0x8c, a 1-byte length, the text.
  expect(usernameOf(afterKey([0x8c, 5], 'bob02'))).toBe('bob02');
  expect(usernameOf(Buffer.concat([Buffer.from([0x80, 0x05, 0x7d]), afterKey([0x94, 0x8c, 5], 'bob02')]))).toBe('bob02');
  // BINPUT n (protocol 2) memoizes with a 1-byte index.
  expect(usernameOf(afterKey([0x71, 0x05, 0x8c, 5], 'bob02'))).toBe('bob02');
  // BINUNICODE: 'X', a 4-byte little-endian length, the text.
  expect(usernameOf(afterKey([0x58, 5, 0, 0, 0], 'bob02', [0x94, 0x75, 0x2e]))).toBe('bob02');
  expect(usernameOf(afterKey([0x94, 0x58, 0, 0, 0, 0]))).toBe('');
});

test('a pickle without the key, or cut inside the string header, names no user', () => {
  // No `username` at all, even with a string opcode where the key would have ended.
  expect(usernameOf(Buffer.from([0, 0, 0, 0, 0, 0, 0, 0x8c, 3, 0x61, 0x62, 0x63]))).toBeNull();
  expect(usernameOf(afterKey([0x8c]))).toBeNull();
  expect(usernameOf(afterKey([0x58, 5, 0]))).toBeNull();
  expect(usernameOf(afterKey([0x4b, 0x01, 0x2e, 0, 0, 0x41]))).toBeNull();
  // Text that opens like JSON but is not is no session, even if a pickled name follows.
  expect(usernameOf(Buffer.concat([Buffer.from('{'), afterKey([0x8c, 5], 'bob02')]))).toBeNull();
});

test('the folder counts regular files only: a dangling link or a sub-folder is not a session', () => {
  const dir = test.info().outputPath('data');
  const folder = path.join(dir, SESSION_DIR);
  fs.mkdirSync(path.join(folder, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'a'), JSON.stringify({ username: 'alice01' }));
  fs.symlinkSync(path.join(folder, 'missing'), path.join(folder, 'dangling'));
  expect(readSessionFiles(dir)).toEqual({ files: 1, byUser: { alice01: 1 }, unreadable: 0 });
});

test.describe("a snapshot's saved count", () => {
  const saved = (name: string, content: string) => {
    const dir = test.info().outputPath(name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, SESSION_COUNT_FILE), content);
    return readSessionFiles(dir);
  };

  test('keeps the numeric per-user counts only', () => {
    expect(saved('mixed', JSON.stringify({ files: 3, byUser: { alice01: 2, bob02: '1' }, unreadable: 0 }))).toEqual({ files: 3, byUser: { alice01: 2 }, unreadable: 0 });
  });

  test('is not trusted when it is not JSON, or lacks a numeric files or unreadable count or a per-user object', () => {
    expect(saved('not-json', '{"files": 3,')).toBeNull();
    expect(saved('files', JSON.stringify({ files: '3', byUser: {}, unreadable: 0 }))).toBeNull();
    expect(saved('unreadable', JSON.stringify({ files: 3, byUser: {} }))).toBeNull();
    expect(saved('by-user-text', JSON.stringify({ files: 3, byUser: 'alice01', unreadable: 0 }))).toBeNull();
    expect(saved('by-user-null', JSON.stringify({ files: 3, byUser: null, unreadable: 0 }))).toBeNull();
    expect(saved('number', '3')).toBeNull();
  });
});
