/**
 * One verdict from the verdicts of separate servers (the legs of a merged run that each drove
 * their own embedded target): no card can travel between two servers' files, so each server is
 * judged on its own requests and the verdicts are joined — Jepsen's merge-valid: false wins,
 * then unknown, then true.
 */
import { VIOLATION_CLASSES, type Verdict, type ViolationClass } from './verdict.ts';

function mergeValid(values: readonly Verdict['valid'][]): Verdict['valid'] {
  if (values.includes(false)) return false;
  if (values.includes('unknown')) return 'unknown';
  return true;
}

export function combineVerdicts(runId: string, verdicts: readonly Verdict[]): Verdict {
  const first = verdicts[0];
  if (!first) throw new Error('combineVerdicts needs at least one verdict');
  // Stryker disable next-line ConditionalExpression: a shortcut — the general merge of one verdict gives the same fields unless its unjudged list repeats a sentence, which the checker never writes
  if (verdicts.length === 1) return { ...first, runId };
  const sum = (pick: (v: Verdict) => number) => verdicts.reduce((n, v) => n + pick(v), 0);
  const countsByClass = Object.fromEntries(VIOLATION_CLASSES.map((cls) => [cls, sum((v) => v.countsByClass[cls] ?? 0)])) as Record<ViolationClass, number>;
  const serverErrorCauses: Record<string, number> = {};
  for (const v of verdicts) for (const [cause, n] of Object.entries(v.serverErrorCauses)) serverErrorCauses[cause] = (serverErrorCauses[cause] ?? 0) + n;
  const histories = verdicts.map((v) => v.history).filter((h) => h !== undefined);
  const valid = mergeValid(verdicts.map((v) => v.valid));
  return {
    runId,
    judgedAt: verdicts
      .map((v) => v.judgedAt)
      .sort()
      .at(-1)!,
    source: verdicts.every((v) => v.source === 'snapshots') ? 'snapshots' : 'live',
    usersJudged: sum((v) => v.usersJudged),
    cardsRead: sum((v) => v.cardsRead),
    // Each server's audit reads the requests sent to it: together, the whole history.
    operationsRead: sum((v) => v.operationsRead),
    violations: verdicts.flatMap((v) => v.violations),
    countsByClass,
    observations: verdicts.flatMap((v) => v.observations),
    reconciliation: verdicts.flatMap((v) => v.reconciliation),
    serverErrorCauses,
    ...(histories[0] ? { history: histories[0] } : {}),
    valid,
    unjudged: [...new Set(verdicts.flatMap((v) => v.unjudged))],
    ok: valid === true,
  };
}
