/**
 * The dashboard's parts on crafted input, without a run: buckets of returned requests, the
 * planned ramp of a profile, and the audit's findings as a finished VU test carries them.
 */
import { expect, test } from '@playwright/test';
import type { TestCase, TestResult } from '@playwright/test/reporter';
import type { Operation } from '../../helpers/history/operation.ts';
import { PROFILES } from '../../helpers/config/profiles.ts';
import type { Violation } from '../../db/verdict.ts';
import { BUCKET_SECONDS, RequestTimeline } from '../../report/dashboard/request-timeline.ts';
import { plannedRamp } from '../../report/dashboard/planned-ramp.ts';
import { auditFindings } from '../../report/dashboard/audit-findings.ts';

const EPOCH = 1_800_000_000_000;

function op(over: Partial<Operation>): Operation {
  return {
    id: 'w01#1',
    runId: 'r',
    scenario: 'writers',
    vu: 'w01',
    username: 'u',
    userId: 1,
    op: 'add_card',
    method: 'POST',
    path: '/add_card',
    sentAt: EPOCH,
    returnedAt: EPOCH + 100,
    status: 201,
    body: {},
    outcome: 'ok',
    ...over,
  };
}

test('a bucket closes once the run has moved past it, with its rate, percentiles, errors and timeouts', () => {
  const timeline = new RequestTimeline(() => EPOCH);
  for (const ms of [100, 200, 300, 400]) timeline.add(op({ sentAt: EPOCH + 1_000, returnedAt: EPOCH + 1_000 + ms }));
  timeline.add(op({ scenario: 'writers', sentAt: EPOCH + 2_000, returnedAt: EPOCH + 4_000, status: null, outcome: 'info', error: 'timeout of 2000 ms' }));
  expect(timeline.close(EPOCH + BUCKET_SECONDS * 1000, false)).toEqual({ endpoints: [], errors: [] });
  const { endpoints, errors } = timeline.close(EPOCH + BUCKET_SECONDS * 1000 + 5_000, false);
  expect(endpoints).toEqual([{ t: BUCKET_SECONDS / 2, endpoint: 'POST /add_card', rps: 1, meanMs: 600, p50Ms: 300, p95Ms: 2_000, p99Ms: 2_000 }]);
  expect(errors).toEqual([{ t: BUCKET_SECONDS / 2, scenario: 'writers', rps: 1, errorsPerSec: 0.2, timeoutsPerSec: 0.2 }]);
  // A record read after its bucket closed counts in the oldest open one, never in a closed one.
  timeline.add(op({ returnedAt: EPOCH + 1_000 }));
  expect(timeline.close(EPOCH + 60_000, true).endpoints.map((p) => p.t)).toEqual([BUCKET_SECONDS * 1.5]);
});

test('the planned ramp counts the run’s own VUs from their start until their budget is spent', () => {
  const smoke = PROFILES.smoke!;
  const ramp = plannedRamp(smoke, new Set(['w01', 'w02', 'r01']));
  const budget = smoke.writers.budgetMs / 1000;
  expect(ramp.find((r) => r.scenario === 'writers')?.steps).toEqual([
    { t: 0, count: 1 },
    { t: smoke.writers.stages[1]!.atMs / 1000, count: 2 },
    { t: budget, count: 1 },
    { t: smoke.writers.stages[1]!.atMs / 1000 + budget, count: 0 },
  ]);
  expect(ramp.find((r) => r.scenario === 'reviewers')?.steps).toEqual([
    { t: 0, count: 1 },
    { t: smoke.reviewers.budgetMs / 1000, count: 0 },
  ]);
});

test('the audit’s findings are read from its attachment, with the checker’s cause text, or else from the message', () => {
  const violation: Violation = {
    class: 'lost',
    message: 'Card bob_3 added by w02 was acknowledged but is in no database.',
    vu: 'w02',
    marker: 'bob_3',
    opIds: ['w02#5'],
    cause: { kind: 'write-not-kept', text: 'the write was not kept', opIds: [] },
  };
  const lane = { annotations: [{ type: 'vus', description: 'w01 w02' }] } as unknown as TestCase;
  const failed = {
    status: 'failed',
    annotations: [],
    errors: [{ message: 'Error: [lost] 1 of 2 virtual users failed: w02\n── w02\n[lost] 1 integrity violation(s) (lost):\n[lost] Card bob_3 added by w02 …' }],
    attachments: [{ name: 'w02 violations.json', contentType: 'application/json', body: Buffer.from(JSON.stringify([violation])) }],
  } as unknown as TestResult;
  expect(auditFindings(lane, failed)).toEqual([{ vu: 'w02', cls: 'lost', card: 'bob_3', cause: 'Cause (write-not-kept): the write was not kept.', message: violation.message }]);
  expect(auditFindings(lane, { ...failed, attachments: [] })).toEqual([{ vu: 'w01 w02', cls: 'lost', card: '', cause: '', message: 'Card bob_3 added by w02 …' }]);
  expect(auditFindings(lane, { ...failed, status: 'passed' })).toEqual([]);
  expect(auditFindings(lane, { ...failed, errors: [{ message: 'w01 could not log in: 500' }], attachments: [] })).toEqual([]);
});
