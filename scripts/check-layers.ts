/**
 * `npm test`'s layout check. The stages of the pipeline are `helpers/<stage>/` (the load
 * phase), `db/` (the checker and the run's judgement) and `report/` (renderers), in this order:
 *
 *   config → secrets → run → history → vu → browser → monitor → db → report
 *
 * A stage may import stages before it, never one after it (an arrow running back up), and no
 * set of stages may import each other. `embedded-server/` stands apart: it imports nothing of the
 * suite (the suite may start it). Tests, fixtures, scripts, `bin/` and the root files (configs,
 * global setup and teardown) wire the stages together and are left out; no stage imports them.
 * Exit 1 names every breach with the import that makes it.
 *
 *   npx tsx scripts/check-layers.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The pipeline's stages, in order: each may import only those before it. */
export const PIPELINE = ['helpers/config', 'helpers/secrets', 'helpers/run', 'helpers/history', 'helpers/vu', 'helpers/browser', 'helpers/monitor', 'db', 'report'] as const;
export const SERVER = 'embedded-server';
const WIRING = new Set(['tests', 'fixtures', 'scripts', 'bin', 'node_modules', 'runs', 'docs', 'profiles', 'test-results']);
const IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** stage → stage it imports → one example `file → specifier`. */
type ImportGraph = Map<string, Map<string, string>>;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|mts)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** The stage a path belongs to (`helpers/<x>` or a top-level folder); null for wiring and root files. */
function stageOf(root: string, file: string): string | null {
  const parts = path.relative(root, file).split(path.sep);
  const top = parts[0]!;
  if (parts.length < 2 || WIRING.has(top) || top.startsWith('.')) return null;
  if (top === 'helpers') return parts.length > 2 ? `helpers/${parts[1]}` : null;
  return top;
}

function importGraph(root: string, problems: string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  const link = (from: string, to: string, example: string): void => {
    const out = graph.get(from) ?? new Map<string, string>();
    if (!out.has(to)) out.set(to, example);
    graph.set(from, out);
  };
  for (const file of sourceFiles(root).filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`))) {
    const from = stageOf(root, file);
    if (from === null) continue;
    for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const resolved = path.resolve(path.dirname(file), match[1]!);
      const to = stageOf(root, resolved);
      const example = `${path.relative(root, file)} → ${match[1]}`;
      if (to !== null && to !== from) link(from, to, example);
      else if (to === null) {
        const top = path.relative(root, resolved).split(path.sep)[0]!;
        if (from === SERVER) link(from, WIRING.has(top) ? top : '(suite)', example);
        else if (WIRING.has(top)) problems.push(`${from}/ must not import the wiring folder ${top}/: ${example}`);
      }
    }
  }
  return graph;
}

/** Tarjan's strongly connected components: each one of two or more stages is a cycle. */
function cycles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) out.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return out;
}

/** Every breach of the layout in the tree at `root`, one sentence each; empty when it holds. */
export function layoutProblems(root: string): string[] {
  const problems: string[] = [];
  const graph = importGraph(root, problems);
  const rank = new Map<string, number>(PIPELINE.map((stage, i) => [stage, i]));
  for (const [from, tos] of graph) {
    if (from === SERVER) {
      for (const [to, example] of tos) problems.push(`${SERVER}/ must import nothing of the suite, but imports ${to}: ${example}`);
      continue;
    }
    if (!rank.has(from)) problems.push(`${from}/ is not a stage of the pipeline (${PIPELINE.join(' → ')}); move its files into one`);
    for (const [to, example] of tos) {
      if (to === SERVER || !rank.has(from) || !rank.has(to)) continue;
      if (rank.get(to)! > rank.get(from)!) problems.push(`${from}/ imports ${to}/, a later stage (an arrow back up the pipeline): ${example}`);
    }
  }
  for (const component of cycles(graph)) {
    const inside = new Set(component);
    const links = component.flatMap((v) => [...(graph.get(v) ?? [])].filter(([w]) => inside.has(w)).map(([w, example]) => `${v} → ${w} (${example})`));
    problems.push(`folders ${component.join(', ')} import each other: ${links.join('; ')}`);
  }
  return problems;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const problems = layoutProblems(path.resolve(import.meta.dirname, '..'));
  for (const p of problems) console.error(`layout: ${p}`);
  if (problems.length) process.exit(1);
  console.log(`layout: stages import only earlier ones (${PIPELINE.join(' → ')}), none each other; ${SERVER}/ imports nothing of the suite`);
}
