/**
 * `npm run audit -- runs/<id> [--write]`: judge a run directory and print the verdict.
 * Exit 0 when clean, 1 when violations exist or a threshold is broken, 2 on bad input (one line,
 * no stack trace), 3 when no violation was found but not everything could be judged (unknown).
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { runPaths } from '../helpers/run/run-dir.ts';
import { auditRunDir, resolveRunDir } from '../db/audit-run.ts';
import { AdminDbMissingError } from '../db/errors/admin-db-missing-error.ts';
import { AdminSchemaError } from '../db/errors/admin-schema-error.ts';
import { AuditInputError } from '../db/errors/audit-input-error.ts';
import { RunDirError } from '../helpers/run/errors/run-dir-error.ts';
import { printVerdict } from '../db/print-verdict.ts';
import { configuredLimits } from '../db/decision/known-findings.ts';
import { decideRun, resultWord } from '../db/decision/run-decision.ts';
import { readOutcomes } from '../helpers/monitor/outcomes-reporter.ts';
import { judgePerformance, thresholdMark } from '../db/decision/judge-performance.ts';
import { redact } from '../helpers/secrets/redact.ts';
import { KnownFindingsError } from '../db/errors/known-findings-error.ts';

export { printVerdict } from '../db/print-verdict.ts';

const EXIT_FAILED = 1;
const EXIT_UNKNOWN = 3;
const USAGE = 'Usage: npm run audit -- <run dir, e.g. runs/latest> [--write]';

/** Run the CLI on `argv` (without node and script); returns the exit code. */
export function main(argv: readonly string[], out: (text: string) => void = console.log, err: (text: string) => void = console.error): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    out(
      `${USAGE}\nJudges the run directory from its own files against known-findings.json (KNOWN_FINDINGS) and the thresholds; --write rewrites its integrity_violations.json.\nExit 0 passed, 1 failed, 2 bad input, 3 unknown (not everything could be judged).`,
    );
    return 0;
  }
  const write = argv.includes('--write');
  const unknown = argv.filter((arg) => arg.startsWith('--') && arg !== '--write');
  const positional = argv.filter((arg) => !arg.startsWith('--'));
  if (unknown.length > 0 || positional.length !== 1) {
    err(unknown.length > 0 ? `Unknown option ${unknown[0]}. ${USAGE}` : USAGE);
    return 2;
  }
  try {
    // The baseline first: a bad known-findings file is bad input whatever the run.
    const limits = configuredLimits();
    const runDir = resolveRunDir(positional[0]!);
    const result = auditRunDir(runDir);
    if (result.info.status !== 'complete') out(`Note: run ${result.info.id} is ${result.info.status}${result.info.note ? ` (${result.info.note})` : ''}; judging what it left.`);
    out(printVerdict(result.verdict));
    // The run's own verdict also holds its thresholds; judge them again from the history.
    const { thresholds, health } = judgePerformance(runDir, result.operations, result.info, result.verdict, limits);
    out(health.line);
    for (const t of thresholds) out(`${thresholdMark(t)} ${t.line}`);
    // The same decision as the run's teardown: its test outcomes too, when the run recorded them.
    const decision = decideRun({ verdict: result.verdict, thresholds, projectOutcomes: readOutcomes(runDir)?.projects, knownFindings: limits.knownFindings });
    for (const k of decision.known) out(`${k.withinLimit ? 'ok  ' : 'FAIL'} ${k.line}`);
    for (const f of decision.failures) out(`  ${f}`);
    out(`run ${result.info.id}: ${resultWord(decision.result)}`);
    const failed = decision.result === 'failed';
    const undecided = decision.result === 'unknown';
    if (write) {
      const file = runPaths(runDir).violations;
      // The verdict quotes card text and log lines: redacted like every file that leaves the run.
      fs.writeFileSync(file, `${JSON.stringify(redact(result.verdict), null, 2)}\n`);
      out(`Wrote ${file}`);
    }
    return failed ? EXIT_FAILED : undecided ? EXIT_UNKNOWN : 0;
  } catch (error) {
    if (error instanceof AdminSchemaError) {
      // The error's own fix speaks of DATA_DIR, which the audit does not read: name what it does read.
      err(
        `${error.file} is not a JAVUMBO admin database: ${error.problem}. The audit reads the run's database_snapshots/ when present, else the folder "dataDir" of run.json names: make that hold the server's real admin.db.`,
      );
      return 2;
    }
    if (error instanceof AuditInputError || error instanceof RunDirError || error instanceof AdminDbMissingError || error instanceof KnownFindingsError) {
      err(error.message);
      return 2;
    }
    err(`Audit failed: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
