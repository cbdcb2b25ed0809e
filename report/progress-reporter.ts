/**
 * The live progress line of a load run, as a Playwright reporter:
 * `Time: 120s | Writers: 6/6 | Reviewers: 24/24 | Cards Created: 180 | Errors: 0 | Integrity: ✅`.
 * The numbers come from the run's history files as the workers append to them, so the
 * line shows what the server answered, not what the tests intended. On a terminal it is
 * redrawn in place every second; in CI or when piped, one line every 10 s keeps logs short.
 * With `dashboard` on it also serves the live web dashboard (report/dashboard/) from the same
 * records and counters, every second, whatever the line's mode.
 */
import path from 'node:path';
import type { FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { config } from '../helpers/config/config.ts';
import { currentRun } from '../helpers/run/current-run.ts';
import { runPaths } from '../helpers/run/run-dir.ts';
import { readRunInfo } from '../helpers/run/run-store.ts';
import { HistoryTail } from './history-tail.ts';
import { isIntegrityFailure } from '../db/integrity-failure.ts';
import { formatProgressLine, LiveCounters, REVIEWER_SCENARIOS, WRITER_SCENARIOS, type ProgressSnapshot } from './live-progress.ts';
import { LiveDashboard } from './dashboard/live-dashboard.ts';

/** Redraw interval on a terminal. */
const TTY_TICK_MS = 1_000;
/** Line interval in CI or a pipe: often enough to see the ramp, rare enough to keep logs readable. */
const LINES_TICK_MS = 10_000;
/** The dashboard's pages hear from the run this often (the issue asks for 2 s at most). */
const DASHBOARD_TICK_MS = 1_000;

export type ProgressMode = 'tty' | 'lines' | 'off';

export interface ProgressReporterOptions {
  /** Run directory to follow; defaults to the current run of this process. */
  runDir?: string;
  /** Defaults from the config: off when PROGRESS=false outside CI, lines in CI or a pipe, tty otherwise. */
  mode?: ProgressMode;
  /** Where the text goes; defaults to stdout. */
  write?: (text: string) => void;
  /** Override of the tick interval (tests). */
  tickMs?: number;
  /** The live web dashboard (`config.dashboard`, passed by playwright.config.ts); off when absent. */
  dashboard?: { enabled: boolean; port: number };
}

function defaultMode(): ProgressMode {
  if (config.ci || !process.stdout.isTTY) return 'lines';
  return config.progress ? 'tty' : 'off';
}

export default class ProgressReporter implements Reporter {
  private readonly mode: ProgressMode;
  private readonly write: (text: string) => void;
  private readonly tickMs: number;
  private readonly runDirOption: string | undefined;
  private tail: HistoryTail | null = null;
  private readonly counters = new LiveCounters();
  private planned = { writers: 0, reviewers: 0 };
  private integrityOk = true;
  private startedAt = Date.now();
  private epochMs: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastLength = 0;
  private readonly dashboard: LiveDashboard | null = null;
  private dashboardTimer: NodeJS.Timeout | null = null;

  constructor(options: ProgressReporterOptions = {}) {
    this.mode = options.mode ?? defaultMode();
    this.write = options.write ?? ((text) => void process.stdout.write(text));
    this.tickMs = options.tickMs ?? (this.mode === 'tty' ? TTY_TICK_MS : LINES_TICK_MS);
    this.runDirOption = options.runDir;
    if (options.dashboard?.enabled) {
      this.dashboard = new LiveDashboard({
        port: options.dashboard.port,
        profile: config.profile,
        thresholds: config.thresholds,
        runDir: () => this.runDir(),
        epochMs: () => this.runEpoch(),
        write: (text) => void process.stdout.write(text),
      });
      // Before global setup, so a taken port stops the run before it registers anyone.
      void this.dashboard.start();
    }
  }

  printsToStdio(): boolean {
    return this.mode !== 'off';
  }

  onBegin(_config: unknown, suite: Suite): void {
    for (const test of suite.allTests()) {
      const project = test.parent.project()?.name ?? '';
      // A lane test plays several VUs and lists them in its `vus` annotation.
      const vus = test.annotations.find((a) => a.type === 'vus')?.description?.split(' ').length ?? 1;
      if (WRITER_SCENARIOS.has(project)) this.planned.writers += vus;
      if (REVIEWER_SCENARIOS.has(project)) this.planned.reviewers += vus;
    }
    this.startedAt = Date.now();
    if (this.dashboard) {
      this.dashboard.begin(path.basename(this.runDir()), suite.allTests());
      this.dashboardTimer = setInterval(() => this.safely(() => this.dashboardTick(false)), DASHBOARD_TICK_MS);
      this.dashboardTimer.unref();
    }
    if (this.mode === 'off') return;
    this.timer = setInterval(() => this.safeTick(), this.tickMs);
    // The line must never be the reason a finished run's process stays alive.
    this.timer.unref();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const failed = isIntegrityFailure({
      status: result.status,
      annotations: [...test.annotations, ...result.annotations],
      errorMessages: result.errors.map((e) => e.message ?? ''),
    });
    if (failed) this.integrityOk = false;
    this.dashboard?.testEnded(test, result, Date.now());
  }

  async onEnd(_result: FullResult): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.mode !== 'off') this.tick(true);
    if (this.dashboard) {
      if (this.dashboardTimer) clearInterval(this.dashboardTimer);
      this.safely(() => this.dashboardTick(true));
      // The teardown has written the decision by now (it runs before reporters hear onEnd).
      await this.dashboard.finish();
    }
  }

  private runDir(): string {
    return this.runDirOption ?? currentRun().dir;
  }

  /** The run directory is chosen before global setup creates it, so it is looked up on every tick. */
  private historyTail(): HistoryTail {
    if (!this.tail) {
      this.tail = new HistoryTail(runPaths(this.runDir()).historyDir);
    }
    return this.tail;
  }

  private runEpoch(): number {
    if (this.epochMs !== null) return this.epochMs;
    try {
      // epochMs is 0 until global setup has registered the pool and fixed the epoch.
      const epoch = readRunInfo(path.resolve(this.runDir())).epochMs;
      if (epoch > 0) this.epochMs = epoch;
    } catch {
      // No run.json yet: count from the start of the test run meanwhile.
    }
    return this.epochMs ?? this.startedAt;
  }

  /** A timer callback that throws would take Playwright's main process down with it. */
  private safeTick(): void {
    this.safely(() => this.tick(false));
  }

  private safely(tick: () => void): void {
    try {
      tick();
    } catch {
      // A history file caught mid-rename or a run.json mid-write: the next tick reads it.
    }
  }

  /** Reads the records appended since the last read, once, for the line and the dashboard alike. */
  private pull(now: number): ProgressSnapshot {
    const dashboard = this.dashboard;
    this.counters.ingest(this.historyTail().readNew(), dashboard ? (op) => dashboard.observe(op) : undefined);
    return this.counters.snapshot(now, this.runEpoch(), this.planned, this.integrityOk);
  }

  private dashboardTick(final: boolean): void {
    const now = Date.now();
    const snapshot = this.pull(now);
    this.dashboard?.tick(now, snapshot, this.counters.activeByScenario(now), final);
  }

  private tick(final: boolean): void {
    const line = formatProgressLine(this.pull(Date.now()));
    if (this.mode === 'tty') {
      // Pad over the previous line, which may have been longer.
      const padded = line.padEnd(this.lastLength);
      this.lastLength = line.length;
      this.write(`\r${padded}${final ? '\n' : ''}`);
    } else {
      this.write(`${line}\n`);
    }
  }
}
