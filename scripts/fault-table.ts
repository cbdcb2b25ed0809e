/**
 * `npx tsx scripts/fault-table.ts [rows.jsonl | proof run dir]`: print the fault matrix's
 * table (fault → expected class → detected → count, with the injections, unrelated classes,
 * exit code and wall time of each row). Without an argument, the newest matrix under the
 * runs folder. Exit 0 when every row passed, 1 when one did not, 2 on bad input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { config } from '../helpers/config/config.ts';
import { formatTable, readRows, rowsFile } from '../tests/faults/support/matrix-rows-file.ts';

const USAGE = 'Usage: npx tsx scripts/fault-table.ts [<rows.jsonl> | <proof run dir, e.g. runs/latest>]';

/** The newest `<runs>/<id>/fault-matrix/rows.jsonl`, or null. */
function newestRowsFile(runsDir: string): string | null {
  if (!fs.existsSync(runsDir)) return null;
  const candidates = fs
    .readdirSync(runsDir)
    .filter((name) => name !== 'latest')
    .map((name) => rowsFile(path.join(runsDir, name)))
    .filter((file) => fs.existsSync(file))
    .map((file) => ({ file, mtimeMs: fs.statSync(file).mtimeMs }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  return candidates[0]?.file ?? null;
}

function resolveRowsFile(arg: string | undefined): string {
  if (arg === undefined) {
    const found = newestRowsFile(config.runsDir);
    if (!found) throw new Error(`No fault matrix found under ${config.runsDir}. Run it first: npx playwright test -c playwright.proof.config.ts --project=faults --workers=1`);
    return found;
  }
  const given = path.resolve(arg);
  if (!fs.existsSync(given)) throw new Error(`${arg} does not exist. Pass a rows.jsonl file or a proof run directory holding fault-matrix/rows.jsonl.`);
  if (fs.statSync(given).isFile()) return given;
  const inside = rowsFile(given);
  if (!fs.existsSync(inside)) throw new Error(`${arg} holds no fault-matrix/rows.jsonl. Pass the run directory of a proof run that ran the faults project.`);
  return inside;
}

/** Run the CLI on `argv` (without node and script); returns the exit code. */
export function main(argv: readonly string[], out: (text: string) => void = console.log, err: (text: string) => void = console.error): number {
  if (argv.length > 1 || argv.some((arg) => arg.startsWith('-'))) {
    err(USAGE);
    return 2;
  }
  try {
    const file = resolveRowsFile(argv[0]);
    const rows = readRows(file);
    if (rows.length === 0) {
      err(`${file} holds no rows yet. Wait for the matrix to finish a row, or pass another run.`);
      return 2;
    }
    out(`Fault matrix (${file}):\n${formatTable(rows)}`);
    return rows.every((row) => row.passed) ? 0 : 1;
  } catch (error) {
    err(error instanceof SyntaxError ? `The rows file is not JSON lines (${error.message}). Pass the rows.jsonl the matrix wrote.` : error instanceof Error ? error.message : String(error));
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
