/**
 * Guarantees about a finished smoke run of the writers:
 * - the audit is read-only: every database file is byte-identical after `npm run audit`,
 *   whether it judges the run's snapshots or the live data folder;
 * - redaction: no file of the run directory (history, deliverables, Allure results,
 *   snapshots, traces opened as zip archives) holds a pool password, the run secret or a
 *   session id the target handed out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runPaths } from '../../helpers/run/run-dir.ts';
import { test, expect } from './support/fixtures.ts';
import { describeHits, digestTree, findSecrets } from './support/file-scan.ts';
import { PASSWORD_FIELD, passwordSecrets, sessionIdSecrets } from './support/run-secrets.ts';
import { zipOf } from './support/zip-fixture.ts';

/** Database files and anything SQLite could leave beside them (journal, WAL, shm). */
const isDatabaseFile = (relative: string): boolean => /\.db(-journal|-wal|-shm)?$/.test(relative);

test.describe('read-only audit', () => {
  test('npm run audit on a finished run leaves every snapshot database byte-identical', async ({ finishedRun, audit }) => {
    const snapshots = runPaths(finishedRun.dir).snapshots;
    const before = digestTree(snapshots, isDatabaseFile);
    expect(Object.keys(before).length, 'admin.db and the user databases were snapshotted').toBeGreaterThan(2);

    const result = await audit(finishedRun.dir);
    expect([0, 1], `audit exit code:\n${result.output}`).toContain(result.code);
    expect(result.stdout).toContain(`Audit of run ${finishedRun.info.id} (snapshots databases)`);

    expect(digestTree(snapshots, isDatabaseFile), 'database files after the audit (none changed, none appeared)').toEqual(before);
  });

  test('npm run audit of a run without snapshots reads the live data folder and leaves it byte-identical', async ({ finishedRun, audit }) => {
    // A copy of the run without database_snapshots/: its run.json still names the live folder, so that is what is judged.
    const copy = test.info().outputPath(path.basename(finishedRun.dir));
    fs.cpSync(finishedRun.dir, copy, { recursive: true, filter: (src) => !src.startsWith(runPaths(finishedRun.dir).snapshots) && !src.startsWith(runPaths(finishedRun.dir).targetData) });
    const live = finishedRun.info.dataDir;
    const before = digestTree(live, isDatabaseFile);
    expect(Object.keys(before).length, 'the live folder holds admin.db and the user databases').toBeGreaterThan(2);

    const result = await audit(copy);
    expect([0, 1], `audit exit code:\n${result.output}`).toContain(result.code);
    expect(result.stdout).toContain(`Audit of run ${finishedRun.info.id} (live databases)`);

    expect(digestTree(live, isDatabaseFile), 'live database files after the audit (none changed, none appeared)').toEqual(before);
  });
});

test.describe('redaction', () => {
  test('no file of the run holds a pool password, the run secret or a session id, traces included', ({ finishedRun }) => {
    const passwords = passwordSecrets(finishedRun.dir, finishedRun.secret);
    const sessions = sessionIdSecrets(finishedRun.dir);
    // Without these the scan would pass vacuously.
    expect(passwords.length, 'pool users whose passwords are searched for').toBeGreaterThan(0);
    expect(sessions.length, 'session ids left on the target to search for').toBeGreaterThan(0);

    const secrets = [...passwords, ...sessions, { label: 'the run secret', value: finishedRun.secret }, PASSWORD_FIELD];
    const hits = findSecrets(finishedRun.dir, secrets);
    expect(describeHits(hits), `secrets written into ${finishedRun.dir}`).toEqual([]);
  });

  test('the scan finds a password inside a trace archive and a session id in plain text', ({ finishedRun }) => {
    // The scan proves itself on planted copies: a clean result above means clean, not blind.
    const [password] = passwordSecrets(finishedRun.dir, finishedRun.secret);
    const [session] = sessionIdSecrets(finishedRun.dir);
    const planted = test.info().outputPath('planted');
    fs.mkdirSync(planted, { recursive: true });
    fs.writeFileSync(path.join(planted, 'trace.zip'), zipOf({ 'resources/login.json': `{"username":"x","pass":"${password!.value as string}"}` }));
    fs.writeFileSync(path.join(planted, 'api_request_log.jsonl'), `{"cookie":"session=${session!.value as string}.sig"}\n`);

    const hits = findSecrets(planted, [password!, session!]);
    expect(describeHits(hits)).toEqual([`${session!.label} in api_request_log.jsonl`, `${password!.label} in trace.zip → resources/login.json`]);
  });
});
