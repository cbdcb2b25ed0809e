/** The layout check of `npm test` catches the back-up arrows, cycles and server imports it exists for, and passes a clean tree. */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { layoutProblems } from '../../scripts/check-layers.ts';

/** A throwaway tree under the test's own output folder (Playwright removes it): file path → its source. */
function tree(files: Record<string, string>): string {
  const root = test.info().outputPath('tree');
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

test('a clean pipeline passes: later stages import earlier ones, tests and bin/ import anything', () => {
  const root = tree({
    'helpers/history/operation.ts': 'export type Op = 1;\n',
    'db/judge.ts': "import type { Op } from '../helpers/history/operation.ts';\n",
    'report/summary.ts': "import '../db/judge.ts';\nimport '../helpers/history/operation.ts';\n",
    'tests/unit/a.spec.ts': "import '../../report/summary.ts';\n",
    'bin/audit.ts': "import '../report/summary.ts';\n",
    'embedded-server/main.ts': "import './app.ts';\n",
  });
  expect(layoutProblems(root)).toEqual([]);
});

test('a stage importing a later one is an arrow back up, named with its import', () => {
  const root = tree({
    'helpers/history/writer.ts': "import { x } from '../../db/verdict.ts';\n",
    'db/verdict.ts': 'export const x = 1;\n',
  });
  expect(layoutProblems(root)).toEqual(['helpers/history/ imports db/, a later stage (an arrow back up the pipeline): helpers/history/writer.ts → ../../db/verdict.ts']);
});

test('stages that import each other through a third are one cycle, named with its imports', () => {
  const root = tree({
    'helpers/history/writer.ts': "import { x } from '../secrets/redact.ts';\n",
    'helpers/secrets/redact.ts': "import type { Op } from '../run/op.ts';\n",
    'helpers/run/op.ts': "export { w } from '../history/writer.ts';\n",
  });
  const cycle = layoutProblems(root).filter((p) => p.startsWith('folders '));
  expect(cycle).toEqual([
    'folders helpers/history, helpers/run, helpers/secrets import each other: ' +
      'helpers/history → helpers/secrets (helpers/history/writer.ts → ../secrets/redact.ts); ' +
      'helpers/run → helpers/history (helpers/run/op.ts → ../history/writer.ts); ' +
      'helpers/secrets → helpers/run (helpers/secrets/redact.ts → ../run/op.ts)',
  ]);
});

test('a folder outside the pipeline is named, so new code lands in a stage', () => {
  const root = tree({ 'utils/x.ts': "import '../helpers/history/operation.ts';\n", 'helpers/history/operation.ts': '' });
  expect(layoutProblems(root)).toEqual([
    'utils/ is not a stage of the pipeline (helpers/config → helpers/secrets → helpers/run → helpers/history → helpers/vu → helpers/browser → helpers/monitor → db → report); move its files into one',
  ]);
});

test('embedded-server/ importing anything of the suite is refused, a root file included', () => {
  const root = tree({
    'embedded-server/faults.ts': "import { hashSeed } from '../helpers/vu/random.ts';\nimport '../playwright.config.ts';\n",
    'helpers/vu/random.ts': 'export const hashSeed = 1;\n',
  });
  expect(layoutProblems(root)).toEqual([
    'embedded-server/ must import nothing of the suite, but imports helpers/vu: embedded-server/faults.ts → ../helpers/vu/random.ts',
    'embedded-server/ must import nothing of the suite, but imports (suite): embedded-server/faults.ts → ../playwright.config.ts',
  ]);
});
