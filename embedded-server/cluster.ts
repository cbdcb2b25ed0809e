/**
 * The primary process, like Gunicorn's arbiter: prepares the data directory, forks N
 * workers sharing one port, replaces any worker that dies (the crash-worker fault relies
 * on this), and on SIGINT/SIGTERM stops every worker before exiting itself.
 */
import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import type { SessionStoreChoice, TargetOptions } from './cli-args.ts';
import { dataPaths } from './data-paths.ts';
import { prepareDataDir } from './data-dir.ts';
import { formatFaultSpec } from './fault-spec.ts';
import { ServerLog } from './log.ts';
import { startOwnRedis, stopOwnRedis, type OwnRedis } from './redis-server.ts';
import type { SessionStoreOption } from './session.ts';
import { ensurePortFree, pickFreePort } from './port-probe.ts';
import { TargetUsageError } from './usage-error.ts';
import { isAwaitingConfig, isListenFailed, type WorkerConfig } from './worker-config.ts';

/** Time the workers get to start listening before the start is declared failed. */
const BOOT_TIMEOUT_MS = 30_000;
/** Time the workers get to exit on shutdown before they are killed. */
const STOP_TIMEOUT_MS = 10_000;

function printReady(options: TargetOptions, port: number, serverLog: string): void {
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  process.stdout.write(`BASE_URL=http://${host}:${port}\nDATA_DIR=${options.dataDir}\nSERVER_LOG=${serverLog}\n`);
}

export async function runPrimary(options: TargetOptions): Promise<void> {
  const paths = dataPaths(options.dataDir);
  prepareDataDir(paths);
  await ensurePortFree(options.host, options.port);
  const log = new ServerLog(paths.serverLog);
  const { store: sessionStore, ownRedis } = await resolveSessionStore(options.sessionStore, options.host);
  // However the primary ends (signal, failed boot, a worker that cannot listen), its Redis goes with it.
  if (ownRedis) process.on('exit', () => ownRedis.process.kill('SIGTERM'));
  // Picked after the own Redis holds its port: two probes in a row may be handed the same free port.
  const chosenPort = options.port === 0 ? await pickFreePort(options.host) : options.port;
  const config: WorkerConfig = {
    type: 'config',
    dataDir: paths.dataDir,
    host: options.host,
    port: chosenPort,
    bcryptCost: options.bcryptCost,
    faults: { ...options.faults },
    faultSeed: options.faultSeed,
    enhancedLog: options.enhancedLog,
    sessionSecret: randomBytes(32).toString('hex'),
    sessionStore,
  };
  log.info(
    `Starting target: ${options.workers} workers on ${options.host}:${chosenPort}, faults ${formatFaultSpec(options.faults)}, fault seed ${options.faultSeed}${options.enhancedLog ? ', enhanced log' : ''}, sessions in ${sessionStore.kind === 'redis' ? sessionStore.url : 'files'}`,
  );

  const state = { stopping: false };
  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on('message', (msg: unknown) => {
      if (isAwaitingConfig(msg)) worker.send(config);
    });
    log.info(`Booting worker with pid: ${worker.process.pid ?? '?'}`);
    return worker;
  };
  stopOnSignals(options, log, state, () => (ownRedis ? stopOwnRedis(ownRedis) : Promise.resolve()));
  superviseWorkers({ options, port: chosenPort, serverLog: paths.serverLog, log, state, fork });

  const listening = allListening(options.workers, chosenPort, paths.serverLog);
  for (let i = 0; i < options.workers; i++) fork();
  const port = await listening;
  log.info(`Listening at: http://${options.host}:${port} (${process.pid})`);
  printReady(options, port, paths.serverLog);
}

