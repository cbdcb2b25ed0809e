/**
 * `npm run audit` on a copy of a finished run whose databases were damaged afterwards:
 * an admin.db it cannot read stops the audit with one line (exit 2); a corrupt or truncated
 * user database becomes an `unreadable-database` finding for that user while every other
 * user is still judged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runPaths, type PoolUser } from '../../helpers/run/run-dir.ts';
import type { Verdict } from '../../db/verdict.ts';
import { test, expect } from './support/fixtures.ts';
import { expectAuditRefusal } from './support/audit-refusal.ts';
import { corruptHeader, truncateFile, writeForeignAdminDb } from './support/crafted-data.ts';
import { digestTree } from './support/file-scan.ts';
import { poolOf } from './support/run-secrets.ts';
import type { FinishedRun } from './support/child-runs.ts';

/** A copy of the finished run to damage; the original stays intact for the other tests. */
function copyOf(run: FinishedRun): string {
  const copy = test.info().outputPath(path.basename(run.dir));
  fs.cpSync(run.dir, copy, { recursive: true, filter: (src) => !src.startsWith(runPaths(run.dir).targetData) });
  return copy;
}

function snapshotOf(runDir: string, user: PoolUser): string {
  return path.join(runPaths(runDir).snapshots, 'user_dbs', `user_${user.userId}.db`);
}

function writer(runDir: string, vu: string): PoolUser {
  const user = poolOf(runDir).find((u) => u.vu === vu);
  if (!user) throw new Error(`no pool user for ${vu} in ${runDir}`);
  return user;
}

test('an admin.db with an unexpected schema stops the audit with one line', async ({ finishedRun, audit }) => {
  const copy = copyOf(finishedRun);
  writeForeignAdminDb(path.join(runPaths(copy).snapshots, 'admin.db'));
  const before = digestTree(copy);
  const result = await audit(copy);
  expect(digestTree(copy), 'the refused audit changed nothing in the run').toEqual(before);
  expectAuditRefusal(
    result,
    /^.*\/database_snapshots\/admin\.db is not a JAVUMBO admin database: table users lacks column\(s\) user_id, username, name \(found id, login, email\)\. The audit reads the run's database_snapshots\/ when present, else the folder "dataDir" of run\.json names: make that hold the server's real admin\.db\.$/,
  );
});

test('an admin.db that is not SQLite at all stops the audit with one line', async ({ finishedRun, audit }) => {
  const copy = copyOf(finishedRun);
  fs.writeFileSync(path.join(runPaths(copy).snapshots, 'admin.db'), 'not a database, just text\n'.repeat(100));
  const before = digestTree(copy);
  const result = await audit(copy);
  expect(digestTree(copy), 'the refused audit changed nothing in the run').toEqual(before);
  expectAuditRefusal(result, /^.*\/database_snapshots\/admin\.db is not a JAVUMBO admin database: cannot be read \(file is not a database\)\. The audit reads the run's database_snapshots\/ /);
});

test('a truncated and a corrupt user database are reported unreadable for their users, and everyone else is still judged', async ({ finishedRun, audit }) => {
  const copy = copyOf(finishedRun);
  const truncated = writer(copy, 'w01');
  const corrupt = writer(copy, 'w02');
  const sizeBefore = fs.statSync(snapshotOf(copy, truncated)).size;
  truncateFile(snapshotOf(copy, truncated), 8192);
  corruptHeader(snapshotOf(copy, corrupt));
  const databases = fs.readdirSync(path.join(runPaths(copy).snapshots, 'user_dbs')).filter((f) => f.endsWith('.db')).length;
  expect(sizeBefore, 'the truncation really cut the file').toBeGreaterThan(8192);

  const result = await audit(copy);
  expect(result.stderr.trim(), 'nothing on stderr').toBe('');
  // A clean run with two databases unread is not a pass: unknown, exit 3 (a refusal would be 2).
  expect(result.code, `the audit judges what it can and answers unknown:\n${result.output}`).toBe(3);
  expect(result.stdout).toContain(`Audit of run ${finishedRun.info.id} (snapshots databases): UNKNOWN`);
  expect(result.stdout).toContain('not judged: 2 user database(s) could not be read');
  expect(result.stdout).toContain('unreadable-database: 2');

  // The CLI's --write is the machine-readable verdict; the copy is ours to write into.
  const written = await audit(copy, ['--write']);
  expect(written.code).toBe(result.code);
  const verdict = JSON.parse(fs.readFileSync(runPaths(copy).violations, 'utf8')) as Verdict;
  expect(verdict.valid).toBe('unknown');
  const unreadable = verdict.observations.filter((o) => o.kind === 'unreadable-database').map((o) => o.evidence.username);
  expect(unreadable.sort()).toEqual([truncated.username, corrupt.username].sort());
  expect(verdict.usersJudged, 'every other user database was read').toBe(databases - 2);
  // Their cards are unjudged, never called lost or misrouted.
  const blamed = verdict.violations.filter((v) => JSON.stringify(v).includes(truncated.username) || JSON.stringify(v).includes(corrupt.username));
  expect(blamed.map((v) => v.message)).toEqual([]);
  const others = verdict.reconciliation.filter((row) => row.username !== truncated.username && row.username !== corrupt.username);
  expect(others.length, 'the other writers were reconciled').toBeGreaterThan(0);
  for (const row of others) expect(row.cardsInOwnDb, `${row.vu}: cards found in its own database`).toBe(row.acknowledgedAdds);
});

test('a saved clean run whose one user database is truncated is judged unknown, exit 3, never a pass', async ({ finishedRun, audit }) => {
  const clean = await audit(copyOf(finishedRun));
  expect(clean.code, `the saved run itself passes:\n${clean.output}`).toBe(0);
  const copy = copyOf(finishedRun);
  const truncated = writer(copy, 'w01');
  truncateFile(snapshotOf(copy, truncated), 4096);
  const result = await audit(copy);
  expect(result.code, result.output).toBe(3);
  expect(result.stdout).toMatch(/run \S+: UNKNOWN \(not everything could be judged\)/);
  expect(result.stdout).toContain('not judged: 1 user database(s) could not be read');
});
