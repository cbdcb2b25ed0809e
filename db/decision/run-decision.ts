/**
 * The one decision whether a run passed: the plan's criteria judged on the verdict (less
 * the known findings), the thresholds and the scenarios' test outcomes. The teardown, the
 * summary, report.html and `npm run audit` all print this decision; none decides again.
 */
import { CLASS_CRITERION, VIOLATION_CLASSES, type ClassCriterion, type Verdict, type Violation, type ViolationClass } from '../verdict.ts';
import { splitViolations, type KnownFinding, type KnownTally } from './known-findings.ts';
import type { ProjectOutcome } from '../../helpers/monitor/outcomes-reporter.ts';
import type { ThresholdResult } from './thresholds.ts';

/**
 * Playwright's test counts of one project (scenario), as the outcomes reporter records
 * them in the run directory (`readOutcomes(runDir).projects`); `planned` above the tests
 * that ended means the run was cut short.
 */
export type ProjectTestCounts = Pick<ProjectOutcome, 'passed' | 'failed' | 'skipped'> & Partial<Pick<ProjectOutcome, 'planned'>>;

/** Per project name. */
export type ProjectOutcomes = Readonly<Record<string, ProjectTestCounts>>;

export interface Criterion {
  id: number;
  key: string;
  name: string;
  /** null when the criterion could not be judged (no test outcomes, a latency not measured or measured only through a saturated generator). */
  passed: boolean | null;
  detail: string;
  /** The run's profile says this criterion is not part of it: not judged is then no reason for `unknown`. */
  notPartOfRun?: true;
}

/** `unknown`: nothing failed, but not everything could be judged — never a pass. */
export type RunResult = 'passed' | 'failed' | 'unknown';

export interface DecisionInput {
  verdict: Verdict;
  thresholds: readonly ThresholdResult[];
  projectOutcomes?: ProjectOutcomes | undefined;
  knownFindings?: readonly KnownFinding[] | undefined;
  /**
   * Criterion keys (`scenario-tests`) and threshold names (`average GET /review`) the run's profile
   * says are not part of it (`Profile.notPartOfRun`): what is not judged there leaves the run decided.
   */
  notPartOfRun?: readonly string[] | undefined;
}

export interface RunDecision {
  result: RunResult;
  criteria: Criterion[];
  /** One line per reason the run did not pass; empty when it passed. */
  failures: string[];
  /** Accepted findings seen in this run, one per entry of the baseline that matched. */
  known: KnownTally[];
  /** The violations that count: not accepted by the baseline, or above an entry's maxCount. */
  unexpected: Violation[];
}

const JUDGED_COMPLETELY = 9;

function countCriterion(id: number, key: string, name: string, verdict: Verdict, unexpected: readonly Violation[], known: readonly KnownTally[], classes: ViolationClass[]): Criterion {
  const found = classes.map((cls) => ({ cls, n: unexpected.filter((v) => v.class === cls).length })).filter((f) => f.n > 0);
  const accepted = known.filter((k) => k.withinLimit && classes.includes(k.finding.class)).map((k) => `${k.count} ${k.finding.class} known`);
  const knownText = accepted.length ? ` (${accepted.join(', ')})` : '';
  const detail =
    found.length === 0
      ? `no ${accepted.length ? 'unexpected ' : ''}${classes.join(' / ')} violations in ${verdict.usersJudged} users and ${verdict.cardsRead} cards${knownText}`
      : found.map((f) => `${f.n} ${f.cls}`).join(', ') + knownText;
  return { id, key, name, passed: found.length === 0, detail };
}

function testsCriterion(outcomes: ProjectOutcomes | undefined): Criterion {
  const base = { id: 7, key: 'scenario-tests', name: "all scenarios' tests passed" };
  if (!outcomes) return { ...base, passed: null, detail: 'no Playwright test outcomes were supplied' };
  const problems: string[] = [];
  let ended = 0;
  for (const [project, o] of Object.entries(outcomes)) {
    const done = o.passed + o.failed + o.skipped;
    ended += done;
    if (o.failed > 0) problems.push(`${project}: ${o.failed} of ${o.planned ?? done} failed`);
    if (o.planned !== undefined && o.planned > done) problems.push(`${project}: ${o.planned - done} of ${o.planned} did not finish`);
  }
  const projects = Object.keys(outcomes).length;
  if (projects === 0) return { ...base, passed: false, detail: 'no Playwright tests ran' };
  return problems.length ? { ...base, passed: false, detail: problems.join(', ') } : { ...base, passed: true, detail: `${ended} tests in ${projects} projects passed` };
}

