/**
 * The live dashboard of a load run (issue 23): the progress reporter hands it the history
 * records it reads for the progress line, the same counters' snapshot every second, and each
 * VU test as it ends; it keeps the run so far as one frame, sends what is new to the open
 * pages, and at the end the run's decision. Costs nothing per request beyond the progress
 * line's own reading of the history, plus a bucket entry per record.
 */
import type { TestCase, TestResult } from '@playwright/test/reporter';
import type { Config } from '../../helpers/config/config.ts';
import { ConfigError } from '../../helpers/config/errors/config-error.ts';
import { failWithOneLine } from '../../helpers/config/fail.ts';
import type { Operation } from '../../helpers/history/operation.ts';
import { healthDir, type HealthSample } from '../../helpers/monitor/health-samples.ts';
import { HistoryTail } from '../history-tail.ts';
import { formatProgressLine, type ProgressSnapshot } from '../live-progress.ts';
import { auditFindings, vusOfTest } from './audit-findings.ts';
import type { DashboardFrame, RunView } from './dashboard-frame.ts';
import { DASHBOARD_HOST, DashboardServer } from './dashboard-server.ts';
import { HealthTimeline } from './health-timeline.ts';
import { plannedRamp } from './planned-ramp.ts';
import { BUCKET_SECONDS, RequestTimeline } from './request-timeline.ts';
import { readVerdictView } from './verdict-view.ts';

/** How long the last frame (the verdict) may take to reach the open pages; the run does not wait longer. */
const FLUSH_GRACE_MS = 500;

/** The thresholds judged on an endpoint's mean latency, drawn on that endpoint's chart. */
const MEAN_LIMITED_ENDPOINTS = { addCardAvgMs: 'POST /add_card', reviewAvgMs: 'GET /review' } as const;

export interface LiveDashboardOptions {
  port: number;
  profile: Config['profile'];
  thresholds: Config['thresholds'];
  runDir: () => string;
  epochMs: () => number;
  write: (text: string) => void;
}

const emptyHeader = (): DashboardFrame['header'] => {
  const s: ProgressSnapshot = { elapsedSec: 0, writers: { active: 0, total: 0 }, reviewers: { active: 0, total: 0 }, cardsCreated: 0, errors: 0, integrityOk: true };
  return { ...s, line: formatProgressLine(s) };
};

export class LiveDashboard {
  private readonly server: DashboardServer;
  private readonly requests: RequestTimeline;
  private readonly health: HealthTimeline;
  private healthTail: HistoryTail<HealthSample> | null = null;
  /** Acknowledged adds per VU, and the VUs whose test (and so their card audit) has ended. */
  private readonly acksByVu = new Map<string, number>();
  private readonly audited = new Set<string>();
  /** A violation about two VUs of a lane (a session's deck switch under another's add) is attached to both: shown once. */
  private readonly shown = new Set<string>();
  private readonly state: DashboardFrame;

  constructor(private readonly options: LiveDashboardOptions) {
    this.requests = new RequestTimeline(options.epochMs);
    this.health = new HealthTimeline(options.epochMs);
    const { thresholds } = options;
    const run: RunView = {
      id: '',
      profile: options.profile.name,
      planned: [],
      latencyLimits: Object.entries(MEAN_LIMITED_ENDPOINTS).map(([key, endpoint]) => ({ endpoint, limitMs: thresholds[key as keyof typeof MEAN_LIMITED_ENDPOINTS] })),
      errorRateLimit: thresholds.errorRate,
      bucketSeconds: BUCKET_SECONDS,
    };
    this.state = {
      full: true,
      run,
      header: emptyHeader(),
      integrity: { acknowledged: 0, audited: 0, violations: 0 },
      ramp: [],
      endpoints: [],
      errors: [],
      cpu: [],
      loop: [],
      windows: [],
      violations: [],
      verdict: null,
    };
    this.server = new DashboardServer({ port: options.port, snapshot: () => this.state, reportPath: () => this.state.verdict?.reportPath ?? null });
  }

