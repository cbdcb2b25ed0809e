/**
 * One worker process (like a Gunicorn sync worker): waits for its config from the
 * primary, serves the app on the shared port, exits when told to (SIGTERM) or when the
 * primary is gone (the IPC channel disconnects), so no worker outlives its primary.
 */
import cluster from 'node:cluster';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { dataPaths } from './data-paths.ts';
import { FaultInjector } from './faults.ts';
import { ServerLog } from './log.ts';
import { RecentUsers } from './recent-users.ts';
import { isWorkerConfig, type AwaitingConfig, type ListenFailed, type WorkerConfig } from './worker-config.ts';

const UI_DIR = fileURLToPath(new URL('./ui/', import.meta.url));

/** How long in-flight requests may take to finish on SIGTERM before the worker exits anyway. */
const GRACEFUL_STOP_MS = 5000;

function serve(config: WorkerConfig): void {
  const paths = dataPaths(config.dataDir);
  const log = new ServerLog(paths.serverLog);
  log.info(`Base directory detected: ${paths.dataDir}`);
  const workerId = cluster.worker?.id ?? 0;
  const faults = new FaultInjector(config.faults, config.faultSeed, workerId, log);
  const app = createApp(
    { paths, log, faults, recentUsers: new RecentUsers(), bcryptCost: config.bcryptCost, enhancedLog: config.enhancedLog, uiDir: UI_DIR, sessionStore: config.sessionStore },
    config.sessionSecret,
  );
  const server = http.createServer(app);

  server.on('error', (err: NodeJS.ErrnoException) => {
    const msg: ListenFailed = { type: 'listen-failed', code: err.code ?? 'UNKNOWN', message: err.message };
    process.send?.(msg, () => process.exit(1));
  });
  server.listen(config.port, config.host);

  process.on('SIGTERM', () => {
    log.info(`Worker exiting (pid: ${process.pid})`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), GRACEFUL_STOP_MS).unref();
  });
}

export function runWorker(): void {
  // The primary decides when workers stop; a Ctrl-C reaching the whole process group
  // must not kill them before the primary has begun its orderly shutdown.
  process.on('SIGINT', () => undefined);
  process.on('disconnect', () => process.exit(0));
  process.on('message', (msg: unknown) => {
    if (isWorkerConfig(msg)) serve(msg);
  });
  const ready: AwaitingConfig = { type: 'awaiting-config' };
  process.send?.(ready);
}
