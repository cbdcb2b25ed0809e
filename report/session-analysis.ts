/**
 * session_analysis.json: how each VU's sessions behaved, from the history. Sessions are
 * told apart by cookie fingerprint (never the value). The questions it answers: did a
 * valid session ever get a 401, did an identity probe ever see someone else's data,
 * did a VU's cookie change without a login, and which cards landed in the wrong deck.
 */
import type { Verdict, Violation } from '../db/verdict.ts';
import type { Operation } from '../helpers/history/operation.ts';
import { unexplainedCookieChanges } from '../helpers/history/session-rules.ts';

export interface ProbeFailure {
  opId: string;
  sentAt: number;
  path: string;
  status: number | null;
  expectedDeckName: string;
  /** Why the probe counts as failed. */
  reason: string;
}

export interface ViolationEvidence {
  class: Violation['class'];
  message: string;
  marker?: string;
  expectedDeck?: string;
  actualDecks: string[];
  opIds: string[];
}

export interface VuSessionStats {
  vu: string;
  scenario: string;
  username: string;
  requests: number;
  /** Logins answered ok. */
  sessionsCreated: number;
  /** Requests sent with each cookie fingerprint (requests without a cookie are not counted). */
  requestsPerSession: { fingerprint: string; requests: number }[];
  identityProbes: number;
  identityProbesFailed: number;
  probeFailures: ProbeFailure[];
  /** 401 answers to requests sent while the session was valid. */
  unauthorizedOnValidSession: number;
  unauthorizedOpIds: string[];
  /** Times the cookie fingerprint differed from the VU's previous request. */
  cookieChanges: number;
  /** Changes with no register, login or logout answered in between (`unexplainedCookieChanges`, the checker's rule): the session changed under the VU. */
  unexplainedCookieChanges: number;
  /** A logout followed by a successful login. */
  logoutLoginCycles: number;
  wrongDeck: number;
  sessionMismatch: number;
  evidence: ViolationEvidence[];
}

export interface SessionAnalysis {
  runId: string;
  overall: {
    vus: number;
    sessionsCreated: number;
    distinctSessions: number;
    meanRequestsPerSession: number | null;
    maxRequestsPerSession: number | null;
    identityProbes: number;
    identityProbesFailed: number;
    unauthorizedOnValidSession: number;
    cookieChanges: number;
    unexplainedCookieChanges: number;
    logoutLoginCycles: number;
    wrongDeck: number;
    sessionMismatch: number;
  };
  vus: VuSessionStats[];
}

/**
 * A failed identity probe as the checker judged it (session-judge.ts): the report counts
 * the checker's session-mismatch findings and never judges a probe or a 401 itself.
 */
function probeFailureOf(violation: Violation, op: Operation | undefined): ProbeFailure {
  return {
    opId: op?.id ?? violation.opIds[0] ?? '',
    sentAt: op?.sentAt ?? violation.sentAt ?? 0,
    path: op?.path ?? '',
    status: op?.status ?? null,
    expectedDeckName: op?.intent?.probeDeckName ?? '',
    reason: violation.message,
  };
}

function evidenceOf(violation: Violation): ViolationEvidence {
  return {
    class: violation.class,
    message: violation.message,
    ...(violation.marker === undefined ? {} : { marker: violation.marker }),
    ...(violation.expectedDeck === undefined ? {} : { expectedDeck: violation.expectedDeck }),
    actualDecks: (violation.actual ?? []).map((loc) => `${loc.deckName ?? '?'} (${loc.deckId}) in ${loc.dbFile}`),
    opIds: violation.opIds,
  };
}

