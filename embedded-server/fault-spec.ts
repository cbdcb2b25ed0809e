/**
 * Fault switch names and the `name:rate,name:rate` syntax shared by the CLI, the
 * environment (JAVUMBO_FAULTS) and startTarget().
 */
import { TargetUsageError } from './usage-error.ts';

export const FAULT_NAMES = [
  'session-mixup',
  'lost-write',
  'error-after-commit',
  'duplicate-insert',
  'wrong-deck',
  'alter-content',
  'answer-other-card',
  'forget-session',
  'crash-worker',
  'latency',
  'stall',
  'drop',
] as const;

export type FaultName = (typeof FAULT_NAMES)[number];

/** Probability per eligible request, 0..1; a missing name is off. */
export type FaultRates = Partial<Record<FaultName, number>>;

function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name);
}

/** Parses `session-mixup:0.2,latency:1`; "" and "none" mean no faults. A bare name means rate 1. */
export function parseFaultSpec(spec: string): FaultRates {
  const rates: FaultRates = {};
  const trimmed = spec.trim();
  if (trimmed === '' || trimmed === 'none') return rates;
  for (const part of trimmed.split(',')) {
    const [rawName = '', rawRate, ...rest] = part.trim().split(':');
    const name = rawName.trim();
    if (!isFaultName(name)) {
      throw new TargetUsageError(`unknown fault '${name}' in '${spec}'; known faults: ${FAULT_NAMES.join(', ')}`);
    }
    const rate = rawRate === undefined ? 1 : Number(rawRate.trim());
    if (rest.length > 0 || rawRate?.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
      throw new TargetUsageError(`fault '${name}' has rate '${part.slice(part.indexOf(':') + 1)}'; give a number from 0 to 1, e.g. ${name}:0.25`);
    }
    rates[name] = rate;
  }
  return rates;
}

export function formatFaultSpec(rates: FaultRates): string {
  const parts = FAULT_NAMES.filter((n) => (rates[n] ?? 0) > 0).map((n) => `${n}:${rates[n]}`);
  return parts.length > 0 ? parts.join(',') : 'none';
}
