/**
 * The rows of the fault matrix: each fault switch of the embedded target, the rate that
 * makes it fire several times in one 15 s fault-profile run, what the verdict must show,
 * and which other violation classes may follow from it — each with the reason. Anything
 * else in the verdict fails the row.
 */
import type { FaultName } from '../../../embedded-server/fault-spec.ts';
import type { CauseKind } from '../../../db/verdict.ts';
import type { ChildRunResult } from './child-run.ts';
import type { ChildOutputs } from './child-outputs.ts';
import type { ClassFault } from './fault-matchers.ts';
import { latencySafeSeed } from './latency-seed.ts';
import { judgeClassRow, judgeCleanRow, judgeCrashRow, judgeEnhancedLogRow, judgeLatencyRow, judgeOverloadRow, type RowJudgement, type SideEffects } from './row-judgement.ts';

/** The VUs' default per-request timeout: long enough that only a dead worker leaves a request unanswered. */
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export interface MatrixRow {
  fault: FaultName | 'none';
  /** The row's name in the table and its folder, when two rows share a fault (default: the fault). */
  label?: string;
  /** Run the target with its diagnostic add_card lines (`--enhanced-log`). */
  enhancedLog?: boolean;
  rate: number | null;
  /** What the verdict must show, as the table prints it. */
  expected: string;
  title: string;
  requestTimeoutMs: number;
  /** Derive the row's fault seed from the matrix seed (the latency row needs a particular one). */
  seedFrom?: (matrixSeed: number) => number;
  sideEffects: SideEffects;
  judge(child: ChildRunResult, outputs: ChildOutputs | null): RowJudgement;
}

/** `cause`: the cause every report traced to a FAULT line must give, from what the fault does and the evidence the run has. */
function classRow(fault: ClassFault, rate: number, expected: string, title: string, cause: CauseKind | 'unknown', sideEffects: SideEffects = {}): MatrixRow {
  return {
    fault,
    rate,
    expected,
    title,
    requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
    sideEffects,
    judge: (child, outputs) => judgeClassRow(fault, child, outputs, sideEffects, cause),
  };
}

/** Latency row: short enough that the slowest delays (up to 1.5 s plus service time) time out. */
export const LATENCY_TIMEOUT_MS = 1_200;
// Most requests slowed: both means clear their limits by a margin, whatever the seed (at 0.5 add_card averaged 420 ms once).
export const LATENCY_RATE = 0.7;

/** Overload rows: below the target's 2.5 s hold, above every unheld request on a loaded machine. */
const OVERLOAD_TIMEOUT_MS = 1_200;

const latencySideEffects: SideEffects = {
  // A GET /review the client gave up on is still served: when it finishes after the VU's next
  // GET /review, the session remembers a card the VU was never shown, and the server applies
  // the VU's answer to that card. The server did what it was told by an abandoned request.
  'review-mismatch': 'an abandoned GET /review finishing after the next one changes the card the session answers',
  // An abandoned POST /logout still runs: when it lands after the thrasher's next login on the
  // same cookie jar, the session loses its user and the next request is a 401 the client did
  // not expect.
  'session-mismatch': "an abandoned logout landing after the next login ends that login's session",
};

export const MATRIX_ROWS: readonly MatrixRow[] = [
  {
    fault: 'none',
    rate: null,
    expected: 'no violation',
    title: 'the faithful target: the run passes with zero violations, same-second card ids only as observations',
    requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
    sideEffects: {},
    judge: (child, outputs) => judgeCleanRow(child, outputs),
  },
  // Without the diagnostic lines nothing in the run tells which session wrote the card.
  classRow('session-mixup', 0.25, 'misrouted', 'session-mixup is reported as misrouted, naming the marker, its owner and the database the card sits in', 'unknown'),
  {
    fault: 'session-mixup',
    label: 'session-mixup+enhanced-log',
    enhancedLog: true,
    rate: 0.25,
    expected: 'misrouted, writer named',
    title: "session-mixup with the diagnostic log lines on: each misrouted card names the worker pid, the session user it was written for and the cookie's user",
    requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
    sideEffects: {},
    judge: (child, outputs) => judgeEnhancedLogRow(child, outputs),
  },
  classRow('lost-write', 0.2, 'lost', 'lost-write is reported as lost, naming the acknowledged card id and its owner', 'write-not-kept'),
  classRow('error-after-commit', 0.2, 'phantom', 'error-after-commit is reported as phantom, naming the refused card found in its owner’s database', 'error-after-write'),
  classRow('duplicate-insert', 0.2, 'duplicate', 'duplicate-insert is reported as duplicate, naming both copies of the card', 'one-request-several-rows'),
  classRow('wrong-deck', 0.2, 'wrong-deck', 'wrong-deck is reported as wrong-deck, naming the intended deck and the deck the card is in', 'server-chose-other-deck'),
  classRow('alter-content', 0.2, 'content-mismatch', 'alter-content is reported as content-mismatch, quoting the altered front', 'altered-on-write'),
  classRow('answer-other-card', 0.25, 'review-mismatch', 'answer-other-card is reported as review-mismatch, naming the card shown and the card the revlog got', 'answered-card-never-served'),
  classRow('forget-session', 0.03, 'session-mismatch', 'forget-session is reported as session-mismatch, naming the VU and the request answered 401', 'session-file-gone'),
  {
    fault: 'crash-worker',
    rate: 0.15,
    expected: 'indeterminate (info)',
    title: 'crash-worker leaves requests indeterminate: each add reported landed or not as the crash phase says, none lost',
    requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
    // None: a crash before the commit stores nothing, after it stores what was asked, and a cut
    // answer is `info`, which may claim its revlog row or have none; no class is a consequence.
    sideEffects: {},
    judge: (child, outputs) => judgeCrashRow(child, outputs, {}),
  },
  {
    fault: 'latency',
    rate: LATENCY_RATE,
    expected: 'latency threshold',
    title: 'latency breaks a latency threshold, and requests that time out are indeterminate, never lost',
    requestTimeoutMs: LATENCY_TIMEOUT_MS,
    seedFrom: (seed) => latencySafeSeed(seed, LATENCY_RATE, LATENCY_TIMEOUT_MS),
    sideEffects: latencySideEffects,
    judge: (child, outputs) => judgeLatencyRow(child, outputs, latencySideEffects),
  },
  // Overload: the target holds writes past the client's timeout (embedded-server/app.ts HOLD_MS),
  // as a server whose workers are all busy does. The verdict must hold.
  {
    fault: 'stall',
    rate: 0.2,
    expected: 'no violation, applied late counted',
    title: 'stall (writes served after the client gave up) leaves no violation: the late answers and adds are counted as observations',
    requestTimeoutMs: OVERLOAD_TIMEOUT_MS,
    sideEffects: {},
    judge: (child, outputs) => judgeOverloadRow('stall', child, outputs),
  },
  {
    fault: 'drop',
    rate: 0.2,
    expected: 'no violation, nothing claimed',
    title: 'drop (writes held, then never served) leaves no violation and claims no effect for them',
    requestTimeoutMs: OVERLOAD_TIMEOUT_MS,
    sideEffects: {},
    judge: (child, outputs) => judgeOverloadRow('drop', child, outputs),
  },
];
