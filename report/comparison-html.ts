/**
 * A run comparison as one self-contained HTML page (no script, no network): a table per
 * section, one column per run with the baseline first, changed rows highlighted and each
 * changed value coloured worse (red), better (green) or changed (amber). Every string from
 * the runs is escaped.
 */
import { escapeHtml } from './html-escape.ts';
import type { RunComparison, Trend } from './run-comparison.ts';

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;margin:8px 0 24px}th,td{border:1px solid #ccc;padding:4px 10px;text-align:right}
th:first-child,td:first-child{text-align:left}tr.changed td:first-child{font-weight:600}
tr.changed{background:#fffbe6}.worse{background:#fde2e1;color:#a00}.better{background:#e3f6e3;color:#060}.changed td.changed,.legend .changed{background:#fff0c2}
caption{text-align:left;font-weight:600;font-size:16px;padding:4px 0}code{font-size:12px}.legend span{padding:2px 6px;margin-right:6px}`;

const TREND_TEXT: Record<Trend, string> = { same: '', changed: ' ≠', worse: ' ▲', better: ' ▼' };

export function renderComparisonHtml(comparison: RunComparison): string {
  const head = `<tr><th></th>${comparison.runs.map((run, i) => `<th>${escapeHtml(run.id)}${i === 0 ? ' (baseline)' : ''}</th>`).join('')}</tr>`;
  const tables = comparison.sections
    .map((section) => {
      const rows = section.rows
        .map((row) => {
          const cells = row.shown.map((value, i) => {
            const trend = row.trends[i]!;
            return `<td class="${trend}" data-trend="${trend}">${escapeHtml(value)}${TREND_TEXT[trend]}</td>`;
          });
          return `<tr class="${row.changed ? 'changed' : 'same'}"><td>${escapeHtml(row.label)}</td>${cells.join('')}</tr>`;
        })
        .join('\n');
      return `<table><caption>${escapeHtml(section.title)}</caption>${head}\n${rows}</table>`;
    })
    .join('\n');
  const runs = comparison.runs.map((run, i) => `<li>run ${i + 1}: <b>${escapeHtml(run.id)}</b> — ${escapeHtml(run.target)} — <code>${escapeHtml(run.dir)}</code></li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Run comparison: ${escapeHtml(comparison.runs.map((r) => r.id).join(' vs '))}</title><style>${STYLE}</style></head>
<body>
<h1>Run comparison</h1>
<ul>${runs}</ul>
<p class="legend">${comparison.changedRows} measure(s) changed against the baseline. <span class="worse">▲ worse</span><span class="better">▼ better</span><span class="changed">≠ changed</span>
Latency counts as changed from 25 % and 5 ms, CPU from 25 % and 1 s, a rate from 0.1 percentage points, a count at any difference. Generated ${escapeHtml(comparison.generatedAt)}.</p>
${tables}
</body></html>
`;
}
