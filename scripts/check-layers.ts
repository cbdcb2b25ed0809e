/**
 * `npm test`'s layout check: the top-level folders are the stages of the pipeline, and no
 * two of them may import each other, directly or through others; `target/` imports nothing
 * of the suite. Tests, fixtures, scripts and the root files (configs, global setup and
 * teardown) wire the stages together and are left out. Exit 1 names every cycle with the
 * imports that close it.
 *
 *   npx tsx scripts/check-layers.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const WIRING = new Set(['tests', 'fixtures', 'scripts', 'node_modules', 'runs', 'docs', 'profiles']);
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

/** The stage folder a file belongs to; null for wiring and root files. */
function stageOf(root: string, file: string): string | null {
  const rel = path.relative(root, file);
  const top = rel.split(path.sep)[0]!;
  return rel.includes(path.sep) && !WIRING.has(top) && !top.startsWith('.') && !top.startsWith('..') ? top : null;
}

function importGraph(root: string, problems: string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  const link = (from: string, to: string, example: string): void => {
    const out = graph.get(from) ?? new Map<string, string>();
    if (!out.has(to)) out.set(to, example);
    graph.set(from, out);
  };
  for (const dir of fs.readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory() || WIRING.has(dir.name) || dir.name.startsWith('.')) continue;
    for (const file of sourceFiles(path.join(root, dir.name))) {
      const from = dir.name;
      for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const to = stageOf(root, path.resolve(path.dirname(file), match[1]!));
        const example = `${path.relative(root, file)} → ${match[1]}`;
        // target/ may reach no file of the suite at all, wiring and root files included;
        // no stage may reach into the wiring (fixtures, tests, scripts) that sits on top of it.
        if (from === 'target' && to !== 'target') link(from, to ?? '(suite)', example);
        else if (to !== null && to !== from) link(from, to, example);
        else if (to === null) {
          const wiring = path.relative(root, path.resolve(path.dirname(file), match[1]!)).split(path.sep)[0]!;
          if (WIRING.has(wiring)) problems.push(`${from}/ must not import the wiring folder ${wiring}/: ${example}`);
        }
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
  problems.push(...[...(graph.get('target') ?? [])].map(([to, example]) => `target/ must import nothing of the suite, but imports ${to}: ${example}`));
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
  console.log('layout: no two stage folders import each other, and target/ imports nothing of the suite');
}