function analyseVu(vu: string, ops: Operation[], violations: Violation[]): VuSessionStats {
  const sorted = [...ops].sort((a, b) => a.sentAt - b.sentAt || a.id.localeCompare(b.id));
  const perSession = new Map<string, number>();
  const probeFailures: ProbeFailure[] = [];
  const unauthorizedOpIds: string[] = [];
  let sessionsCreated = 0;
  let identityProbes = 0;
  let cookieChanges = 0;
  let cycles = 0;
  let lastFingerprint: string | undefined;
  let loggedOut = false;

  for (const op of sorted) {
    const fp = op.cookieFingerprint;
    if (fp !== undefined) {
      perSession.set(fp, (perSession.get(fp) ?? 0) + 1);
      if (lastFingerprint !== undefined && fp !== lastFingerprint) cookieChanges += 1;
      lastFingerprint = fp;
    }
    if (op.op === 'login' && op.outcome === 'ok') {
      sessionsCreated += 1;
      if (loggedOut) cycles += 1;
      loggedOut = false;
    }
    if (op.op === 'logout' && op.outcome === 'ok') loggedOut = true;

    if (op.intent?.probeDeckName !== undefined) identityProbes += 1;
  }

  const mine = violations.filter((v) => v.vu === vu && (v.class === 'wrong-deck' || v.class === 'session-mismatch'));
  // The checker's session findings, split by what they are about: a 401 on a valid session, or a probe.
  const byId = new Map(sorted.map((op) => [op.id, op]));
  for (const v of mine.filter((x) => x.class === 'session-mismatch')) {
    const ops = v.opIds.map((id) => byId.get(id));
    const rejected = ops.find((op) => op?.status === 401);
    if (rejected) unauthorizedOpIds.push(rejected.id);
    const probe = ops.find((op) => op?.intent?.probeDeckName !== undefined);
    if (probe || !rejected) probeFailures.push(probeFailureOf(v, probe));
  }
  const first = sorted[0]!;
  // A VU's first operation is often its pool signup (scenario registration): name it by the
  // scenario it played.
  const played = sorted.find((op) => op.scenario !== 'registration') ?? first;
  return {
    vu,
    scenario: played.scenario,
    username: first.username,
    requests: sorted.length,
    sessionsCreated,
    requestsPerSession: [...perSession].map(([fingerprint, requests]) => ({ fingerprint, requests })),
    identityProbes,
    identityProbesFailed: probeFailures.length,
    probeFailures,
    unauthorizedOnValidSession: unauthorizedOpIds.length,
    unauthorizedOpIds,
    cookieChanges,
    // The checker's rule (a session-mismatch each), never a count of the report's own.
    unexplainedCookieChanges: unexplainedCookieChanges(sorted).length,
    logoutLoginCycles: cycles,
    wrongDeck: mine.filter((v) => v.class === 'wrong-deck').length,
    sessionMismatch: mine.filter((v) => v.class === 'session-mismatch').length,
    evidence: mine.map(evidenceOf),
  };
}

export function analyseSessions(ops: readonly Operation[], verdict: Verdict): SessionAnalysis {
  const byVu = new Map<string, Operation[]>();
  for (const op of ops) {
    const list = byVu.get(op.vu);
    if (list) list.push(op);
    else byVu.set(op.vu, [op]);
  }
  const vus = [...byVu].sort(([a], [b]) => a.localeCompare(b)).map(([vu, list]) => analyseVu(vu, list, verdict.violations));

  const sessionSizes = vus.flatMap((v) => v.requestsPerSession.map((s) => s.requests));
  const sum = (pick: (v: VuSessionStats) => number): number => vus.reduce((total, v) => total + pick(v), 0);
  const totalSessionRequests = sessionSizes.reduce((a, b) => a + b, 0);
  return {
    runId: verdict.runId,
    overall: {
      vus: vus.length,
      sessionsCreated: sum((v) => v.sessionsCreated),
      distinctSessions: sessionSizes.length,
      meanRequestsPerSession: sessionSizes.length ? Math.round((totalSessionRequests / sessionSizes.length) * 10) / 10 : null,
      maxRequestsPerSession: sessionSizes.length ? sessionSizes.reduce((a, b) => Math.max(a, b), 0) : null,
      identityProbes: sum((v) => v.identityProbes),
      identityProbesFailed: sum((v) => v.identityProbesFailed),
      unauthorizedOnValidSession: sum((v) => v.unauthorizedOnValidSession),
      cookieChanges: sum((v) => v.cookieChanges),
      unexplainedCookieChanges: sum((v) => v.unexplainedCookieChanges),
      logoutLoginCycles: sum((v) => v.logoutLoginCycles),
      // From the verdict as a whole, so violations without a VU are still counted.
      wrongDeck: verdict.countsByClass['wrong-deck'] ?? 0,
      sessionMismatch: verdict.countsByClass['session-mismatch'] ?? 0,
    },
    vus,
  };
}
