/**
 * Fake-but-realistic runs for the report tests: the plan's shape (30 users registered,
 * writers ramping 1 → 2 → 3 → 6, reviewers 5 → 24 over 300 s), seeded so every test
 * sees the same numbers, plus a verdict with a few violations of different classes.
 */
import { VIOLATION_CLASSES, type Verdict, type Violation, type ViolationClass } from '../../db/verdict.ts';
import { buildCard } from '../../helpers/history/markers.ts';
import { seededRandom } from '../../helpers/vu/random.ts';
import type { OpKind, Operation, Outcome } from '../../helpers/history/operation.ts';
import type { RunInfo } from '../../helpers/run/run-dir.ts';

export const EPOCH_MS = 1_767_225_600_000; // 2026-01-01T00:00:00Z

export function fakeRunInfo(overrides: Partial<RunInfo> = {}): RunInfo {
  return {
    id: '20260101-000000-k7q',
    epochMs: EPOCH_MS,
    startedAt: new Date(EPOCH_MS - 9_000).toISOString(),
    profile: 'plan',
    baseUrl: 'http://127.0.0.1:41731',
    dataDir: '/tmp/runs/20260101-000000-k7q/target-data',
    serverLog: null,
    embedded: true,
    faults: null,
    status: 'complete',
    ...overrides,
  };
}

/** Seeded, so every test sees the same fake latencies. */
const seeded = seededRandom;

export interface OpSpec {
  vu: string;
  scenario?: string;
  username?: string;
  op?: OpKind;
  method?: string;
  path?: string;
  sentAt: number;
  latencyMs?: number;
  status?: number | null;
  outcome?: Outcome;
  body?: unknown;
  seq?: number;
  cookieFingerprint?: string;
  sessionValid?: boolean;
  probeDeckName?: string;
}

/** One operation with sensible defaults (an ok add_card by the VU). */
export function op(spec: OpSpec): Operation {
  const status = spec.status === undefined ? 201 : spec.status;
  return {
    id: `${spec.vu}#${spec.seq ?? spec.sentAt}`,
    runId: '20260101-000000-k7q',
    scenario: spec.scenario ?? 'writers',
    vu: spec.vu,
    username: spec.username ?? `${spec.vu}k7q`,
    userId: 1,
    op: spec.op ?? 'add_card',
    method: spec.method ?? 'POST',
    path: spec.path ?? '/add_card',
    sentAt: spec.sentAt,
    returnedAt: spec.sentAt + (spec.latencyMs ?? 100),
    status,
    body: spec.body ?? { message: 'ok' },
    outcome: spec.outcome ?? 'ok',
    ...(spec.cookieFingerprint === undefined ? {} : { cookieFingerprint: spec.cookieFingerprint }),
    ...(spec.sessionValid === undefined ? {} : { sessionValid: spec.sessionValid }),
    ...(spec.probeDeckName === undefined ? {} : { intent: { probeDeckName: spec.probeDeckName } }),
  };
}

const WRITER_STARTS_S = [0, 30, 60, 90, 90, 90];
const REVIEWER_STARTS_S = Array.from({ length: 24 }, (_, i) => (i < 5 ? 0 : 30 * Math.ceil((i - 4) / 5)));