  /** Listens and prints the address once (and resolves with the port); a taken port ends the run with one line before it sends anything. */
  start(): Promise<number> {
    return this.server.listen().then(
      (port) => {
        this.options.write(`Dashboard: http://${DASHBOARD_HOST}:${port}/\n`);
        return port;
      },
      (e: NodeJS.ErrnoException) => {
        const problem = e.code === 'EADDRINUSE' ? `port ${this.options.port} on ${DASHBOARD_HOST} is taken` : `cannot listen on ${DASHBOARD_HOST}:${this.options.port} (${e.code ?? e.message})`;
        failWithOneLine(new ConfigError('DASHBOARD_PORT', problem, 'set DASHBOARD_PORT to a free port (0 picks one), or DASHBOARD=false to run without the dashboard'));
      },
    );
  }

  /** The run's VU tests are known: the planned ramp follows from the VUs they play. */
  begin(runId: string, tests: readonly TestCase[]): void {
    this.state.run.id = runId;
    this.state.run.planned = plannedRamp(this.options.profile, new Set(tests.flatMap((t) => vusOfTest(t))));
  }

  /** One history record, in the progress line's own pass over the records it read. */
  observe(op: Operation): void {
    this.requests.add(op);
    if (op.op === 'add_card' && op.outcome === 'ok') this.acksByVu.set(op.vu, (this.acksByVu.get(op.vu) ?? 0) + 1);
  }

  /** Sends what is new since the last tick: the header, the ramp, closed buckets, health. */
  tick(nowMs: number, header: ProgressSnapshot, active: Record<string, number>, final: boolean): void {
    this.healthTail ??= new HistoryTail<HealthSample>(healthDir(this.options.runDir()));
    const { cpu, loop } = this.health.add(this.healthTail.readNew());
    const { endpoints, errors } = this.requests.close(nowMs, final);
    const frame = this.frame({
      header: { ...header, line: formatProgressLine(header) },
      ramp: [{ t: Math.round((nowMs - this.options.epochMs()) / 100) / 10, active }],
      endpoints,
      errors,
      cpu,
      loop,
      windows: this.health.saturatedWindows(nowMs, final),
    });
    this.server.broadcast('frame', frame);
  }

  /** A VU test ended: its VUs' cards are audited, and what the audit found goes out at once. */
  testEnded(test: TestCase, result: TestResult, nowMs: number): void {
    for (const vu of vusOfTest(test)) this.audited.add(vu);
    const foundT = Math.round((nowMs - this.options.epochMs()) / 100) / 10;
    const violations = auditFindings(test, result)
      .filter((f) => {
        const key = `${f.cls}\u0000${f.card}\u0000${f.message}`;
        if (this.shown.has(key)) return false;
        this.shown.add(key);
        return true;
      })
      .map((f) => ({ ...f, foundT }));
    if (violations.length > 0) this.server.broadcast('frame', this.frame({ violations }));
  }

  /** The run's decision, then the streams end; the run does not wait for the pages. */
  async finish(): Promise<void> {
    const verdict = readVerdictView(this.options.runDir());
    this.server.broadcast('frame', this.frame({ verdict }));
    await this.server.close(FLUSH_GRACE_MS);
  }

  /** Folds the new parts into the run so far and returns them as a frame of their own. */
  private frame(parts: Partial<Omit<DashboardFrame, 'full' | 'run' | 'integrity'>>): DashboardFrame {
    const s = this.state;
    if (parts.header) s.header = parts.header;
    // The windows are re-judged every few seconds; a frame carries them only when they changed.
    const windowsChanged = parts.windows !== undefined && parts.windows !== s.windows;
    if (parts.windows) s.windows = parts.windows;
    if (parts.verdict !== undefined) s.verdict = parts.verdict;
    s.ramp.push(...(parts.ramp ?? []));
    s.endpoints.push(...(parts.endpoints ?? []));
    s.errors.push(...(parts.errors ?? []));
    s.cpu.push(...(parts.cpu ?? []));
    s.loop.push(...(parts.loop ?? []));
    s.violations.push(...(parts.violations ?? []));
    let audited = 0;
    for (const vu of this.audited) audited += this.acksByVu.get(vu) ?? 0;
    s.integrity = { acknowledged: s.header.cardsCreated, audited, violations: s.violations.length };
    return {
      full: false,
      run: s.run,
      header: s.header,
      integrity: s.integrity,
      ramp: parts.ramp ?? [],
      endpoints: parts.endpoints ?? [],
      errors: parts.errors ?? [],
      cpu: parts.cpu ?? [],
      loop: parts.loop ?? [],
      windows: windowsChanged ? s.windows : null,
      violations: parts.violations ?? [],
      verdict: s.verdict,
    };
  }
}
