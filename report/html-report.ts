/**
 * report.html: one self-contained page a person can open from the run directory, on
 * any machine, without a network: Chart.js is inlined, the data sits in a JSON block,
 * every string from the run is escaped.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { VIOLATION_CLASSES, type Verdict } from '../db/verdict.ts';
import type { RunInfo } from '../helpers/run/run-dir.ts';
import { CHART_SCRIPT, type ReportChartData } from './html-chart-script.ts';
import { escapeHtml, jsonForScript } from './html-escape.ts';
import type { PerformanceMetrics } from '../db/decision/performance.ts';
import type { SessionAnalysis } from './session-analysis.ts';
import type { TestResultsSummary } from './summary.ts';
import { resultWord } from '../db/decision/run-decision.ts';
import type { ThresholdLimits, ThresholdResult } from '../db/decision/thresholds.ts';
import type { GeneratorHealth } from '../db/decision/generator-health.ts';
import type { CapacityView } from '../db/decision/capacity.ts';
import { capacityChartData, capacitySection } from './capacity-section.ts';

export interface HtmlReportInput {
  runInfo: RunInfo;
  perf: PerformanceMetrics;
  verdict: Verdict;
  thresholds: ThresholdResult[];
  limits: ThresholdLimits;
  summary: TestResultsSummary;
  sessions?: SessionAnalysis;
  health?: GeneratorHealth;
  /** Per stage of the ramp: where each threshold first broke (db/decision/capacity.ts). */
  capacity?: CapacityView | null;
}

/** How many messages of each violation class the verdict table quotes. */
const MESSAGES_PER_CLASS = 3;
const OBSERVATION_KINDS_SHOWN = 10;

/** The Chart.js UMD build, read from node_modules when the report is written. */
export function chartJsSource(): string {
  const require = createRequire(import.meta.url);
  const umd = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.js');
  // `</script` cannot occur in valid code outside a string; escaping it keeps the element closed.
  return fs.readFileSync(umd, 'utf8').replace(/<\/script/gi, '<\\/script');
}

