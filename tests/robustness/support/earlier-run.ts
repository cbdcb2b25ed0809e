/**
 * A run recorded before the bad input: planted in the test's runs folder, with
 * runs/latest pointing at it, so a test can show that refusing bad input loses
 * nothing already recorded and leaves runs/latest alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { digestTree } from './file-scan.ts';

export interface EarlierRun {
  runsDir: string;
  id: string;
  digests: Record<string, string>;
}

export function plantEarlierRun(runsDir: string): EarlierRun {
  const id = '20260101-000000-old';
  const dir = path.join(runsDir, id);
  fs.mkdirSync(path.join(dir, 'history'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'run.json'), `${JSON.stringify({ id, status: 'complete', profile: 'fault' })}\n`);
  fs.writeFileSync(path.join(dir, 'history', 'worker-0-1.jsonl'), `${JSON.stringify({ id: 'op-1', vu: 'w01', op: 'add_card', outcome: 'ok' })}\n`);
  fs.writeFileSync(path.join(dir, 'integrity_violations.json'), '{"ok":true}\n');
  fs.symlinkSync(id, path.join(runsDir, 'latest'), 'dir');
  return { runsDir, id, digests: digestTree(dir) };
}

/** The earlier run is byte-identical, and (unless a new run may exist) nothing else appeared. */
export function expectEarlierRunIntact(earlier: EarlierRun, options: { newRunAllowed: boolean }): void {
  expect(digestTree(path.join(earlier.runsDir, earlier.id)), 'files of the earlier run').toEqual(earlier.digests);
  if (options.newRunAllowed) return;
  expect(fs.readlinkSync(path.join(earlier.runsDir, 'latest')), 'runs/latest still names the earlier run').toBe(earlier.id);
  expect(fs.readdirSync(earlier.runsDir).sort(), 'no run directory was created for the refused run').toEqual([earlier.id, 'latest']);
}
