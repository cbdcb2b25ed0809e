/**
 * Every add the client got no definite answer to (`info`) must be reported as landed or not
 * landed — once — and never as lost: the Jepsen rule the checker promises.
 */
import type { ChildOutputs } from './child-outputs.ts';

export interface IndeterminateCoverage {
  /** Markers with an indeterminate send and none acknowledged (the checker's indeterminate adds). */
  infoAdds: number;
  landed: number;
  notLanded: number;
  /** Indeterminate observations in the verdict. */
  observed: number;
  problems: string[];
}

export function indeterminateCoverage(outputs: ChildOutputs): IndeterminateCoverage {
  const sends = new Map<string, string[]>();
  for (const op of outputs.ops) {
    const marker = op.op === 'add_card' ? op.intent?.marker : undefined;
    if (marker) sends.set(marker, [...(sends.get(marker) ?? []), op.outcome]);
  }
  // A marker with an acknowledged send is judged as acknowledged, not as indeterminate.
  const infoMarkers = [...sends].filter(([, outcomes]) => outcomes.includes('info') && !outcomes.includes('ok')).map(([marker]) => marker);

  const kinds = new Map<string, string[]>();
  for (const o of outputs.verdict?.observations ?? []) {
    if (o.kind !== 'indeterminate-landed' && o.kind !== 'indeterminate-not-landed') continue;
    const marker = typeof o.evidence.marker === 'string' ? o.evidence.marker : '(no marker)';
    kinds.set(marker, [...(kinds.get(marker) ?? []), o.kind]);
  }

  const problems: string[] = [];
  const lostMarkers = new Set((outputs.verdict?.violations ?? []).filter((v) => v.class === 'lost').map((v) => v.marker));
  for (const marker of infoMarkers) {
    const seen = kinds.get(marker) ?? [];
    if (seen.length !== 1) problems.push(`indeterminate add ${marker} has ${seen.length} indeterminate observations, expected exactly 1`);
    if (lostMarkers.has(marker)) problems.push(`indeterminate add ${marker} is counted as lost`);
  }
  const all = [...kinds.values()].flat();
  return {
    infoAdds: infoMarkers.length,
    landed: all.filter((k) => k === 'indeterminate-landed').length,
    notLanded: all.filter((k) => k === 'indeterminate-not-landed').length,
    observed: all.length,
    problems,
  };
}
