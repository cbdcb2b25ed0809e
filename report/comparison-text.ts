/**
 * A run comparison as a terminal table: one column per run, the baseline first; a changed row
 * starts with `*`, a changed value ends with `▲` (worse), `▼` (better) or `≠` (changed).
 */
import type { RunComparison, Trend } from './run-comparison.ts';

const MARK: Record<Trend, string> = { same: '', changed: ' ≠', worse: ' ▲', better: ' ▼' };

export function formatComparison(comparison: RunComparison): string {
  const header = ['', ...comparison.runs.map((run, i) => (i === 0 ? `${run.id} (baseline)` : run.id))];
  const body: string[][] = [];
  for (const section of comparison.sections) {
    body.push([`— ${section.title}`, ...comparison.runs.map(() => '')]);
    for (const row of section.rows) body.push([`${row.changed ? '*' : ' '} ${row.label}`, ...row.shown.map((value, i) => `${value}${MARK[row.trends[i]!]}`)]);
  }
  const widths = header.map((_, c) => Math.max(...[header, ...body].map((cells) => cells[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  return [
    ...comparison.runs.map((run, i) => `run ${i + 1}: ${run.id} — ${run.target} — ${run.dir}`),
    '',
    line(header),
    ...body.map(line),
    '',
    `${comparison.changedRows} measure(s) changed against the baseline (* row changed; ▲ worse, ▼ better, ≠ changed; latency counts as changed from 25 % and 5 ms, CPU from 25 % and 1 s, a rate from 0.1 points).`,
  ].join('\n');
}
