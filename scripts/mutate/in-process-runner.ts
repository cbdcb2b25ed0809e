/**
 * A StrykerJS test runner (`"testRunner": "playwright-in-process"`) for the unit specs: it loads
 * them once in Stryker's runner process, with their import of `@playwright/test` redirected to
 * `test-shim.ts`, and runs them once per mutant with the mutant switched on at run time. Stryker's
 * per-test coverage then sends each mutant only to the tests that reach its code, so a mutant
 * costs milliseconds instead of a Playwright start (4.5 s) and the whole unit project (30 s).
 *
 * Mutants evaluated while a module loads (a table's literal, a top-level regular expression) need
 * the specs loaded again with the mutant active: the runner says it cannot reload, so Stryker starts
 * a fresh runner for each (`mutantActivation: 'static'`), and they run against every test.
 *
 * Specs that need what the shim does not give (a browser, a fixture, a child run of the whole
 * suite) are listed in the config's `playwrightInProcess.exclude` with the reason.
 */
import fs from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { commonTokens, declareClassPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';
import type { Logger } from '@stryker-mutator/api/logging';
import type { StrykerOptions, MutantCoverage } from '@stryker-mutator/api/core';
import {
  DryRunStatus,
  MutantRunStatus,
  TestStatus,
  type DryRunOptions,
  type DryRunResult,
  type MutantRunOptions,
  type MutantRunResult,
  type TestResult,
  type TestRunner,
  type TestRunnerCapabilities,
} from '@stryker-mutator/api/test-runner';
import type { ShimSuite, ShimTest } from './test-shim.ts';

type Shim = typeof import('./test-shim.ts');

export interface InProcessOptions {
  /** Folder of the specs, relative to the project. */
  specDir: string;
  /** Spec files (names in `specDir`) left out, each with why. */
  exclude: Record<string, string>;
}

interface StrykerNamespace {
  activeMutant?: string;
  currentTestId?: string;
  hitCount?: number;
  hitLimit?: number;
  mutantCoverage?: MutantCoverage;
}

const ACTIVE_MUTANT_ENV = '__STRYKER_ACTIVE_MUTANT__';
const HIT_LIMIT_MESSAGE = 'Stryker: Hit count limit reached';
const SHIM_URL = new URL('./test-shim.ts', import.meta.url).href;

/** The resolve hook: a spec's (not Playwright's, not the shim's) `@playwright/test` is the shim. */
const RESOLVE_HOOK = `
let shim;
export function initialize(data) { shim = data.shim; }
export async function resolve(specifier, context, next) {
  const parent = context.parentURL ?? '';
  if (specifier === '@playwright/test' && parent !== shim && !parent.includes('/node_modules/')) return { url: shim, shortCircuit: true };
  return next(specifier, context);
}`;

function ns(): StrykerNamespace {
  const g = globalThis as unknown as { __stryker__?: StrykerNamespace };
  return (g.__stryker__ ??= {});
}

class TestTimeout extends Error {}

interface Outcome {
  results: TestResult[];
  failed: { id: string; message: string; hitLimit: boolean; timedOut: boolean } | null;
}

class InProcessRunner implements TestRunner {
  static inject = tokens(commonTokens.options, commonTokens.logger);
  private shim: Shim | null = null;
  private tests: ShimTest[] = [];
  private readonly options: InProcessOptions;
  /** An error raised outside any awaited test (a rejected promise a mutant left behind). */
  private stray: Error | null = null;
  /** Each spec file's time in the dry run: read once per runner process, set by the dry run itself. */
  private fileTimes: Record<string, number> | null = null;

  constructor(
    options: StrykerOptions,
    private readonly log: Logger,
  ) {
    const given = (options as StrykerOptions & { playwrightInProcess?: Partial<InProcessOptions> }).playwrightInProcess ?? {};
    this.options = { specDir: given.specDir ?? 'tests/unit', exclude: given.exclude ?? {} };
  }

  capabilities(): TestRunnerCapabilities {
    return { reloadEnvironment: false };
  }

  init(): Promise<void> {
    register(`data:text/javascript,${encodeURIComponent(RESOLVE_HOOK)}`, { data: { shim: SHIM_URL } });
    const record = (e: unknown): void => {
      this.stray ??= e instanceof Error ? e : new Error(String(e));
    };
    process.on('unhandledRejection', record);
    process.on('uncaughtException', record);
    return Promise.resolve();
  }

  async dryRun(options: DryRunOptions): Promise<DryRunResult> {
    try {
      await this.load();
    } catch (e) {
      return { status: DryRunStatus.Error, errorMessage: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    const outcome = await this.run(this.tests, { bail: false, perTest: options.coverageAnalysis === 'perTest' });
    this.saveFileTimes(outcome.results);
    const coverage = options.coverageAnalysis === 'off' ? undefined : (ns().mutantCoverage ?? { static: {}, perTest: {} });
    return { status: DryRunStatus.Complete, tests: outcome.results, mutantCoverage: coverage };
  }

  async mutantRun(options: MutantRunOptions): Promise<MutantRunResult> {
    const space = ns();
    // A static mutant acts while the modules load: it is on before the specs are imported.
    if (options.mutantActivation === 'static') this.activate(options);
    await this.load();
    this.activate(options);
    try {
      const filter = options.testFilter ? new Set(options.testFilter) : null;
      const tests = filter ? this.tests.filter((t) => filter.has(t.id)) : this.tests;
      const outcome = await this.run(tests, { bail: !options.disableBail, perTest: false });
      const f = outcome.failed;
      if (f?.hitLimit || f?.timedOut) return { status: MutantRunStatus.Timeout, reason: f.message };
      if (f) return { status: MutantRunStatus.Killed, killedBy: [f.id], failureMessage: f.message, nrOfTests: outcome.results.length };
      return { status: MutantRunStatus.Survived, nrOfTests: outcome.results.length };
    } finally {
      delete space.activeMutant;
      delete process.env[ACTIVE_MUTANT_ENV];
      space.hitCount = undefined;
      space.hitLimit = undefined;
    }
  }

  private saveFileTimes(results: readonly TestResult[]): void {
    const times: Record<string, number> = {};
    for (const r of results) if (r.fileName) times[path.basename(r.fileName)] = (times[path.basename(r.fileName)] ?? 0) + r.timeSpentMs;
    fs.mkdirSync(path.dirname(FILE_TIMES), { recursive: true });
    fs.writeFileSync(FILE_TIMES, JSON.stringify(times));
    this.fileTimes = times;
  }

  private activate(options: MutantRunOptions): void {
    const space = ns();
    space.activeMutant = options.activeMutant.id;
    // Child processes a spec starts (a CLI under tsx) read it from the environment.
    process.env[ACTIVE_MUTANT_ENV] = options.activeMutant.id;
    space.hitLimit = options.hitLimit;
    space.hitCount = options.hitLimit === undefined ? undefined : 0;
  }

  /** Imports every spec once; their `test()` calls fill the shim's registry. */
  private async load(): Promise<void> {
    if (this.shim) return;
    const shim = (await import(SHIM_URL)) as Shim;
    const dir = path.resolve(this.options.specDir);
    const specs = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.spec.ts') && !(f in this.options.exclude))
      .sort();

    for (const name of Object.keys(this.options.exclude)) {
      if (!fs.existsSync(path.join(dir, name))) throw new Error(`playwrightInProcess.exclude names ${name}, which is not in ${this.options.specDir}: remove it from stryker.config.json`);
    }
    for (const name of specs) {
      const file = path.join(dir, name);
      shim.openFile(file);
      try {
        await import(pathToFileURL(file).href);
      } catch (e) {
        throw new Error(
          `${this.options.specDir}/${name} did not load in the mutation runner (${e instanceof Error ? e.message : String(e)}): add it to playwrightInProcess.exclude in stryker.config.json with the reason`,
        );
      } finally {
        shim.registry.current = null;
      }
    }
    this.tests = [...shim.registry.files.values()].flatMap((suite) => testsOf(suite));
    this.shim = shim;
    this.log.info(`in-process runner: ${this.tests.length} tests in ${specs.length} spec files (${Object.keys(this.options.exclude).length} excluded)`);
  }

  /** Runs the given tests, fastest spec files first as the dry run timed them: a killed mutant stops at its first failure. */
  private async run(tests: ShimTest[], how: { bail: boolean; perTest: boolean }): Promise<Outcome> {
    const outcome: Outcome = { results: [], failed: null };
    const wanted = new Set(tests);
    const times = (this.fileTimes ??= readFileTimes());
    const suites = [...this.shim!.registry.files.values()].sort((a, b) => (times[path.basename(a.file)] ?? 0) - (times[path.basename(b.file)] ?? 0));
    for (const suite of suites) {
      await this.runSuite(suite, wanted, how, outcome);
      if (how.bail && outcome.failed) break;
    }
    return outcome;
  }

  private async runSuite(suite: ShimSuite, wanted: Set<ShimTest>, how: { bail: boolean; perTest: boolean }, outcome: Outcome): Promise<void> {
    const inside = testsOf(suite).filter((t) => wanted.has(t));
    if (inside.length === 0) return;
    const shim = this.shim!;
    const info = new shim.ShimTestInfo(`${suite.file} > ${suite.title}`, suite.title, [suite.title], suite.file, path.join(outputRoot(), 'hooks'), shim.DEFAULT_TIMEOUT_MS);
    let setupError: unknown = null;
    try {
      for (const fn of suite.beforeAll) await fn({}, info);
    } catch (e) {
      setupError = e;
    }
    for (const child of suite.children) {
      if (how.bail && outcome.failed) break;
      if ('body' in child) {
        if (wanted.has(child)) await this.runTest(child, how, outcome, setupError);
      } else {
        await this.runSuite(child, wanted, how, outcome);
      }
    }
    try {
      for (const fn of suite.afterAll) await fn({}, info);
    } catch (e) {
      this.log.debug(`afterAll of ${suite.file} failed: ${String(e)}`);
    }
  }

  private async runTest(t: ShimTest, how: { perTest: boolean }, outcome: Outcome, setupError: unknown): Promise<void> {
    const shim = this.shim!;
    const outputDir = shim.outputDirOf(outputRoot(), t);
    fs.rmSync(outputDir, { recursive: true, force: true });
    const info = new shim.ShimTestInfo(t.id, t.title, t.titlePath, t.file, outputDir, shim.timeoutOf(t));
    shim.registry.info = info;
    if (how.perTest) ns().currentTestId = t.id;
    this.stray = null;
    const started = Date.now();
    let error: unknown = setupError;
    const suites: ShimSuite[] = [];
    for (let s: ShimSuite | null = t.suite; s; s = s.parent) suites.unshift(s);
    if (!error) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TestTimeout(`Test timeout of ${info.timeout}ms exceeded.`)), info.timeout);
      });
      try {
        await Promise.race([
          (async () => {
            for (const s of suites) for (const fn of s.beforeEach) await fn({}, info);
            await t.body({}, info);
          })(),
          timeout,
        ]);
      } catch (e) {
        error = e;
      } finally {
        clearTimeout(timer);
      }
      try {
        for (const s of [...suites].reverse()) for (const fn of s.afterEach) await fn({}, info);
      } catch (e) {
        error ??= e;
      }
    }
    error ??= this.stray;
    shim.registry.info = null;
    if (how.perTest) delete ns().currentTestId;
    const base = { id: t.id, name: t.titlePath.join(' > '), timeSpentMs: Date.now() - started, fileName: t.file, startPosition: { line: Math.max(0, t.line - 1), column: 0 } };
    if (!error) {
      outcome.results.push({ ...base, status: TestStatus.Success });
      return;
    }
    const message = error instanceof Error ? error.message : JSON.stringify(error);
    outcome.results.push({ ...base, status: TestStatus.Failed, failureMessage: message });
    outcome.failed ??= { id: t.id, message, hitLimit: message.includes(HIT_LIMIT_MESSAGE), timedOut: error instanceof TestTimeout };
  }
}

