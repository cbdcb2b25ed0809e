/**
 * Global setup of the proof suite (`npm test`): a run directory and a target for the
 * contract tests — the embedded one on a fresh data dir, or the one `.env` names.
 * Returns the teardown that stops what it started.
 */
import { config } from '../../helpers/config/config.ts';
import { currentRun } from '../../helpers/run/current-run.ts';
import { failWithOneLine } from '../../helpers/config/fail.ts';
import { runPaths } from '../../helpers/run/run-dir.ts';
import { createRunDir, writeRunInfo } from '../../helpers/run/run-store.ts';
import { probeTarget } from '../../helpers/config/target-probe.ts';
import { checkDataDir } from '../../db/data-dir-check.ts';
import { startTarget } from '../../embedded-server/start.ts';

export default async function proofSetup(): Promise<() => Promise<void>> {
  try {
    const run = currentRun();
    // `runs/latest` stays on the last load run: the deliverables check reads it.
    createRunDir(config.runsDir, run.id, { latest: false });
    const target =
      config.baseUrl && config.dataDir ? null : await startTarget({ port: 0, dataDir: runPaths(run.dir).targetData, workers: config.target.workers, bcryptCost: config.target.bcryptCost });
    const baseUrl = target?.baseUrl ?? config.baseUrl!;
    const dataDir = target?.dataDir ?? config.dataDir!;
    await probeTarget(baseUrl);
    checkDataDir(dataDir);
    writeRunInfo(run.dir, {
      id: run.id,
      epochMs: Date.now(),
      startedAt: new Date().toISOString(),
      profile: 'proof',
      baseUrl,
      dataDir,
      serverLog: target?.logFile ?? config.serverLog,
      embedded: !!target,
      faults: null,
      targetWorkers: target ? config.target.workers : null,
      targetPid: target?.pid ?? null,
      status: 'running',
    });
    return async () => {
      await target?.stop();
    };
  } catch (e) {
    return failWithOneLine(e);
  }
}
