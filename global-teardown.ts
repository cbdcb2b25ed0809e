/**
 * After the last virtual user: stop the embedded target, snapshot every database with
 * SQLite's online backup, judge the run directory (db/decision/judge-run-dir.ts), write the
 * run's deliverables, and fail the run when its decision is not a pass.
 */
import { currentRun } from './helpers/run/current-run.ts';
import { config } from './helpers/config/config.ts';
import { fetchData } from './db/data-fetch.ts';
import { failWithOneLine } from './helpers/config/fail.ts';
import { readOutcomes } from './helpers/monitor/outcomes-reporter.ts';
import { runPaths } from './helpers/run/run-dir.ts';
import { readRunInfo, updateRunInfo } from './helpers/run/run-store.ts';
import { scrubFinishedRun } from './report/scrub-finished-run.ts';
import { stopPid } from './helpers/run/stop-process.ts';
import { RunFailedError } from './helpers/run/errors/run-failed-error.ts';
import { snapshotRun } from './db/snapshot-run.ts';
import { judgementLines, judgeRunDir } from './db/decision/judge-run-dir.ts';
import { writeAllureCategories, writeAllureEnvironment } from './report/allure-categories.ts';
import { writeDeliverables } from './report/write-deliverables.ts';
import { configuredLimits } from './db/decision/thresholds.ts';

async function globalTeardown(): Promise<void> {
  const { dir } = currentRun();
  const info = readRunInfo(dir);
  // The target stops first so the snapshots hold everything it acknowledged.
  if (info.targetPid) await stopPid(info.targetPid);

  const outcomes = readOutcomes(dir);
  const projects = Object.values(outcomes?.projects ?? {});
  const planned = projects.reduce((n, p) => n + p.planned, 0);
  const ended = projects.reduce((n, p) => n + p.passed + p.failed + p.skipped, 0);
  const stopped = projects.reduce((n, p) => n + (p.interrupted ?? 0), 0);
  const interrupted = (planned > 0 && ended < planned) || stopped > 0;

  const fetchCmd = config.dataFetchCmd;
  if (info.shard && planned === 0) {
    // More shards than tests: Playwright gave this leg none. It sent nothing, so there is nothing to judge here.
    updateRunInfo(dir, { status: 'complete', note: `leg ${info.shard.current}/${info.shard.total} held no test`, finishedAt: new Date().toISOString() });
    console.log(`run ${info.id} leg ${info.shard.current}/${info.shard.total}: Playwright gave this shard no test; nothing to judge — the merge judges the run`);
    return;
  }
  await snapshotRun(dir, fetchCmd ? (dataDir) => fetchData(fetchCmd, dataDir, config.root) : undefined);
  const status = interrupted ? { status: 'incomplete' as const, note: `interrupted: ${ended} of ${planned} VU tests finished, ${stopped} stopped` } : { status: 'complete' as const };
  // The status first: the summary records the run as it ended.
  updateRunInfo(dir, status);
  // The one judgement stage (db/decision/judge-run-dir.ts), as the audit, the merge and the report judge a run.
  const judgement = judgeRunDir(dir, { limits: configuredLimits(), projectOutcomes: outcomes?.projects });
  const summary = writeDeliverables(judgement, { serverLogPath: info.serverLog });
  writeAllureCategories(runPaths(dir).allureResults);
  writeAllureEnvironment(runPaths(dir).allureResults, judgement.info);
  updateRunInfo(dir, { finishedAt: new Date().toISOString() });

  console.log(`\n${judgementLines(judgement, (word) => `run ${info.id}: ${word} — deliverables in ${dir}${interrupted ? ' (interrupted: judged what was recorded)' : ''}`).join('\n')}`);
  // The one decision (db/decision/run-decision.ts): a failure, or what could not be judged, fails the run.
  if (summary.result !== 'passed') throw new RunFailedError(summary.failures);
}

export default async function (): Promise<void> {
  try {
    // Last, failed or not: no password or session cookie may stay in the run's files, traces included.
    await globalTeardown().finally(scrubFinishedRun);
  } catch (e) {
    // Whatever went wrong, never leave the embedded target running.
    const info = (() => {
      try {
        return readRunInfo(currentRun().dir);
      } catch {
        return null;
      }
    })();
    if (info?.targetPid) await stopPid(info.targetPid);
    if (e instanceof RunFailedError) throw e;
    failWithOneLine(e);
  }
}
