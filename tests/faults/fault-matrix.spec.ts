/**
 * The fault matrix: proof that the suite's verdict can be trusted in both directions.
 * Each row runs a whole load run (writers, reviewers, sessions; fault profile) in a child
 * process against the embedded target with one fault switch on — or none — and then
 * requires (a) the run's exit to say what it should, (b) the expected finding with
 * evidence that traces back to the target's own FAULT lines, and (c) no other violation
 * class except the side effects its row names. Each row's result goes to
 * `<proof run>/fault-matrix/rows.jsonl`; `npx tsx scripts/fault-table.ts` prints the table.
 */
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { currentRun } from '../../helpers/run/current-run.ts';
import { runChild, outputTail, type ChildRunResult } from './support/child-run.ts';
import { readChildOutputs } from './support/child-outputs.ts';
import { MATRIX_ROWS } from './support/matrix-rows.ts';
import { appendRow, formatTable, matrixDir, readRows, rowsFile, type MatrixRowRecord } from './support/matrix-rows-file.ts';

/** One seed for every row, so a failing row can be re-run and makes the same decisions. */
const MATRIX_SEED = 7;
/**
 * A fault-profile run takes 35–65 s on the shared 2-core machine (boot, registration,
 * 15 s of load, audit); three times that before it is called hung. The project's test
 * timeout (playwright.proof.config.ts) leaves room for the stop and the judging after it.
 */
const CHILD_TIMEOUT_MS = 180_000;

/** What the child run wrote; null when it never made a run directory (the row judges that too). */
function outputsOf(child: ChildRunResult): ReturnType<typeof readChildOutputs> | null {
  return child.runDir ? readChildOutputs(child.runDir) : null;
}

const proofRun = currentRun();
const rows = rowsFile(proofRun.dir);

// With one worker this runs once, after the last row; after a failed row Playwright starts a
// new worker, and each worker prints the rows so far.
test.afterAll(() => {
  const recorded = readRows(rows);
  if (recorded.length > 0) console.log(`\nFault matrix (${rows}):\n${formatTable(recorded)}\n`);
});

for (const row of MATRIX_ROWS) {
  const label = row.label ?? row.fault;

  test(row.title, { tag: ['@faults', `@${label}`] }, async () => {
    const faultSeed = row.seedFrom?.(MATRIX_SEED) ?? MATRIX_SEED;

    const child = await test.step(`child load run with ${row.rate === null ? 'no fault' : `${row.fault}:${row.rate}`} (seed ${faultSeed})`, () =>
      runChild({
        faults: row.rate === null ? null : `${row.fault}:${row.rate}`,
        faultSeed,
        runsDir: path.join(matrixDir(proofRun.dir), label),
        requestTimeoutMs: row.requestTimeoutMs,
        enhancedLog: row.enhancedLog === true,
        timeoutMs: CHILD_TIMEOUT_MS,
      }));

    const judgement = await test.step('judge the child run against the FAULT lines of its target', () => {
      return row.judge(child, outputsOf(child));
    });

    const record: MatrixRowRecord = {
      fault: label,
      rate: row.rate,
      faultSeed,
      expected: row.expected,
      detected: judgement.detected,
      count: judgement.count,
      injected: judgement.injected,
      unrelated: judgement.unrelated,
      sideEffects: judgement.sideEffects,
      exitCode: child.exitCode,
      childRunDir: child.runDir,
      wallMs: child.wallMs,
      problems: judgement.problems,
      notes: judgement.notes,
      warnings: judgement.warnings,
      passed: judgement.problems.length === 0,
    };
    appendRow(rows, record);
    test.info().annotations.push(
      { type: 'child run', description: child.runDir ?? `none (output: ${child.outputFile})` },
      {
        type: 'result',
        description: `${row.expected}: detected ${judgement.detected ? 'yes' : 'no'}, count ${judgement.count}, injected ${judgement.injected}, ${(child.wallMs / 1000).toFixed(0)} s`,
      },
      ...judgement.notes.map((note) => ({ type: 'note', description: note })),
      ...judgement.warnings.map((warning) => ({ type: 'warning', description: warning })),
    );

    expect(judgement.problems, `${row.fault}: child run ${child.runDir ?? '(none)'}; last output lines:\n${outputTail(child)}`).toEqual([]);
    expect(judgement.detected, `${row.fault}: ${row.expected} detected`).toBe(true);
  });
}