/** A whole plan-shaped history: registration, writers and reviewers over about 300 s. */
export function fakePlanHistory(seed = 7): Operation[] {
  const rnd = seeded(seed);
  const ops: Operation[] = [];
  const latency = (base: number, spread: number): number => Math.round(base + rnd() * spread + (rnd() < 0.03 ? 600 * rnd() : 0));

  for (let u = 1; u <= 30; u++) {
    const vu = `u${String(u).padStart(2, '0')}`;
    ops.push(op({ vu, scenario: 'registration', op: 'register', path: '/register', sentAt: EPOCH_MS - 8_000 + Math.round(rnd() * 4_000), latencyMs: latency(180, 220), seq: 0 }));
  }

  WRITER_STARTS_S.forEach((startS, i) => {
    const vu = `w${String(i + 1).padStart(2, '0')}`;
    const fp = `fp-${vu}`;
    let t = EPOCH_MS + startS * 1000 + Math.round(rnd() * 2_000);
    let seq = 0;
    ops.push(op({ vu, op: 'login', path: '/login', method: 'POST', status: 200, sentAt: t, latencyMs: latency(150, 120), seq: seq++ }));
    t += 400;
    ops.push(op({ vu, op: 'set_current_deck', path: '/decks/current', method: 'PUT', status: 200, sentAt: t, latencyMs: latency(20, 30), seq: seq++, cookieFingerprint: fp, sessionValid: true }));
    const cards = 10 + Math.floor(rnd() * 40);
    for (let c = 1; c <= cards && t < EPOCH_MS + 295_000; c++) {
      // The plan spreads a writer's cards over about two minutes.
      t += Math.round((120_000 / cards) * (0.6 + 0.8 * rnd()));
      const card = buildCard({ username: `${vu}k7q`, seq: String(c), timeMs: t, topic: 'History' }, 'When?', '1815');
      const collides = rnd() < 0.02;
      ops.push({
        ...op({
          vu,
          sentAt: t,
          latencyMs: latency(60, 140),
          status: collides ? 500 : 201,
          outcome: collides ? 'fail' : 'ok',
          body: collides
            ? { error: 'Database error occurred while adding card' }
            : { message: 'Card added successfully', note_id: Math.floor(t / 1000) * 1000, card_id: Math.floor(t / 1000) * 1000 + 1 },
          seq: seq++,
          cookieFingerprint: fp,
          sessionValid: true,
        }),
        intent: { marker: card.id, front: card.front, back: card.back, deckId: '1', deckName: 'MyFirstDeck' },
      });
      if (c % 8 === 0) {
        ops.push(op({ vu, op: 'deck_stats', method: 'GET', path: '/decks/1/stats', status: 200, sentAt: t + 300, latencyMs: latency(30, 60), seq: seq++, cookieFingerprint: fp, sessionValid: true }));
      }
    }
  });

  REVIEWER_STARTS_S.forEach((startS, i) => {
    const vu = `r${String(i + 1).padStart(2, '0')}`;
    const fp = `fp-${vu}`;
    let t = EPOCH_MS + startS * 1000 + Math.round(rnd() * 3_000);
    let seq = 0;
    ops.push(op({ vu, scenario: 'reviewers', op: 'login', path: '/login', method: 'POST', status: 200, sentAt: t, latencyMs: latency(150, 120), seq: seq++ }));
    const reviews = 20 + Math.floor(rnd() * 30);
    for (let r = 0; r < reviews && t < EPOCH_MS + 295_000; r++) {
      t += Math.round((150_000 / reviews) * (0.6 + 0.8 * rnd()));
      const timedOut = rnd() < 0.004;
      ops.push(
        op({
          vu,
          scenario: 'reviewers',
          op: 'get_review',
          method: 'GET',
          path: '/review',
          status: timedOut ? null : 200,
          outcome: timedOut ? 'info' : 'ok',
          sentAt: t,
          latencyMs: timedOut ? 10_000 : latency(40, 120),
          seq: seq++,
          cookieFingerprint: fp,
          sessionValid: true,
        }),
      );
      t += 800;
      ops.push(op({ vu, scenario: 'reviewers', op: 'answer', path: '/answer', status: 200, sentAt: t, latencyMs: latency(50, 90), seq: seq++, cookieFingerprint: fp, sessionValid: true }));
    }
  });
  return ops;
}

export function emptyCounts(): Record<ViolationClass, number> {
  return Object.fromEntries(VIOLATION_CLASSES.map((c) => [c, 0])) as Record<ViolationClass, number>;
}

export function fakeVerdict(violations: Violation[] = [], overrides: Partial<Verdict> = {}): Verdict {
  const countsByClass = emptyCounts();
  for (const v of violations) countsByClass[v.class] += 1;
  return {
    runId: '20260101-000000-k7q',
    judgedAt: new Date(EPOCH_MS + 320_000).toISOString(),
    source: 'live',
    usersJudged: 30,
    cardsRead: 3_420,
    operationsRead: 2_000,
    violations,
    countsByClass,
    observations: [],
    reconciliation: [],
    serverErrorCauses: {},
    valid: violations.length === 0,
    unjudged: [],
    ok: violations.length === 0,
    ...overrides,
  };
}

/** A verdict of a run with faults on: a few violations of several classes, spread over the run. */
export function fakeFaultyVerdict(): Verdict {
  const at = (s: number): number => EPOCH_MS + s * 1000;
  const v = (cls: ViolationClass, s: number, message: string, vu = 'w02'): Violation => ({
    class: cls,
    message,
    vu,
    marker: `${vu}k7q_7`,
    opIds: [`${vu}#9`],
    sentAt: at(s),
    returnedAt: at(s) + 120,
    cause: { kind: 'unknown', missing: 'a server log (this fake run has none)' },
  });
  return fakeVerdict(
    [
      v('misrouted', 96.4, 'Card w02k7q_7 (added by w02 as w02k7q) sits in user_5.db of r03k7q, not in user_2.db; acknowledged 201 at 96.4 s by worker 4121.'),
      v('misrouted', 131.2, 'Card w05k7q_3 (added by w05 as w05k7q) sits in user_11.db of w01k7q, not in user_8.db; acknowledged 201 at 131.2 s.', 'w05'),
      v('lost', 142.9, 'Card w04k7q_12 was acknowledged (201, card_id 1767225742001) but is in no database.', 'w04'),
      v('duplicate', 201.5, 'Card w06k7q_4 is stored twice in user_9.db (card ids 1767225801001 and 1767225802001).', 'w06'),
      v('wrong-deck', 230.0, 'Card w03k7q_19 is in deck "Verbal Tenses" (2) of user_6.db, not in "MyFirstDeck" (1) that w03 made current.', 'w03'),
      v('session-mismatch', 250.3, 'Identity probe of p01 saw deck "Probe r07" of r07k7q instead of its own "Probe p01" <script>alert(1)</script>.', 'p01'),
    ],
    {
      observations: [
        { kind: 'id-collision', message: 'Users w01k7q and w03k7q both hold card id 1767225690001, each in their own database (same-second adds).', evidence: {} },
        { kind: 'id-collision', message: 'Users r02k7q and w05k7q both hold card id 1767225702001.', evidence: {} },
        { kind: 'indeterminate-landed', message: 'The add of w02k7q_31 timed out but the card is in user_2.db.', evidence: {} },
      ],
      serverErrorCauses: { 'id-collision': 7 },
    },
  );
}
