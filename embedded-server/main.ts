/**
 * Entry point of the embedded JAVUMBO target (`npm run target -- ...`). The same file
 * runs as the primary and, forked by node:cluster, as each worker; each loads only its own
 * modules (the primary never loads express, SQLite or bcrypt: half a second of its boot).
 */
import cluster from 'node:cluster';
import { TargetUsageError } from './usage-error.ts';

if (cluster.isPrimary) {
  try {
    const [{ parseCliArgs }, { runPrimary }] = await Promise.all([import('./cli-args.ts'), import('./cluster.ts')]);
    await runPrimary(parseCliArgs(process.argv.slice(2)));
  } catch (err) {
    if (!(err instanceof TargetUsageError)) throw err;
    process.stderr.write(`target: ${err.message}\n`);
    process.exit(1);
  }
} else {
  const { runWorker } = await import('./worker.ts');
  runWorker();
}