/** Where the workers keep sessions; for `--session-store redis`, the Redis the target starts for them. */
async function resolveSessionStore(choice: SessionStoreChoice, host: string): Promise<{ store: SessionStoreOption; ownRedis: OwnRedis | null }> {
  if (choice.kind !== 'own-redis') return { store: choice, ownRedis: null };
  const ownRedis = await startOwnRedis(host);
  return { store: { kind: 'redis', url: ownRedis.url }, ownRedis };
}

function liveWorkers(): Worker[] {
  return Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
}

/** SIGINT, SIGTERM (and stdin closing, when asked): every worker gets SIGTERM, then SIGKILL after STOP_TIMEOUT_MS; then the primary exits. */
function stopOnSignals(options: TargetOptions, log: ServerLog, state: { stopping: boolean }, afterWorkers: () => Promise<void>): void {
  const stop = async (signal: string): Promise<void> => {
    if (state.stopping) return;
    state.stopping = true;
    log.info(`Handling signal: ${signal}`);
    await Promise.all(liveWorkers().map(stopWorker));
    await afterWorkers();
    log.info('Shutting down: Master');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('int'));
  process.on('SIGTERM', () => void stop('term'));
  if (options.stopOnStdinClose) {
    process.stdin.on('close', () => void stop('stdin closed'));
    process.stdin.resume();
  }
}

function stopWorker(w: Worker): Promise<void> {
  return new Promise<void>((resolve) => {
    if (w.isDead()) return resolve();
    const killer = setTimeout(() => w.process.kill('SIGKILL'), STOP_TIMEOUT_MS);
    w.process.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    w.process.kill('SIGTERM');
  });
}

/**
 * Like Gunicorn's arbiter: a worker that cannot listen stops the target (its port is taken);
 * a worker that exits on its own before it ever listened failed to boot, and respawning it
 * would only loop, so the target stops too; any other worker that dies is replaced.
 */
function superviseWorkers(s: { options: TargetOptions; port: number; serverLog: string; log: ServerLog; state: { stopping: boolean }; fork: () => Worker }): void {
  const giveUp = (line: string): never => {
    s.state.stopping = true;
    process.stderr.write(`target: ${line}\n`);
    for (const w of liveWorkers()) w.process.kill('SIGKILL');
    process.exit(1);
  };
  cluster.on('message', (worker, msg: unknown) => {
    if (!isListenFailed(msg)) return;
    const reason = msg.code === 'EADDRINUSE' ? `port ${s.port} on ${s.options.host} is already in use` : `worker ${worker.process.pid ?? '?'} cannot listen (${msg.message})`;
    giveUp(`${reason}; pass another --port (0 picks a free one)`);
  });
  const listened = new WeakSet<Worker>();
  cluster.on('listening', (worker) => listened.add(worker));
  cluster.on('exit', (worker, code, signal) => {
    if (s.state.stopping) return;
    if (!listened.has(worker) && signal === null) {
      s.log.error(`Worker (pid: ${worker.process.pid ?? '?'}) failed to boot (exit code ${code}); shutting down`);
      giveUp(`a worker failed to boot (exit code ${code}); see ${s.serverLog}`);
    }
    s.log.warning(`Worker (pid: ${worker.process.pid ?? '?'}) exited with ${signal ?? `code ${code}`}; booting a replacement`);
    s.fork();
  });
}

/** Resolves with the port once `workers` workers listen; rejects after BOOT_TIMEOUT_MS. */
function allListening(workers: number, chosenPort: number, serverLog: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const ports = new Set<number>();
    let count = 0;
    const timer = setTimeout(() => reject(new TargetUsageError(`workers did not start listening within ${BOOT_TIMEOUT_MS / 1000} s; see ${serverLog}`)), BOOT_TIMEOUT_MS);
    const onListening = (_worker: Worker, address: { port: number }): void => {
      ports.add(address.port);
      count += 1;
      if (count < workers) return;
      clearTimeout(timer);
      cluster.off('listening', onListening);
      resolve([...ports][0] ?? chosenPort);
    };
    cluster.on('listening', onListening);
  });
}
