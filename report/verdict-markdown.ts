/**
 * The verdict of a run as Markdown, for a CI job's summary page: the result, the criteria, the
 * known findings, the violations by class and the requests per endpoint.
 */
import fs from 'node:fs';
import { VIOLATION_CLASSES, type Verdict } from '../db/verdict.ts';
import type { PerformanceMetrics } from '../db/decision/performance.ts';
import { resultWord } from '../db/decision/run-decision.ts';
import type { TestResultsSummary } from './summary.ts';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const mark = (passed: boolean | null): string => (passed === null ? 'not judged' : passed ? 'pass' : '**FAIL**');
const ms = (value: number | null): string => (value === null ? '–' : `${Math.round(value)}`);

export function renderVerdictMarkdown(summary: TestResultsSummary, verdict: Verdict, perf: PerformanceMetrics): string {
  const lines = [`### Load run ${summary.runId}: ${resultWord(summary.result)}`, ''];
  if (summary.run.note) lines.push(cell(summary.run.note), '');
  for (const f of summary.failures) lines.push(`- ${cell(f)}`);
  for (const k of summary.knownFindings) lines.push(`- ${cell(k.line)}`);
  if (summary.failures.length + summary.knownFindings.length > 0) lines.push('');
  lines.push('| # | criterion | result | detail |', '| --- | --- | --- | --- |');
  for (const c of summary.criteria) lines.push(`| ${c.id} | ${cell(c.name)} | ${mark(c.passed)} | ${cell(c.detail)} |`);
  lines.push('', '| violation class | count | known |', '| --- | --- | --- |');
  for (const cls of VIOLATION_CLASSES) {
    const known = summary.knownFindings.filter((k) => k.withinLimit && k.finding.class === cls).reduce((n, k) => n + k.count, 0);
    lines.push(`| ${cls} | ${verdict.countsByClass[cls] ?? 0} | ${known || ''} |`);
  }
  lines.push('', '| endpoint | requests | errors | p50 ms | p95 ms | p99 ms |', '| --- | --- | --- | --- | --- | --- |');
  for (const e of perf.endpoints) lines.push(`| \`${cell(e.endpoint)}\` | ${e.count} | ${e.errors} | ${ms(e.p50Ms)} | ${ms(e.p95Ms)} | ${ms(e.p99Ms)} |`);
  lines.push(
    '',
    `${summary.counts.operations} requests, ${summary.counts.cardsAcknowledged} cards acknowledged, ${summary.counts.usersJudged} user databases and ${summary.counts.cardsRead} cards read.`,
    '',
  );
  return lines.join('\n');
}

export function writeVerdictMarkdown(file: string, summary: TestResultsSummary, verdict: Verdict, perf: PerformanceMetrics): void {
  fs.writeFileSync(file, renderVerdictMarkdown(summary, verdict, perf));
}