function chartData({ perf, verdict, limits, capacity }: HtmlReportInput): ReportChartData {
  const endpoints = perf.endpoints.filter((e) => e.count > 0);
  let cumulative = 0;
  const secondsOf = (ms: number | undefined): number | null => (ms === undefined ? null : Math.round((ms - perf.epochMs) / 100) / 10);
  const classes = [...VIOLATION_CLASSES];
  const points: ReportChartData['violations']['points'] = [];
  let unplotted = 0;
  for (const v of verdict.violations) {
    const x = secondsOf(v.sentAt ?? v.returnedAt);
    if (x === null) unplotted += 1;
    else points.push({ cls: v.class, x, y: classes.indexOf(v.class), message: v.message.slice(0, 200) });
  }
  return {
    capacity: capacityChartData(capacity, limits),
    latency: {
      labels: endpoints.map((e) => e.endpoint),
      p50: endpoints.map((e) => e.p50Ms ?? 0),
      p90: endpoints.map((e) => e.p90Ms ?? 0),
      p95: endpoints.map((e) => e.p95Ms ?? 0),
      p99: endpoints.map((e) => e.p99Ms ?? 0),
    },
    cards: {
      labels: perf.cardCreation.map((p) => `${p.startSec}`),
      perBucket: perf.cardCreation.map((p) => p.cards),
      cumulative: perf.cardCreation.map((p) => (cumulative += p.cards)),
      bucketSeconds: perf.bucketSeconds,
    },
    errors: {
      labels: perf.errorRateByScenario.map((s) => s.scenario),
      ratePct: perf.errorRateByScenario.map((s) => round2(s.errorRate * 100)),
      errors: perf.errorRateByScenario.map((s) => s.errors),
      requests: perf.errorRateByScenario.map((s) => s.count),
      limitPct: round2(limits.errorRate * 100),
    },
    violations: {
      classes,
      points,
      unplotted,
      xMin: Math.min(0, Math.floor(perf.firstSentSec ?? 0)),
      xMax: Math.max(10, Math.ceil(perf.lastReturnedSec ?? 0)),
    },
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function ms(value: number | null): string {
  return value === null ? '–' : `${Math.round(value)}`;
}

function percent(ratio: number): string {
  return `${round2(ratio * 100)} %`;
}

function badge(passed: boolean | null): string {
  if (passed === null) return '<span class="badge na">not judged</span>';
  return passed ? '<span class="badge ok">pass</span>' : '<span class="badge bad">FAIL</span>';
}

function table(headers: string[], rows: string[][], id: string): string {
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.length ? rows.map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n') : `<tr><td colspan="${headers.length}" class="muted">none</td></tr>`;
  return `<table id="${id}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function runInfoSection({ runInfo, perf, summary }: HtmlReportInput): string {
  const duration = perf.firstSentSec === null || perf.lastReturnedSec === null ? '–' : `${Math.round(perf.lastReturnedSec - perf.firstSentSec)} s`;
  const rows: [string, string][] = [
    ['run', runInfo.id],
    ['profile', runInfo.profile],
    ['target', `${runInfo.baseUrl}${runInfo.embedded ? ' (embedded)' : ''}`],
    ['faults', runInfo.faults ?? 'none'],
    ['started', runInfo.startedAt],
    ['status', runInfo.status],
    ['duration', duration],
    ['requests', `${perf.overall.count} (${perf.outcomes.ok} ok, ${perf.outcomes.fail} fail, ${perf.outcomes.info} info)`],
    ['cards acknowledged', String(perf.cardsCreated)],
    ['judged', `${summary.counts.usersJudged} users, ${summary.counts.cardsRead} cards`],
    ['peak requests in flight', String(perf.peakInFlight)],
  ];
  return `<dl class="info">${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

function criteriaTable({ summary }: HtmlReportInput): string {
  return table(
    ['#', 'criterion', 'result', 'detail'],
    summary.criteria.map((c) => [String(c.id), escapeHtml(c.name), badge(c.passed), escapeHtml(c.detail)]),
    'criteria',
  );
}

function thresholdsTable({ thresholds }: HtmlReportInput): string {
  const fmt = (t: ThresholdResult, v: number | null): string => (v === null ? '–' : t.unit === 'ms' ? `${Math.round(v)} ms` : t.unit === 'ratio' ? percent(v) : String(v));
  return table(
    ['threshold', 'limit', 'measured', 'result', 'line'],
    thresholds.map((t) => [escapeHtml(t.name), escapeHtml(fmt(t, t.limit)), escapeHtml(fmt(t, t.measured)), badge(t.passed), escapeHtml(t.line)]),
    'thresholds',
  );
}

function verdictTable({ verdict, summary }: HtmlReportInput): string {
  return table(
    ['class', 'count', 'known', 'first findings'],
    VIOLATION_CLASSES.map((cls) => {
      const found = verdict.violations.filter((v) => v.class === cls);
      const count = verdict.countsByClass[cls] ?? found.length;
      const known = summary.knownFindings.filter((k) => k.withinLimit && k.finding.class === cls).reduce((n, k) => n + k.count, 0);
      const messages = found
        .slice(0, MESSAGES_PER_CLASS)
        .map((v) => `<li>${escapeHtml(v.message)}</li>`)
        .join('');
      const more = found.length > MESSAGES_PER_CLASS ? `<li class="muted">… and ${found.length - MESSAGES_PER_CLASS} more</li>` : '';
      const countCell = count === 0 ? '0' : known === count ? String(count) : `<strong class="bad-text">${count}</strong>`;
      return [escapeHtml(cls), countCell, known ? `${known} known` : '', messages ? `<ul>${messages}${more}</ul>` : ''];
    }),
    'verdict',
  );
}

function observationsSection({ verdict }: HtmlReportInput): string {
  const byKind = new Map<string, string[]>();
  for (const o of verdict.observations) byKind.set(o.kind, [...(byKind.get(o.kind) ?? []), o.message]);
  const rows = [...byKind]
    .sort((a, b) => b[1].length - a[1].length)
    .slice(0, OBSERVATION_KINDS_SHOWN)
    .map(([kind, messages]) => [escapeHtml(kind), String(messages.length), escapeHtml(messages[0] ?? '')]);
  const causes = Object.entries(verdict.serverErrorCauses);
  const causeList = causes.length ? `<p>Server error causes (from the server log): ${causes.map(([cause, n]) => `${escapeHtml(cause)} × ${n}`).join(', ')}</p>` : '';
  return table(['kind', 'count', 'example'], rows, 'observations') + causeList;
}

function endpointTable({ perf }: HtmlReportInput): string {
  return table(
    ['endpoint', 'requests', 'errors', 'mean', 'p50', 'p90', 'p95', 'p99', 'max'],
    perf.endpoints.map((e) => [
      `<code>${escapeHtml(e.endpoint)}</code>`,
      String(e.count),
      `${e.errors} (${percent(e.errorRate)})`,
      ms(e.meanMs),
      ms(e.p50Ms),
      ms(e.p90Ms),
      ms(e.p95Ms),
      ms(e.p99Ms),
      ms(e.maxMs),
    ]),
    'endpoints',
  );
}

function rampTable({ perf }: HtmlReportInput): string {
  return table(
    ['scenario', 'distinct VUs', `peak active VUs per ${perf.rampBucketSeconds} s`, 'peak concurrent VUs', 'at (s)'],
    perf.vuRamp.map((r) => [
      escapeHtml(r.scenario),
      String(r.distinctVus),
      String(r.peakActiveVusPerBucket),
      String(r.peakConcurrentVus),
      r.peakConcurrentAtSec === null ? '–' : String(r.peakConcurrentAtSec),
    ]),
    'vu-ramp',
  );
}

function sessionsSection({ sessions }: HtmlReportInput): string {
  if (!sessions) return '';
  const o = sessions.overall;
  const line =
    `${o.sessionsCreated} logins over ${o.vus} VUs, ${o.distinctSessions} distinct sessions ` +
    `(mean ${o.meanRequestsPerSession ?? '–'} requests each); identity probes ${o.identityProbes} (${o.identityProbesFailed} failed); ` +
    `401 on a valid session ${o.unauthorizedOnValidSession}; unexplained cookie changes ${o.unexplainedCookieChanges}; ` +
    `logout/login cycles ${o.logoutLoginCycles}; wrong deck ${o.wrongDeck}.`;
  return `<section><h2>Sessions</h2><p>${escapeHtml(line)}</p></section>`;
}

function generatorSection({ health }: HtmlReportInput): string {
  if (!health) return '';
  const v = (x: number | null, unit: string): string => (x === null ? '–' : `${x} ${unit}`);
  const rows: string[][] = (['runner', 'browser', 'server'] as const).map((kind) => [
    escapeHtml(kind === 'runner' ? 'runner (Playwright workers)' : kind === 'browser' ? 'browsers' : 'server'),
    escapeHtml(v(health.cpuSeconds[kind], 'CPU-s')),
    escapeHtml(v(health.peakRssMiB[kind], 'MiB')),
    String(health.peakProcesses[kind]),
  ]);
  const windows = health.saturated.windows
    .slice(0, 12)
    .map((w) => `<li>${escapeHtml(`${new Date(w.startMs).toISOString().slice(11, 19)}–${new Date(w.endMs).toISOString().slice(11, 19)}: ${w.reasons.join('; ')}`)}</li>`)
    .join('');
  const more = health.saturated.windows.length > 12 ? `<li class="muted">… and ${health.saturated.windows.length - 12} more</li>` : '';
  return (
    `<section id="load-generator"><h2>Load generator</h2><p>${escapeHtml(health.line)}</p>` +
    table(['processes', 'CPU over the run', 'peak memory (RSS)', 'peak processes'], rows, 'generator-cpu') +
    (windows ? `<p>Saturated windows (latency in them not judged):</p><ul>${windows}${more}</ul>` : '') +
    `</section>`
  );
}

function chartSection(id: string, title: string, note: string): string {
  return `<section class="chart"><h2>${escapeHtml(title)}</h2><p class="muted">${escapeHtml(note)}</p><div class="canvas-box"><canvas id="${id}"></canvas></div></section>`;
}

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #111827; background: #f3f4f6; }
header { padding: 16px 28px; color: #fff; }
header.passed { background: #15803d; } header.failed { background: #b91c1c; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header ul { margin: 6px 0 0; padding-left: 20px; }
main { padding: 16px 28px 40px; max-width: 1400px; }
section { background: #fff; border-radius: 8px; padding: 12px 18px; margin: 0 0 16px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
h2 { font-size: 16px; margin: 4px 0 8px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 16px; }
.charts section { margin: 0; }
.canvas-box { position: relative; height: 320px; }
.canvas-box.small { height: 260px; }
.capacity-chart { max-width: 760px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid #e5e7eb; }
th { background: #f9fafb; font-weight: 600; }
td ul { margin: 0; padding-left: 18px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.badge.ok { background: #dcfce7; color: #166534; } .badge.bad { background: #fee2e2; color: #991b1b; } .badge.na { background: #e5e7eb; color: #374151; }
.bad-text { color: #b91c1c; }
.muted { color: #6b7280; }
dl.info { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.info dt { color: #6b7280; } dl.info dd { margin: 0; }
.two { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 16px; }
.two section { margin: 0; }
`;

/** The whole page as a string. */
export function renderHtmlReport(input: HtmlReportInput): string {
  const { summary, runInfo, perf } = input;
  const status = summary.passed ? 'passed' : 'failed';
  const failures = summary.failures.length ? `<ul>${summary.failures.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>` : '';
  const known = summary.knownFindings.length ? `<ul class="known">${summary.knownFindings.map((k) => `<li>${escapeHtml(k.line)}</li>`).join('')}</ul>` : '';
  const unplotted = input.verdict.violations.filter((v) => v.sentAt === undefined && v.returnedAt === undefined).length;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>JAVUMBO run ${escapeHtml(runInfo.id)} – ${status}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="${status}">
<h1>JAVUMBO load &amp; integrity run ${escapeHtml(runInfo.id)}: ${escapeHtml(resultWord(summary.result))}</h1>
<div>profile ${escapeHtml(runInfo.profile)} · ${escapeHtml(runInfo.baseUrl)} · faults ${escapeHtml(runInfo.faults ?? 'none')} · ${escapeHtml(runInfo.startedAt)}</div>
${failures}${known}
</header>
<main>
<div class="two">
<section><h2>Run</h2>${runInfoSection(input)}</section>
<section><h2>Success criteria</h2>${criteriaTable(input)}</section>
</div>
<section style="margin-top:16px"><h2>Thresholds</h2>${thresholdsTable(input)}</section>
${capacitySection(input.capacity)}
<div class="charts">
${chartSection('chart-latency', 'Latency distribution per endpoint', 'p50 / p90 / p95 / p99 of returnedAt − sentAt, from an HDR histogram')}
${chartSection('chart-cards', 'Card creation rate over time', `add_card answered ok per ${perf.bucketSeconds} s bucket, by time of acknowledgement`)}
${chartSection('chart-errors', 'Error rate by scenario', 'fail + info over all requests of the scenario; dashed line: the limit')}
${chartSection('chart-violations', 'Violation timeline', `violations by class over run time (request sent)` + (unplotted ? `; ${unplotted} without a timestamp are not plotted` : ''))}
</div>
<section style="margin-top:16px"><h2>Integrity verdict (${input.verdict.violations.length} violations, source: ${escapeHtml(input.verdict.source)})</h2>${verdictTable(input)}</section>
<section><h2>Top observations</h2>${observationsSection(input)}</section>
${generatorSection(input)}
<section><h2>Endpoints (ms)</h2>${endpointTable(input)}</section>
<section><h2>Measured VU ramp</h2>${rampTable(input)}</section>
${sessionsSection(input)}
</main>
<script type="application/json" id="report-data">${jsonForScript(chartData(input))}</script>
<script>${chartJsSource()}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>
`;
}

export function writeHtmlReport(file: string, input: HtmlReportInput): void {
  fs.writeFileSync(file, renderHtmlReport(input));
}
