/**
 * The capacity view in report.html (db/decision/capacity.ts): the one line, where each
 * threshold first broke, a row per stage of the ramp, and the data of the chart of p95 and
 * error rate against active users (drawn by html-chart-script.ts).
 */
import type { CapacityRow, CapacityView } from '../db/decision/capacity.ts';
import type { ThresholdLimits } from '../db/decision/thresholds.ts';
import { escapeHtml } from './html-escape.ts';

/** One point per row: its active users, p95 (null: not judged) and error rate in %. */
export interface CapacityChartData {
  points: { label: string; users: number; p95Ms: number | null; errorPct: number | null }[];
  limitPct: number;
  /** The mean latency limits, for the reader's scale (the p95 is shown, the mean is judged). */
  addCardAvgMs: number;
  reviewAvgMs: number;
}

function pct(ratio: number | null): string {
  return ratio === null ? '–' : `${Math.round(ratio * 10_000) / 100} %`;
}

function resultCell(row: CapacityRow): string {
  if (!row.judged) return '<span class="badge na">not judged</span>';
  const broken = row.checks.filter((c) => c.passed === false).map((c) => c.name);
  return broken.length ? `<span class="badge bad">BROKE</span> ${escapeHtml(broken.join(', '))}` : '<span class="badge ok">held</span>';
}

export function capacityChartData(view: CapacityView | null | undefined, limits: ThresholdLimits): CapacityChartData {
  return {
    points: (view?.rows ?? []).map((r) => ({ label: r.label, users: r.activeUsers, p95Ms: r.p95Ms, errorPct: r.errorRate === null ? null : Math.round(r.errorRate * 10_000) / 100 })),
    limitPct: Math.round(limits.errorRate * 10_000) / 100,
    addCardAvgMs: limits.addCardAvgMs,
    reviewAvgMs: limits.reviewAvgMs,
  };
}

/** The section: statement, breakpoints, the table of stages and the chart's canvas. */
export function capacitySection(view: CapacityView | null | undefined): string {
  const canvas = `<div class="canvas-box small"><canvas id="chart-capacity"></canvas></div>`;
  if (!view) return `<section id="capacity"><h2>Capacity</h2><p class="muted">Not computed for this run.</p>${canvas}</section>`;
  const basis = view.basis === 'ramp-stages' ? "by stage of the profile's ramp" : 'by band of active users (the run has no ramp: 5-s buckets grouped by the VUs they had in flight)';
  const breaks = view.breaks.map((b) => `<li>${escapeHtml(b.line)}</li>`).join('');
  const head = ['stage', 'active users', 'planned', 'requests', 'req/s', 'p95 (ms)', 'error rate', 'timeouts', 'saturated (not judged)', 'violations', 'result'];
  const rows = view.rows.map((r) =>
    [
      escapeHtml(r.label),
      String(r.activeUsers),
      r.plannedUsers === null ? '–' : String(r.plannedUsers),
      String(r.requests),
      String(r.requestsPerSecond),
      r.p95Ms === null ? '–' : String(r.p95Ms),
      escapeHtml(pct(r.errorRate)),
      escapeHtml(pct(r.timeoutRate)),
      String(r.saturatedRequests),
      r.violations ? `<strong class="bad-text">${r.violations}</strong>` : '0',
      resultCell(r),
    ]
      .map((c) => `<td>${c}</td>`)
      .join(''),
  );
  const body = rows.length ? rows.map((r) => `<tr>${r}</tr>`).join('\n') : `<tr><td colspan="${head.length}" class="muted">no request in any stage</td></tr>`;
  const outside = view.requestsOutside ? `<p class="muted">${view.requestsOutside} requests sent before the ramp's first stage (setup's signups among them) are in no row.</p>` : '';
  return (
    `<section id="capacity"><h2>Capacity ${escapeHtml(basis)}</h2>` +
    `<p id="capacity-statement"><strong>${escapeHtml(view.statement)}</strong></p>` +
    `<ul>${breaks}</ul>` +
    `<table id="capacity-stages"><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table>${outside}` +
    `<p class="muted">Thresholds are judged per stage as on the whole run (mean latency, error rate); p95 is shown beside them. A request sent or answered while the load generator was saturated is counted, never judged.</p>` +
    `<div class="capacity-chart"><p class="muted">p95 and error rate against active users, one point per stage</p>${canvas}</div></section>`
  );
}
