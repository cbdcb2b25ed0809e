/**
 * Global teardown's last step, whether the teardown succeeded or not: scrub the run
 * directory of the run's passwords, the run secret and session cookies (see scrub-run-dir.ts).
 */
import { config } from '../helpers/config/config.ts';
import { currentRun } from '../helpers/run/current-run.ts';
import { runPasswords } from './run-passwords.ts';
import { scrubRunDir } from '../helpers/secrets/scrub-run-dir.ts';

/**
 * Never throws: it runs in a `finally`, where an exception would hide the teardown's own
 * error. A failure is one line on stderr naming the run directory that may still hold secrets.
 */
export function scrubFinishedRun(): void {
  let dir = 'the run directory';
  try {
    const run = currentRun();
    dir = run.dir;
    const started = Date.now();
    const { filesChanged, removed } = scrubRunDir(run.dir, { passwords: [...runPasswords(run.dir, run.id, run.secret, config.profile), run.secret] });
    for (const r of removed) process.stderr.write(`warning: unreadable archive deleted by the secrets scrub: ${r}\n`);
    if (filesChanged > 0) console.log(`scrubbed passwords and session cookies from ${filesChanged} file(s) of ${run.dir} in ${Date.now() - started} ms`);
  } catch (e) {
    process.stderr.write(
      `error: scrubbing secrets from ${dir} failed (${(e as Error).message}): its traces and logs may still hold passwords or session cookies; delete them before sharing the run\n`,
    );
  }
}