/** Where the dry run leaves each spec file's time, in the sandbox, for the runners started after it. */
const FILE_TIMES = 'test-results/mutate/file-times.json';
/**
 * Each runner process's own root of test output folders: Stryker runs several processes in one
 * sandbox, and two of them may run the same test at once (for different mutants). Sharing its
 * folder, one emptied it under the other, whose test then failed on a missing or half-written
 * file — and the mutant of the moment was counted killed by that failure. Resolved when a test
 * runs, from the sandbox the process works in (the module itself loads before Stryker enters it).
 */
function outputRoot(): string {
  return path.resolve('test-results/mutate', `runner-${process.pid}`);
}

function readFileTimes(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(FILE_TIMES, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

function testsOf(suite: ShimSuite): ShimTest[] {
  return suite.children.flatMap((c) => ('body' in c ? [c] : testsOf(c)));
}

export const strykerPlugins = [declareClassPlugin(PluginKind.TestRunner, 'playwright-in-process', InProcessRunner)];

export const strykerValidationSchema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  title: 'InProcessRunnerOptions',
  type: 'object',
  properties: {
    playwrightInProcess: {
      type: 'object',
      properties: {
        specDir: { type: 'string', description: 'Folder of the specs, relative to the project.' },
        exclude: { type: 'object', additionalProperties: { type: 'string' }, description: 'Spec files left out, each with why.' },
      },
      additionalProperties: false,
    },
  },
};
