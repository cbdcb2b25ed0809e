/**
 * `npm run report [-- <run dir>]`: builds the Allure report of a run (default
 * `runs/latest`) from its `allure-results/` into `allure-report/index.html`, with
 * Allure 3 (no Java). Adds the categories and environment files first when the run
 * did not write them, so a report of an interrupted run is still sorted by class.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { failWithOneLine } from '../setup/fail.ts';
import { runPaths } from '../run/run-dir.ts';
import { readRunInfo } from '../run/run-store.ts';
import { CATEGORIES_FILE, ENVIRONMENT_FILE, writeAllureCategories, writeAllureEnvironment } from './allure-categories.ts';
import { ReportError } from './errors/report-error.ts';

const USAGE_FIX = 'run the suite first (npx playwright test), or name a run: npm run report -- runs/<id>';

function allureCli(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('allure')), '..', 'cli.js');
}

async function main(args: string[]): Promise<void> {
  // Imported here, not at the top, so a bad .env value ends in one line like any other bad input.
  const { config } = await import('../setup/config.ts');
  const runDir = path.resolve(args[0] ?? path.join(config.runsDir, 'latest'));
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

  const rc = path.join(import.meta.dirname, 'allurerc.ts');
  const generated = spawnSync(process.execPath, [allureCli(), 'generate', results, '--output', output, '--config', rc], {
    stdio: 'inherit',
    cwd: config.root,
  });
  if (generated.status !== 0) {
    throw new ReportError(`allure generate exited with ${generated.status ?? generated.signal}`, 'read its output above');
  }
  const index = path.join(output, 'index.html');
  if (!fs.existsSync(index)) throw new ReportError(`allure generate wrote no ${index}`, 'read its output above');
  console.log(`Allure report: ${index}`);
}

main(process.argv.slice(2)).catch(failWithOneLine);
