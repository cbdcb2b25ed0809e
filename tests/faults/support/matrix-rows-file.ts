/**
 * The matrix's results: one JSON line per row in `<proof run>/fault-matrix/rows.jsonl`,
 * written as each row ends, and the table printed from them (by the spec after its last
 * row and by `scripts/fault-table.ts` later).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface MatrixRowRecord {
  /** Fault switch, or `none` for the faithful target. */
  fault: string;
  rate: number | null;
  faultSeed: number;
  /** What the row must show: a violation class, or what stands in for one. */
  expected: string;
  detected: boolean;
  /** Reports of the expected kind (violations, observations or timed-out requests). */
  count: number;
  /** FAULT lines the target wrote. */
  injected: number;
  unrelated: string[];
  sideEffects: string[];
  exitCode: number | null;
  childRunDir: string | null;
  wallMs: number;
  /** Empty when the row passed. */
  problems: string[];
  notes: string[];
  /** Evidence that is off without failing the row. */
  warnings: string[];
  passed: boolean;
}

/** Folder of the matrix inside a proof run directory. */
export function matrixDir(proofRunDir: string): string {
  return path.join(proofRunDir, 'fault-matrix');
}

export function rowsFile(proofRunDir: string): string {
  return path.join(matrixDir(proofRunDir), 'rows.jsonl');
}

export function appendRow(file: string, row: MatrixRowRecord): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, JSON.stringify(row) + '\n');
}

/** The rows of a rows file (none when it does not exist); a later line for the same fault replaces an earlier one. */
export function readRows(file: string): MatrixRowRecord[] {
  if (!fs.existsSync(file)) return [];
  const byFault = new Map<string, MatrixRowRecord>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as MatrixRowRecord;
    byFault.set(row.fault, row);
  }
  return [...byFault.values()];
}

function pad(cells: string[][]): string[] {
  const widths = cells[0]!.map((_, col) => Math.max(...cells.map((row) => row[col]!.length)));
  return cells.map((row) =>
    row
      .map((cell, col) => cell.padEnd(widths[col]!))
      .join('  ')
      .trimEnd(),
  );
}

/** The table: fault → expected → detected → count, with what else a reader needs to trust it. */
export function formatTable(rows: readonly MatrixRowRecord[]): string {
  const header = ['fault', 'rate', 'expected', 'detected', 'count', 'injected', 'unrelated', 'side effects', 'exit', 'wall s', 'row'];
  const body = rows.map((r) => [
    r.fault,
    r.rate === null ? '-' : String(r.rate),
    r.expected,
    r.detected ? 'yes' : 'NO',
    String(r.count),
    String(r.injected),
    r.unrelated.length > 0 ? r.unrelated.join(',') : '-',
    r.sideEffects.length > 0 ? r.sideEffects.join(',') : '-',
    String(r.exitCode ?? '-'),
    (r.wallMs / 1000).toFixed(0),
    r.passed ? 'pass' : 'FAIL',
  ]);
  const lines = pad([header, ...body]);
  const total = rows.reduce((ms, r) => ms + r.wallMs, 0);
  lines.splice(1, 0, '-'.repeat(lines[0]!.length));
  lines.push('', `${rows.filter((r) => r.passed).length} of ${rows.length} rows passed; child runs took ${(total / 1000).toFixed(0)} s in all`);
  for (const r of rows.filter((row) => !row.passed)) {
    lines.push(`${r.fault}: ${r.problems.join(' | ')}${r.childRunDir ? ` (run ${r.childRunDir})` : ''}`);
  }
  // Older rows files have no warnings.
  for (const r of rows.filter((row) => (row.warnings ?? []).length > 0)) lines.push(`warning, ${r.fault}: ${r.warnings.join(' | ')}`);
  return lines.join('\n');
}
