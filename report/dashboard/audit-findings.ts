/**
 * The violations a VU test's own card audit found, as the runner hears of them when the test
 * ends: the audit attaches them (`violations.json`, or `<vu> violations.json` for one VU of a
 * lane) and leads the test's error with `[class]` (db/integrity-failure.ts). The attachment
 * carries the checker's Violation objects, so the dashboard quotes the checker's own class,
 * card and cause text; a failure without it is shown from its message lines.
 */
import fs from 'node:fs';
import type { TestCase, TestResult } from '@playwright/test/reporter';
import type { Violation } from '../../db/verdict.ts';
import { causeText } from '../../db/evidence-text.ts';
import { isIntegrityFailure, violationMessagePattern } from '../../db/integrity-failure.ts';
import { VIOLATION_CLASSES } from '../../db/verdict.ts';
import { VUS_ANNOTATION } from '../../helpers/vu/shard-vus.ts';

export interface AuditFinding {
  vu: string;
  cls: string;
  card: string;
  cause: string;
  message: string;
}

const ATTACHMENT = 'violations.json';
const MESSAGE_LINE = new RegExp(`${violationMessagePattern(`(${VIOLATION_CLASSES.join('|')})`)}\\s*(.*)$`);

/** The VU ids a test plays: its `vus` annotation (a lane), or none. */
export function vusOfTest(test: Pick<TestCase, 'annotations'>): string[] {
  return (
    test.annotations
      .find((a) => a.type === VUS_ANNOTATION)
      ?.description?.split(' ')
      .filter(Boolean) ?? []
  );
}

function attachmentText(a: TestResult['attachments'][number]): string | null {
  if (a.body) return a.body.toString('utf8');
  if (a.path && fs.existsSync(a.path)) return fs.readFileSync(a.path, 'utf8');
  return null;
}

function fromViolation(v: Violation, vu: string): AuditFinding {
  return { vu: v.vu ?? vu, cls: v.class, card: v.marker ?? (v.cardId === undefined ? '' : String(v.cardId)), cause: causeText(v.cause), message: v.message };
}

/** What the test's audit found; empty for a test that passed or failed on something else. */
export function auditFindings(test: Pick<TestCase, 'annotations'>, result: Pick<TestResult, 'status' | 'annotations' | 'attachments' | 'errors'>): AuditFinding[] {
  const errorMessages = result.errors.map((e) => e.message ?? '');
  if (!isIntegrityFailure({ status: result.status, annotations: [...test.annotations, ...result.annotations], errorMessages })) return [];
  const found: AuditFinding[] = [];
  for (const a of result.attachments) {
    if (a.name !== ATTACHMENT && !a.name.endsWith(` ${ATTACHMENT}`)) continue;
    const text = attachmentText(a);
    if (text === null) continue;
    try {
      const vu = a.name === ATTACHMENT ? (vusOfTest(test)[0] ?? '') : a.name.slice(0, -ATTACHMENT.length - 1);
      for (const v of JSON.parse(text) as Violation[]) found.push(fromViolation(v, vu));
    } catch {
      // A damaged attachment: the message lines below still say what was found.
    }
  }
  if (found.length > 0) return found;
  // No attachment: the `[class] sentence` lines of the error are the finding.
  for (const line of errorMessages.flatMap((m) => m.split('\n'))) {
    // eslint-disable-next-line no-control-regex
    const match = MESSAGE_LINE.exec(line.replace(/\u001b\[[0-9;]*m/g, '').trim());
    // The heads of the lists (`[lost] 2 integrity violation(s) …`, `[lost] 1 of 3 virtual users failed …`) are not findings.
    if (match && !/^\d+ (integrity violation|of \d+ virtual users)/.test(match[3] ?? '')) found.push({ vu: vusOfTest(test).join(' '), cls: match[2]!, card: '', cause: '', message: match[3] ?? '' });
  }
  return found;
}
