/**
 * The part of `@playwright/test` the unit specs use, for running them in one long-lived process
 * under mutation testing: `test` (with `describe`, `describe.configure`, the four hooks and
 * `test.info()`), and Playwright's own `expect`. The in-process runner
 * (`scripts/mutate/in-process-runner.ts`) redirects the specs' import of `@playwright/test` here,
 * loads each spec once and then runs its tests once per mutant, switching the active mutant
 * between runs instead of starting Playwright again (4.5 s a start, 4,911 mutants).
 *
 * Only what Playwright Test does for these specs is reproduced: a test's output folder is emptied
 * before it runs and created by `outputPath`; hooks run in Playwright's order; a test fails on a
 * thrown error or when its timeout passes. A spec that needs more (a browser, a fixture) fails
 * its dry run and is listed in the runner's exclusions with why.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';

export { expect };

type Body = (fixtures: Record<string, never>, info: ShimTestInfo) => unknown;

export interface ShimSuite {
  title: string;
  file: string;
  parent: ShimSuite | null;
  children: (ShimSuite | ShimTest)[];
  beforeAll: Body[];
  afterAll: Body[];
  beforeEach: Body[];
  afterEach: Body[];
  timeoutMs: number | null;
}

export interface ShimTest {
  id: string;
  title: string;
  titlePath: string[];
  file: string;
  line: number;
  suite: ShimSuite;
  body: Body;
}

/** Playwright's default unit-test timeout in `tests/unit/playwright.unit.config.ts`. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export class ShimTestInfo {
  readonly attachments: { name: string; contentType?: string; path?: string; body?: unknown }[] = [];
  readonly annotations: { type: string; description?: string }[] = [];
  readonly retry = 0;
  readonly project = { name: 'unit' };

  constructor(
    readonly testId: string,
    readonly title: string,
    readonly titlePath: string[],
    readonly file: string,
    readonly outputDir: string,
    public timeout: number,
  ) {}

  outputPath(...segments: string[]): string {
    fs.mkdirSync(this.outputDir, { recursive: true });
    return path.join(this.outputDir, ...segments);
  }

  attach(name: string, options: { contentType?: string; path?: string; body?: unknown } = {}): Promise<void> {
    this.attachments.push({ name, ...options });
    return Promise.resolve();
  }

  setTimeout(ms: number): void {
    this.timeout = ms;
  }
}

interface Registry {
  files: Map<string, ShimSuite>;
  current: ShimSuite | null;
  info: ShimTestInfo | null;
}

const REGISTRY_KEY = Symbol.for('javumbo.mutate.registry');
const slot = globalThis as unknown as Record<symbol, Registry | undefined>;
/** One registry per process, whichever copy of this module a spec reached. */
export const registry: Registry = (slot[REGISTRY_KEY] ??= { files: new Map(), current: null, info: null });

function newSuite(title: string, file: string, parent: ShimSuite | null): ShimSuite {
  return { title, file, parent, children: [], beforeAll: [], afterAll: [], beforeEach: [], afterEach: [], timeoutMs: null };
}

/** The suite a spec file's top level declares into; the runner opens it before importing the file. */
export function openFile(file: string): ShimSuite {
  const suite = newSuite('', file, null);
  registry.files.set(file, suite);
  registry.current = suite;
  return suite;
}

function currentSuite(what: string): ShimSuite {
  if (!registry.current) throw new Error(`${what} was called outside a spec file's loading`);
  return registry.current;
}

/** The line of the spec that called `test(...)`, from the stack: Stryker shows it with the test. */
function callerLine(file: string): number {
  const stack = new Error().stack ?? '';
  const base = path.basename(file);
  const line = stack.split('\n').find((l) => l.includes(base));
  return Number(/:(\d+):\d+\)?$/.exec(line ?? '')?.[1] ?? 0);
}

function titlePathOf(suite: ShimSuite): string[] {
  const titles: string[] = [];
  for (let s: ShimSuite | null = suite; s; s = s.parent) if (s.title) titles.unshift(s.title);
  return titles;
}

function declare(title: string, a: unknown, b?: unknown): void {
  const body = (typeof a === 'function' ? a : b) as Body;
  const suite = currentSuite('test()');
  const titlePath = [...titlePathOf(suite), title];
  const id = `${path.relative(process.cwd(), suite.file)} > ${titlePath.join(' > ')}`;
  suite.children.push({ id, title, titlePath, file: suite.file, line: callerLine(suite.file), suite, body });
}

function describe(title: string, a: unknown, b?: unknown): void {
  const body = (typeof a === 'function' ? a : b) as () => void;
  const parent = currentSuite('test.describe()');
  const suite = newSuite(title, parent.file, parent);
  parent.children.push(suite);
  registry.current = suite;
  try {
    body();
  } finally {
    registry.current = parent;
  }
}
describe.configure = (options: { timeout?: number; mode?: string }): void => {
  if (options.timeout !== undefined) currentSuite('test.describe.configure()').timeoutMs = options.timeout;
};
describe.serial = describe;

const hook =
  (kind: 'beforeAll' | 'afterAll' | 'beforeEach' | 'afterEach') =>
  (a: unknown, b?: unknown): void => {
    currentSuite(`test.${kind}()`)[kind].push((typeof a === 'function' ? a : b) as Body);
  };

export const test = Object.assign(declare, {
  describe,
  beforeAll: hook('beforeAll'),
  afterAll: hook('afterAll'),
  beforeEach: hook('beforeEach'),
  afterEach: hook('afterEach'),
  info(): ShimTestInfo {
    if (!registry.info) throw new Error('test.info() was called outside a test');
    return registry.info;
  },
  setTimeout(ms: number): void {
    test.info().setTimeout(ms);
  },
});

/** A test's own output folder, as Playwright names one: a readable slug and a hash of its id. */
export function outputDirOf(root: string, t: ShimTest): string {
  const slug = t.titlePath
    .join('-')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .slice(0, 60);
  const hash = crypto.createHash('sha1').update(t.id).digest('hex').slice(0, 8);
  return path.join(root, `${slug}-${hash}`);
}

export function timeoutOf(t: ShimTest): number {
  for (let s: ShimSuite | null = t.suite; s; s = s.parent) if (s.timeoutMs !== null) return s.timeoutMs;
  return DEFAULT_TIMEOUT_MS;
}
