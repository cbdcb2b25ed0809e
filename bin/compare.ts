/**
 * `npm run compare -- <run dir> <run dir> [...] [--output DIR]`: runs side by side from their
 * saved deliverables (runs/<id>, runs/latest, or folders copied from another machine). Prints
 * the table and writes it as HTML and JSON (into runs/comparisons/ unless --output says). Exit 0, or 2 on bad input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { config } from '../helpers/config/config.ts';
import { parseCommandLine, runCommand } from '../helpers/config/cli-args.ts';
import { UsageError } from '../helpers/config/errors/usage-error.ts';
import { formatComparison } from '../report/comparison-text.ts';
import { renderComparisonHtml } from '../report/comparison-html.ts';
import { ReportError } from '../report/errors/report-error.ts';
import { compareRuns } from '../report/run-comparison.ts';
import { readSavedRun } from '../report/saved-run.ts';

const USAGE = 'npm run compare -- <run dir> <run dir> [...] [--output DIR]';

const HELP = `Usage: ${USAGE}

Puts finished runs side by side, the first as the baseline: each run's target, workers,
profile and faults; violations by class; 5xx causes; requests, error rate and cards
acknowledged; p50/p95/p99 per endpoint; the load generator's saturation and CPU. Everything comes from each run's own
test_results_summary.json, integrity_violations.json, performance_metrics.json, run.json
and profile.json, so a run copied from another machine compares like a local one.

Options:
  --output DIR   folder for compare-<first id>-vs-<other ids>.html and .json (default: runs/comparisons, under RUNS_DIR)
  --help         this text

A changed row is marked * (▲ worse, ▼ better, ≠ changed against the baseline); latency counts
as changed from 25 % and 5 ms, CPU from 25 % and 1 s, a rate from 0.1 percentage points, a count at any difference.`;

/** Where comparisons go when --output is not given: a folder of their own beside the runs. */
export function comparisonsDir(): string {
  return path.join(config.runsDir, 'comparisons');
}

/** Run the command on `argv` (without node and script); returns the exit code. */
export function main(argv: readonly string[], out: (text: string) => void = console.log, err: (text: string) => void = console.error): number {
  return runCommand(() => {
    const { values, positionals } = parseCommandLine(argv, { output: { type: 'string' }, help: { type: 'boolean' } }, USAGE);
    if (values.help) {
      out(HELP);
      return 0;
    }
    if (positionals.length < 2) throw new UsageError(`two or more run directories expected, got ${positionals.length}`, USAGE);
    const runs = positionals.map((arg) => readSavedRun(arg));
    const seen = new Map<string, string>();
    for (const [i, run] of runs.entries()) {
      const earlier = seen.get(run.dir);
      if (earlier !== undefined) throw new UsageError(`${positionals[i]} is the same run directory as ${earlier}`, USAGE);
      seen.set(run.dir, positionals[i]!);
    }
    // Never the current folder by default: that is usually the checkout, whose format check would then fail on the files.
    const outputDir = path.resolve(values.output ?? comparisonsDir());
    if (fs.existsSync(outputDir) && !fs.statSync(outputDir).isDirectory()) throw new ReportError(`--output ${values.output} is a file`, 'give a folder for the .html and .json');
    const comparison = compareRuns(runs);
    fs.mkdirSync(outputDir, { recursive: true });
    const base = path.join(
      outputDir,
      `compare-${runs[0]!.info.id}-vs-${runs
        .slice(1)
        .map((r) => r.info.id)
        .join('-')}`,
    );
    fs.writeFileSync(`${base}.html`, renderComparisonHtml(comparison));
    fs.writeFileSync(`${base}.json`, `${JSON.stringify(comparison, null, 2)}\n`);
    out(formatComparison(comparison));
    out(`Wrote ${base}.html and ${base}.json`);
    return 0;
  }, err);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