/** The criteria of the plan, numbered as the plan numbers them, plus placement (8) and completeness (9). */
function judgeCriteria(
  verdict: Verdict,
  thresholds: readonly ThresholdResult[],
  outcomes: ProjectOutcomes | undefined,
  unexpected: readonly Violation[],
  known: readonly KnownTally[],
  notPartOfRun: readonly string[],
): Criterion[] {
  const performance = thresholds.filter((t) => t.unit !== 'count');
  const broken = performance.filter((t) => t.passed === false);
  const notJudged = performance.filter((t) => t.passed === null && !notPartOfRun.includes(t.name));
  // The classes a criterion counts come from the one table of classes (db/verdict.ts).
  const count = (id: number, key: ClassCriterion, name: string) =>
    countCriterion(
      id,
      key,
      name,
      verdict,
      unexpected,
      known,
      VIOLATION_CLASSES.filter((cls) => CLASS_CRITERION[cls] === key),
    );
  const criteria: Criterion[] = [
    count(1, 'no-cross-user-contamination', 'zero cross-user contamination'),
    count(2, 'no-lost-cards', 'no lost cards'),
    count(3, 'no-duplicates-or-phantoms', 'no duplicate or phantom cards'),
    count(4, 'session-integrity', 'session integrity'),
    count(5, 'review-integrity', 'review integrity'),
    {
      id: 6,
      key: 'performance-thresholds',
      name: 'performance thresholds met',
      // Not judged (null) when a latency was not measured, or only through a saturated generator,
      // and the profile does not leave that threshold out.
      // No threshold at all is nothing judged, not a pass.
      passed: broken.length > 0 ? false : notJudged.length > 0 || performance.length === 0 ? null : true,
      detail: performance.length === 0 ? 'no latency or error-rate threshold was given' : (broken.length ? broken : performance).map((t) => t.line).join('; '),
    },
    testsCriterion(outcomes),
    // Not one of the plan's seven, but a card with altered content or in the wrong deck, or an
    // acknowledged deck gone, is still a broken promise to the user and must not pass silently.
    count(8, 'card-placement', 'cards intact and in the intended deck, decks kept'),
    // What could not be judged is never a pass (Jepsen's :unknown).
    {
      id: JUDGED_COMPLETELY,
      key: 'judged-completely',
      name: 'every card, review and request judged',
      passed: verdict.valid !== 'unknown',
      detail: verdict.unjudged?.length ? verdict.unjudged.join('; ') : `all ${verdict.usersJudged} user databases read and every operation judged`,
    },
  ];
  return criteria.map((c) => (notPartOfRun.includes(c.key) ? { ...c, notPartOfRun: true } : c));
}

/** Passed, failed or unknown, with every reason; known findings within their limits do not fail it. */
export function decideRun({ verdict, thresholds, projectOutcomes, knownFindings = [], notPartOfRun = [] }: DecisionInput): RunDecision {
  const { known, unexpected } = splitViolations(verdict.violations, knownFindings);
  const criteria = judgeCriteria(verdict, thresholds, projectOutcomes, unexpected, known, notPartOfRun);
  // Performance thresholds are already inside criterion 6; the integrity threshold is listed
  // too because its limit is configurable (it counts the unexpected violations only).
  const decisive = [
    ...criteria.filter((c) => c.passed === false && c.id !== JUDGED_COMPLETELY).map((c) => `criterion ${c.id} failed: ${c.name} (${c.detail})`),
    ...thresholds.filter((t) => t.passed === false && t.unit === 'count').map((t) => t.line),
    ...known.filter((k) => !k.withinLimit).map((k) => k.line),
    ...(verdict.ok || verdict.violations.length > 0 || verdict.valid === 'unknown' ? [] : ['the checker did not judge the run ok, though it reported no violation']),
  ];
  // What could not be judged is never a pass: a criterion not judged leaves the run unknown, unless
  // the profile says it is not part of the run.
  const incomplete = [
    ...criteria.filter((c) => c.passed === null && !c.notPartOfRun).map((c) => `criterion ${c.id} not judged: ${c.name} (${c.detail})`),
    ...criteria.filter((c) => c.passed === false && c.id === JUDGED_COMPLETELY).map((c) => `criterion ${c.id} failed: ${c.name} (${c.detail})`),
  ];
  const result: RunResult = decisive.length > 0 ? 'failed' : incomplete.length > 0 ? 'unknown' : 'passed';
  return { result, criteria, failures: [...decisive, ...incomplete], known, unexpected };
}

/** The word every report prints for the result. */
export function resultWord(result: RunResult): string {
  return result === 'passed' ? 'PASSED' : result === 'failed' ? 'FAILED' : 'UNKNOWN (not everything could be judged)';
}
