/**
 * A verdict on one screen: counts per class, the first violations in words, what was
 * observed, per-writer totals and server error causes. Shared by the audit CLI and the
 * run's teardown.
 */
import { VIOLATION_CLASSES, type Verdict } from './verdict.ts';

const MAX_VIOLATIONS = 10;
const MAX_OBSERVATIONS_PER_KIND = 2;

/** Render a verdict as plain text (no colours: it also goes to log files). */
export function printVerdict(verdict: Verdict): string {
  const lines: string[] = [];
  const head =
    verdict.valid === 'unknown'
      ? 'UNKNOWN — no integrity violation found, but not everything could be judged'
      : verdict.ok
        ? 'PASS — no integrity violations'
        : `FAIL — ${verdict.violations.length} integrity violation${verdict.violations.length === 1 ? '' : 's'}`;
  lines.push(`Audit of run ${verdict.runId} (${verdict.source} databases): ${head}`);
  for (const reason of verdict.unjudged ?? []) lines.push(`  not judged: ${reason}`);
  lines.push(`  read ${verdict.usersJudged} user databases, ${verdict.cardsRead} cards, ${verdict.operationsRead} operations`);
  if (verdict.history && (verdict.history.truncatedLines > 0 || verdict.history.malformedLines > 0)) {
    lines.push(`  history: ${verdict.history.files} files, ${verdict.history.truncatedLines} truncated and ${verdict.history.malformedLines} malformed lines skipped`);
  }

  lines.push('', 'Violations by class:');
  lines.push(`  ${VIOLATION_CLASSES.map((name) => `${name} ${verdict.countsByClass[name]}`).join(' · ')}`);
  for (const violation of verdict.violations.slice(0, MAX_VIOLATIONS)) {
    const pid = violation.workerPid !== undefined ? ` [worker pid ${violation.workerPid}]` : '';
    lines.push(`  - [${violation.class}] ${violation.message}${pid}`);
  }
  if (verdict.violations.length > MAX_VIOLATIONS) {
    lines.push(`  … and ${verdict.violations.length - MAX_VIOLATIONS} more (see integrity_violations.json)`);
  }

  const byKind = new Map<string, string[]>();
  for (const observation of verdict.observations) {
    const list = byKind.get(observation.kind) ?? [];
    list.push(observation.message);
    byKind.set(observation.kind, list);
  }
  if (byKind.size > 0) {
    lines.push('', 'Observations (not failures):');
    for (const [kind, messages] of byKind) {
      lines.push(`  ${kind}: ${messages.length}`);
      for (const message of messages.slice(0, MAX_OBSERVATIONS_PER_KIND)) lines.push(`    - ${message}`);
    }
  }

  if (verdict.reconciliation.length > 0) {
    const total = (pick: (row: Verdict['reconciliation'][number]) => number) => verdict.reconciliation.reduce((sum, row) => sum + pick(row), 0);
    const off = verdict.reconciliation.filter((row) => row.difference !== 0);
    lines.push(
      '',
      `VUs that added cards: ${verdict.reconciliation.length}; adds acknowledged ${total((r) => r.acknowledgedAdds)}, failed ${total((r) => r.failedAdds)}, indeterminate ${total((r) => r.indeterminateAdds)}; cards in own database ${total((r) => r.cardsInOwnDb)}`,
    );
    for (const row of off.slice(0, 5)) {
      const why = Object.entries(row.explainedBy)
        .map(([name, count]) => `${name} ${count}`)
        .join(', ');
      lines.push(`  ${row.vu} (${row.username}): acknowledged ${row.acknowledgedAdds}, in own db ${row.cardsInOwnDb}, difference ${row.difference}${why ? ` = ${why}` : ''}`);
    }
  }

  const causes = Object.entries(verdict.serverErrorCauses);
  if (causes.length > 0) {
    lines.push('', `Server errors (5xx) by cause: ${causes.map(([cause, count]) => `${cause} ${count}`).join(' · ')}`);
  }
  return lines.join('\n');
}
