/**
 * `npm run report [-- <run dir>]`: builds the Allure report of a run (default
 * `runs/latest`) from its `allure-results/` into `allure-report/index.html`, with
 * Allure 3 (no Java). Adds the categories and environment files first when the run
 * did not write them, so a report of an interrupted run is still sorted by class.
 *
 * `npm run report -- --input <run dir> --output <file.html>`: writes the run's report.html
 * anywhere (the plan's Appendix A), from the run's saved deliverables, or judged again from
 * its history and databases when it never finished its audit.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { config } from '../helpers/config/config.ts';
import { parseCommandLine, runCommand } from '../helpers/config/cli-args.ts';
import { UsageError } from '../helpers/config/errors/usage-error.ts';
import { runPaths } from '../helpers/run/run-dir.ts';
import { readRunInfo } from '../helpers/run/run-store.ts';
import { CATEGORIES_FILE, ENVIRONMENT_FILE, writeAllureCategories, writeAllureEnvironment } from '../report/allure-categories.ts';
import { ReportError } from '../report/errors/report-error.ts';
import { writeHtmlReport } from '../report/html-report.ts';
import { runReportInput } from '../report/run-report-input.ts';
import { configuredLimits } from '../db/decision/thresholds.ts';

const USAGE = 'npm run report [-- <run dir>] | npm run report -- --input <run dir> --output <file.html>';
const USAGE_FIX = 'run the suite first (npx playwright test), or name a run: npm run report -- runs/<id>';

const HELP = `Usage: ${USAGE}

Without --input/--output: builds the Allure report of a run (default runs/latest) into
<run dir>/allure-report/index.html (Allure 3, no Java).

With --input/--output: writes the run's report.html (one self-contained page) to any file,
from the run's saved deliverables; a run that never finished its audit, or that an older
version of the suite saved, is judged again from its history and databases first (nothing is
written into the run; an older run without its databases is refused, naming its format).

Options:
  --input DIR     the run directory (runs/<id>, runs/latest, or one copied from another machine)
  --output FILE   where to write the page, e.g. /tmp/report.html (folders are created)
  --help          this text`;

function allureCli(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('allure')), '..', 'cli.js');
}

function allureReport(runArg: string | undefined, out: (text: string) => void): number {
  const runDir = path.resolve(runArg ?? path.join(config.runsDir, 'latest'));
  const results = runPaths(runDir).allureResults;
  const output = path.join(runDir, 'allure-report');
  if (!fs.existsSync(results)) throw new ReportError(`no Allure results at ${results}`, USAGE_FIX);
  if (!fs.readdirSync(results).some((f) => f.endsWith('-result.json'))) {
    throw new ReportError(`${results} holds no test results (*-result.json)`, USAGE_FIX);
  }
  if (!fs.existsSync(path.join(results, CATEGORIES_FILE))) writeAllureCategories(results);
  if (!fs.existsSync(path.join(results, ENVIRONMENT_FILE)) && fs.existsSync(runPaths(runDir).info)) {
    writeAllureEnvironment(results, readRunInfo(runDir));
  }

  const rc = path.join(import.meta.dirname, '..', 'report', 'allurerc.ts');
  const generated = spawnSync(process.execPath, [allureCli(), 'generate', results, '--output', output, '--config', rc], {
    stdio: 'inherit',
    cwd: config.root,
  });
  if (generated.status !== 0) {
    throw new ReportError(`allure generate exited with ${generated.status ?? generated.signal}`, 'read its output above');
  }
  const index = path.join(output, 'index.html');
  if (!fs.existsSync(index)) throw new ReportError(`allure generate wrote no ${index}`, 'read its output above');
  out(`Allure report: ${index}`);
  return 0;
}

function htmlReport(input: string, output: string, out: (text: string) => void): number {
  const file = path.resolve(output);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new ReportError(`--output ${output} is a folder`, 'give a file name, e.g. --output /tmp/report.html');
  const { report, source, why } = runReportInput(input, configuredLimits());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeHtmlReport(file, report);
  out(`report.html of run ${report.runInfo.id} (${source === 'saved' ? "from the run's saved deliverables" : `judged again from its history and databases: ${why}`}): ${file}`);
  return 0;
}

/** Run the command on `argv` (without node and script); returns the exit code. */
export function main(argv: readonly string[], out: (text: string) => void = console.log, err: (text: string) => void = console.error): number {
  return runCommand(() => {
    const { values, positionals } = parseCommandLine(argv, { input: { type: 'string' }, output: { type: 'string' }, help: { type: 'boolean' } }, USAGE);
    if (values.help) {
      out(HELP);
      return 0;
    }
    if (values.input !== undefined || values.output !== undefined) {
      if (values.input === undefined || values.output === undefined) throw new UsageError(`--${values.input === undefined ? 'input' : 'output'} is missing: --input and --output go together`, USAGE);
      if (positionals.length > 0) throw new UsageError(`unexpected ${positionals[0]} beside --input`, USAGE);
      return htmlReport(values.input, values.output, out);
    }
    if (positionals.length > 1) throw new UsageError(`one run directory expected, got ${positionals.length}`, USAGE);
    return allureReport(positionals[0], out);
  }, err);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
