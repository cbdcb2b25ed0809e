/**
 * The exactness check of a sharded run: the same profile run once whole and once as legs,
 * merged, must say the same — violation counts by class, card counts and the writers'
 * reconciliation, request counts per endpoint — and the merged p99 of every endpoint must be
 * the p99 of the union of the legs' raw latencies (not an average of the legs' p99s, which is
 * printed beside it). The two runs register different users, so counts are compared, not names.
 *
 *   npx tsx scripts/compare-runs.ts <whole run dir> <merged run dir> <leg run dir> …
 *
 * Exit 0 when everything matches, 1 naming each difference, 2 on bad arguments.
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolveRunDir } from '../db/audit-run.ts';
import type { Verdict } from '../db/verdict.ts';
import { readHistory } from '../helpers/history/reader.ts';
import { runPaths } from '../helpers/run/run-dir.ts';
import { readPool } from '../helpers/run/run-store.ts';
import { LatencyAccumulator } from '../db/decision/latency-stats.ts';
import type { PerformanceMetrics } from '../db/decision/performance.ts';
import { endpointKey } from '../db/decision/route-template.ts';
import type { TestResultsSummary } from '../report/summary.ts';

const USAGE = 'Usage: npx tsx scripts/compare-runs.ts <whole run dir> <merged run dir> <leg run dir> …';

interface RunFigures {
  result: string;
  violationsByClass: Record<string, number>;
  cards: Record<string, number>;
  requests: Record<string, number>;
  p99: Record<string, number | null>;
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

function figuresOf(runDir: string): RunFigures {
  const paths = runPaths(runDir);
  const summary = readJson<TestResultsSummary>(paths.summary);
  const verdict = readJson<Verdict>(paths.violations);
  const perf = readJson<PerformanceMetrics>(paths.performance);
  const total = (pick: (r: Verdict['reconciliation'][number]) => number) => verdict.reconciliation.reduce((n, r) => n + pick(r), 0);
  return {
    result: summary.result,
    violationsByClass: summary.counts.violationsByClass,
    cards: {
      'cards acknowledged': summary.counts.cardsAcknowledged,
      'writers reconciled': verdict.reconciliation.length,
      'adds acknowledged': total((r) => r.acknowledgedAdds),
      'adds failed': total((r) => r.failedAdds),
      'adds indeterminate': total((r) => r.indeterminateAdds),
      'cards in own database': total((r) => r.cardsInOwnDb),
      'unexplained difference': total((r) => r.difference - Object.values(r.explainedBy).reduce((a, b) => a + (b ?? 0), 0)),
      // Both runs share one server, so the databases read differ by the other run's users: compare the pools.
      'pool users': readPool(runDir).length,
    },
    requests: Object.fromEntries(perf.endpoints.map((e) => [e.endpoint, e.count])),
    p99: Object.fromEntries(perf.endpoints.map((e) => [e.endpoint, e.p99Ms])),
  };
}

/** p99 per endpoint of the union of the legs' raw latencies, and the average of the legs' own p99s for contrast. */
function unionP99(legDirs: readonly string[]): { union: Record<string, number | null>; averaged: Record<string, number> } {
  const all = new Map<string, LatencyAccumulator>();
  const perLeg = new Map<string, number[]>();
  for (const dir of legDirs) {
    const mine = new Map<string, LatencyAccumulator>();
    for (const op of readHistory(dir).operations) {
      const key = endpointKey(op.method, op.path);
      for (const map of [all, mine]) {
        if (!map.has(key)) map.set(key, new LatencyAccumulator());
        map.get(key)!.add(op.returnedAt - op.sentAt, op.outcome !== 'ok');
      }
    }
    for (const [key, acc] of mine) {
      const p99 = acc.finish().p99Ms;
      if (p99 !== null) perLeg.set(key, [...(perLeg.get(key) ?? []), p99]);
    }
  }
  const union = Object.fromEntries([...all].map(([key, acc]) => [key, acc.finish().p99Ms]));
  const averaged = Object.fromEntries([...perLeg].map(([key, list]) => [key, Math.round(list.reduce((a, b) => a + b, 0) / list.length)]));
  return { union, averaged };
}

type Figures = Record<string, string | number | null>;

function compareMaps(what: string, a: Figures, b: Figures, labels: [string, string], out: (line: string) => void): string[] {
  const problems: string[] = [];
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const same = a[key] === b[key];
    out(`  ${same ? 'same' : 'DIFF'}  ${what} ${key}: ${labels[0]} ${String(a[key] ?? '–')}, ${labels[1]} ${String(b[key] ?? '–')}`);
    if (!same) problems.push(`${what} ${key}: ${labels[0]} ${String(a[key] ?? '–')} ≠ ${labels[1]} ${String(b[key] ?? '–')}`);
  }
  return problems;
}

export function main(argv: readonly string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    out(`${USAGE}\nCompares a whole run with the merge of the same profile's legs; exit 0 when they agree, 1 naming each difference.`);
    return 0;
  }
  if (argv.length < 3 || argv.some((a) => a.startsWith('-'))) {
    err(USAGE);
    return 2;
  }
  let whole: RunFigures, merged: RunFigures, legs: string[];
  try {
    const [w, m, ...l] = argv.map((a) => resolveRunDir(a));
    whole = figuresOf(w!);
    merged = figuresOf(m!);
    legs = l;
  } catch (e) {
    err(`${e instanceof Error ? e.message : String(e)} (${USAGE})`);
    return 2;
  }
  const labels: [string, string] = ['whole', 'merged'];
  const problems = [
    ...compareMaps('result', { run: whole.result }, { run: merged.result }, labels, out),
    ...compareMaps('violations', whole.violationsByClass, merged.violationsByClass, labels, out),
    ...compareMaps('cards', whole.cards, merged.cards, labels, out),
    ...compareMaps('requests', whole.requests, merged.requests, labels, out),
  ];
  const { union, averaged } = unionP99(legs);
  for (const key of Object.keys({ ...union, ...merged.p99 }).sort()) {
    const same = union[key] === merged.p99[key];
    out(`  ${same ? 'same' : 'DIFF'}  p99 ${key}: merged ${merged.p99[key] ?? '–'} ms, union of the legs' latencies ${union[key] ?? '–'} ms (average of the legs' p99s: ${averaged[key] ?? '–'} ms)`);
    if (!same) problems.push(`p99 ${key}: merged ${merged.p99[key] ?? '–'} ≠ union ${union[key] ?? '–'}`);
  }
  out(problems.length === 0 ? 'whole and merged runs agree' : `${problems.length} difference(s):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
