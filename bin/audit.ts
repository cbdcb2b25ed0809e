/**
 * `npm run audit -- runs/<id> [--write] [--current-limits] [--json]`: judge a run directory and
 * print the verdict and the run's decision (as one JSON object with --json). Exit 0 passed, 1 failed (violations or a broken threshold),
 * 2 bad input (one line, no stack trace), 3 when nothing failed but not everything could be
 * judged (unknown). A bug in the suite keeps its stack and exits 1.
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { runPaths } from '../helpers/run/run-dir.ts';
import { resolveRunDir } from '../db/audit-run.ts';
import { AdminSchemaError } from '../db/errors/admin-schema-error.ts';
import { AuditInputError } from '../db/errors/audit-input-error.ts';
import { configuredLimits } from '../db/decision/thresholds.ts';
import { judgementLines, judgeRunDir, recordedLimits, type RunJudgement } from '../db/decision/judge-run-dir.ts';
import type { Criterion, RunResult } from '../db/decision/run-decision.ts';
import type { Verdict } from '../db/verdict.ts';
import type { RunInfo } from '../helpers/run/run-dir.ts';
import { redact } from '../helpers/secrets/redact.ts';
import { parseCommandLine, runCommand } from '../helpers/config/cli-args.ts';
import { UsageError } from '../helpers/config/errors/usage-error.ts';

export { printVerdict } from '../db/print-verdict.ts';

const EXIT = { passed: 0, failed: 1, unknown: 3 } as const;
const USAGE = 'npm run audit -- <run dir, e.g. runs/latest> [--write] [--current-limits] [--json]';
const HELP = `Usage: ${USAGE}

Judges the run directory from its own files (history, database snapshots or the live data
folder, the server log) as the run's teardown judged it, and prints the verdict and the decision.

Options:
  --write            rewrite the run's integrity_violations.json with this verdict (redacted)
  --current-limits   judge by this checkout's thresholds and known findings (known-findings.json,
                     KNOWN_FINDINGS) instead of those the run recorded when it was judged
  --json             print one JSON object (AuditJson: run, result, exit code, failures, criteria,
                     the verdict's counts) instead of the text, for scripts
  --help             this text

Exit 0 passed, 1 failed, 2 bad input, 3 unknown (not everything could be judged).`;

/** What `--json` prints: the decision with its exit code and the verdict's counts (no card text: nothing to redact). */
export interface AuditJson {
  runId: string;
  status: RunInfo['status'];
  result: RunResult;
  exitCode: number;
  failures: string[];
  criteria: Criterion[];
  verdict: Pick<Verdict, 'ok' | 'valid' | 'usersJudged' | 'cardsRead' | 'countsByClass' | 'unjudged'> & { violations: number };
}

function auditJson(judgement: RunJudgement): AuditJson {
  const { info, decision, verdict } = judgement;
  return {
    runId: info.id,
    status: info.status,
    result: decision.result,
    exitCode: EXIT[decision.result],
    failures: decision.failures,
    criteria: decision.criteria,
    verdict: {
      ok: verdict.ok,
      valid: verdict.valid,
      usersJudged: verdict.usersJudged,
      cardsRead: verdict.cardsRead,
      countsByClass: verdict.countsByClass,
      unjudged: verdict.unjudged,
      violations: verdict.violations.length,
    },
  };
}

/** Judge the run; an admin.db of the wrong shape is named with what the audit reads, not DATA_DIR. */
function judge(runDir: string, limits: Parameters<typeof judgeRunDir>[1]['limits']) {
  try {
    return judgeRunDir(runDir, { limits });
  } catch (error) {
    if (error instanceof AdminSchemaError)
      throw new AuditInputError(
        `${error.file} is not a JAVUMBO admin database: ${error.problem}. The audit reads the run's database_snapshots/ when present, else the folder "dataDir" of run.json names: make that hold the server's real admin.db.`,
      );
    throw error;
  }
}

/** Run the CLI on `argv` (without node and script); returns the exit code. */
export function main(argv: readonly string[], out: (text: string) => void = console.log, err: (text: string) => void = console.error): number {
  return runCommand(() => {
    const { values, positionals } = parseCommandLine(
      argv,
      { write: { type: 'boolean' }, 'current-limits': { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      USAGE,
    );
    if (values.help) {
      out(HELP);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'no run directory given' : `one run directory expected, got ${positionals.length}`, USAGE);
    // The baseline first: a bad known-findings file is bad input whatever the run.
    const configured = configuredLimits();
    const runDir = resolveRunDir(positionals[0]!);
    // A copied run is judged by what it was judged with, unless told otherwise.
    const recorded = values['current-limits'] ? null : recordedLimits(runDir);
    const judgement = judge(runDir, recorded ?? configured);
    const { info } = judgement;
    // With --json, stdout is the one object and nothing else.
    const note = values.json ? () => undefined : out;
    if (info.status !== 'complete') note(`Note: run ${info.id} is ${info.status}${info.note ? ` (${info.note})` : ''}; judging what it left.`);
    if (recorded) note("Limits: the thresholds and known findings the run recorded (--current-limits for this checkout's).");
    out(values.json ? JSON.stringify(auditJson(judgement), null, 2) : judgementLines(judgement).join('\n'));
    if (values.write) {
      const file = runPaths(runDir).violations;
      // The verdict quotes card text and log lines: redacted like every file that leaves the run.
      fs.writeFileSync(file, `${JSON.stringify(redact(judgement.verdict), null, 2)}\n`);
      note(`Wrote ${file}`);
    }
    return EXIT[judgement.decision.result];
  }, err);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
