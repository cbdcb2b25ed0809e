/**
 * Entry point of the embedded JAVUMBO target (`npm run target -- ...`). The same file
 * runs as the primary and, forked by node:cluster, as each worker.
 */
import cluster from 'node:cluster';
import { parseCliArgs } from './cli-args.ts';
import { runPrimary } from './cluster.ts';
import { TargetUsageError } from './usage-error.ts';
import { runWorker } from './worker.ts';

if (cluster.isPrimary) {
  try {
    await runPrimary(parseCliArgs(process.argv.slice(2)));
  } catch (err) {
    if (!(err instanceof TargetUsageError)) throw err;
    process.stderr.write(`target: ${err.message}\n`);
    process.exit(1);
  }
} else {
  runWorker();
}
