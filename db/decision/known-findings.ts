/**
 * The known-findings baseline (`known-findings.json`, checked in): violations a team has
 * accepted as a real, understood finding about its server — say the two-device wrong-deck of
 * JAVUMBO's per-user current deck. An accepted violation is still reported everywhere, marked
 * "known", and does not fail the run; one of another class, another scenario or role, or above
 * the entry's maxCount does.
 */
import fs from 'node:fs';
import { VIOLATION_CLASSES, type Violation, type ViolationClass } from '../verdict.ts';
import { SCENARIOS, VU_ROLES, vuKindOf, type Scenario, type VuRole } from '../../helpers/vu/schedule.ts';
import { KnownFindingsError } from '../errors/known-findings-error.ts';
import { config } from '../../helpers/config/config.ts';

export interface KnownFinding {
  class: ViolationClass;
  /** The scenario whose VUs may report it (e.g. `sessions`); with `role`, both must match. */
  scenario?: Scenario;
  /** The VU role that may report it (e.g. `device-writer`). */
  role?: VuRole;
  /** Why it is accepted: shown beside every count of it. */
  reason: string;
  /** Most violations the entry accepts in one run; more fail it. None: any number. */
  maxCount?: number;
}

export interface KnownTally {
  finding: KnownFinding;
  count: number;
  /** false when count is above maxCount: then its violations fail the run like any other. */
  withinLimit: boolean;
  /** `known: 5 wrong-deck (sessions device-writer, at most 20) — reason`. */
  line: string;
}

export interface FindingsSplit {
  /** One tally per entry that matched at least one violation, in the file's order. */
  known: KnownTally[];
  /** Violations no entry accepts, and those of an entry above its maxCount: these fail the run. */
  unexpected: Violation[];
}

const KEYS = new Set(['class', 'scenario', 'role', 'reason', 'maxCount']);
const FIX = 'fix the entry (see docs/verdict.md, "Known findings") or ship { "findings": [] }';

function entryOf(raw: unknown, where: string): KnownFinding {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new KnownFindingsError(where, 'is not an object', FIX);
  const e = raw as Record<string, unknown>;
  const extra = Object.keys(e).find((k) => !KEYS.has(k));
  if (extra !== undefined) throw new KnownFindingsError(where, `has an unknown key "${extra}"`, `use only ${[...KEYS].join(', ')}`);
  if (!VIOLATION_CLASSES.includes(e.class as ViolationClass))
    throw new KnownFindingsError(where, `class ${JSON.stringify(e.class)} is not a violation class`, `use one of ${VIOLATION_CLASSES.join(', ')}`);
  if (e.scenario !== undefined && !SCENARIOS.includes(e.scenario as Scenario))
    throw new KnownFindingsError(where, `scenario ${JSON.stringify(e.scenario)} is not a scenario`, `use one of ${SCENARIOS.join(', ')}`);
  if (e.role !== undefined && !VU_ROLES.includes(e.role as VuRole)) throw new KnownFindingsError(where, `role ${JSON.stringify(e.role)} is not a VU role`, `use one of ${VU_ROLES.join(', ')}`);
  if (e.scenario === undefined && e.role === undefined)
    throw new KnownFindingsError(where, 'names neither a scenario nor a role, so it would accept the class everywhere', 'add "scenario" or "role" (or both)');
  if (typeof e.reason !== 'string' || e.reason.trim() === '') throw new KnownFindingsError(where, 'has no "reason"', 'say in "reason" why the finding is accepted');
  if (e.maxCount !== undefined && (!Number.isInteger(e.maxCount) || (e.maxCount as number) < 0))
    throw new KnownFindingsError(where, `maxCount ${JSON.stringify(e.maxCount)} is not a whole number ≥ 0`, 'give a count, or leave maxCount out to accept any number');
  return {
    class: e.class as ViolationClass,
    ...(e.scenario !== undefined ? { scenario: e.scenario as Scenario } : {}),
    ...(e.role !== undefined ? { role: e.role as VuRole } : {}),
    reason: e.reason,
    ...(e.maxCount !== undefined ? { maxCount: e.maxCount as number } : {}),
  };
}

/** Parse the file's text: `[entry, …]` or `{ "findings": [entry, …] }`. */
export function parseKnownFindings(text: string, file: string): KnownFinding[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new KnownFindingsError(file, `is not valid JSON (${(e as Error).message})`, 'fix the JSON syntax');
  }
  const list = Array.isArray(parsed) ? parsed : typeof parsed === 'object' && parsed !== null ? (parsed as { findings?: unknown }).findings : undefined;
  if (!Array.isArray(list)) throw new KnownFindingsError(file, 'holds neither a list nor { "findings": [ … ] }', FIX);
  return list.map((raw, i) => entryOf(raw, `${file} entry ${i + 1}`));
}

/** The baseline in `file`; none when the file does not exist and `required` is false (the default file). */
export function readKnownFindings(file: string, { required = false } = {}): KnownFinding[] {
  if (!fs.existsSync(file)) {
    if (!required) return [];
    throw new KnownFindingsError(file, 'does not exist', 'point KNOWN_FINDINGS at a known-findings file, or unset it to use known-findings.json');
  }
  return parseKnownFindings(fs.readFileSync(file, 'utf8'), file);
}

/** The baseline this checkout uses: KNOWN_FINDINGS, else known-findings.json at the root. */
export function configuredKnownFindings(): KnownFinding[] {
  return readKnownFindings(config.knownFindingsFile, { required: config.knownFindingsRequired });
}

/** The first entry accepting a violation of `cls` reported by VU `vu` (whose id names its scenario and role). */
export function knownFindingFor(cls: ViolationClass, vu: string | undefined, findings: readonly KnownFinding[]): KnownFinding | null {
  const kind = vu === undefined ? null : vuKindOf(vu);
  if (!kind) return null;
  return findings.find((f) => f.class === cls && (f.scenario === undefined || f.scenario === kind.scenario) && (f.role === undefined || f.role === kind.role)) ?? null;
}

function tallyLine(finding: KnownFinding, count: number, withinLimit: boolean): string {
  const who = [finding.scenario, finding.role].filter(Boolean).join(' ');
  const limit = finding.maxCount === undefined ? '' : `, at most ${finding.maxCount}`;
  const head = withinLimit ? 'known' : 'known finding over its limit';
  return `${head}: ${count} ${finding.class} (${who}${limit}) — ${finding.reason}`;
}

/** Split a run's violations into the accepted (tallied per entry) and the unexpected, which fail it. */
export function splitViolations(violations: readonly Violation[], findings: readonly KnownFinding[]): FindingsSplit {
  const matched = new Map<KnownFinding, Violation[]>();
  const unexpected: Violation[] = [];
  for (const v of violations) {
    const finding = knownFindingFor(v.class, v.vu, findings);
    if (finding) matched.set(finding, [...(matched.get(finding) ?? []), v]);
    else unexpected.push(v);
  }
  const known: KnownTally[] = [];
  for (const finding of findings) {
    const list = matched.get(finding);
    if (!list) continue;
    const withinLimit = finding.maxCount === undefined || list.length <= finding.maxCount;
    if (!withinLimit) unexpected.push(...list);
    known.push({ finding, count: list.length, withinLimit, line: tallyLine(finding, list.length, withinLimit) });
  }
  return { known, unexpected };
}
