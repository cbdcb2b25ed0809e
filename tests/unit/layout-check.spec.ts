/** The layout check of `npm test` catches the cycles and the target imports it exists for, and passes a clean tree. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { layoutProblems } from '../../scripts/check-layers.ts';

/** A throwaway tree: file path → its source. */
function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'layout-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

test('a clean pipeline passes: later stages import earlier ones, tests import anything', () => {
  const root = tree({
    'history/operation.ts': 'export type Op = 1;\n',
    'checker/judge.ts': "import type { Op } from '../history/operation.ts';\n",
    'report/summary.ts': "import '../checker/judge.ts';\nimport '../history/operation.ts';\n",
    'tests/unit/a.spec.ts': "import '../../report/summary.ts';\n",
    'target/main.ts': "import './app.ts';\n",
  });
  expect(layoutProblems(root)).toEqual([]);
});

test('two folders that import each other through a third are one cycle, named with its imports', () => {
  const root = tree({
    'history/writer.ts': "import { x } from '../secrets/redact.ts';\n",
    'secrets/redact.ts': "import type { Op } from '../run/op.ts';\n",
    'run/op.ts': "export { w } from '../history/writer.ts';\n",
  });
  const problems = layoutProblems(root);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toBe(
    'folders history, run, secrets import each other: history → secrets (history/writer.ts → ../secrets/redact.ts); ' +
      'run → history (run/op.ts → ../history/writer.ts); secrets → run (secrets/redact.ts → ../run/op.ts)',
  );
});

test('target/ importing anything of the suite is refused, a root file included', () => {
  const root = tree({
    'target/faults.ts': "import { hashSeed } from '../vu/random.ts';\n",
    'vu/random.ts': 'export const hashSeed = 1;\n',
  });
  expect(layoutProblems(root)).toEqual(['target/ must import nothing of the suite, but imports vu: target/faults.ts → ../vu/random.ts']);
});
