/**
 * The virtual users one leg of a sharded run plays. Playwright decides which tests a
 * `--shard=i/n` runs only after global setup, so global setup asks Playwright itself: the same
 * config, projects and shard listed (`--list`, no test runs), each VU test naming its VUs in an
 * annotation. The leg then registers only its own VUs' users.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

/** The annotation every VU test carries: its VU ids, space-separated. */
export const VUS_ANNOTATION = 'vus';

/** Listing loads every spec file once; on a busy 2-core machine that took about 5 s. */
const LIST_TIMEOUT_MS = 120_000;

export interface ShardListing {
  /** VU ids of the tests in this shard. */
  vus: Set<string>;
  /** Projects with at least one test in this shard. */
  projects: Set<string>;
}

interface JsonSuite {
  specs?: { tests: { projectName: string; annotations?: { type: string; description?: string }[] }[] }[];
  suites?: JsonSuite[];
}

function collect(suite: JsonSuite, out: ShardListing): void {
  for (const spec of suite.specs ?? [])
    for (const test of spec.tests) {
      out.projects.add(test.projectName);
      for (const a of test.annotations ?? []) if (a.type === VUS_ANNOTATION) for (const vu of (a.description ?? '').split(/\s+/).filter(Boolean)) out.vus.add(vu);
    }
  for (const child of suite.suites ?? []) collect(child, out);
}

/** Parse `--reporter=json --list` output into the shard's VUs and projects. */
export function parseShardListing(json: string): ShardListing {
  const out: ShardListing = { vus: new Set(), projects: new Set() };
  const report = JSON.parse(json) as { suites?: JsonSuite[]; errors?: { message?: string }[] };
  if (report.errors?.length) throw new Error(`listing the shard's tests failed: ${report.errors[0]?.message?.split('\n')[0] ?? 'unknown error'}`);
  for (const suite of report.suites ?? []) collect(suite, out);
  return out;
}

/** Ask Playwright which tests (and so which VUs) `--shard=current/total` of these projects runs. */
export function listShardVus(configFile: string, projects: readonly string[], shard: { current: number; total: number }): ShardListing {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const args = [cli, 'test', '--list', '--reporter=json', `--shard=${shard.current}/${shard.total}`, '-c', configFile, ...projects.map((p) => `--project=${p}`)];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: LIST_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`listing shard ${shard.current}/${shard.total} failed (exit ${child.status ?? child.signal}): ${(child.stderr || child.stdout).trim().split('\n')[0] ?? ''}`);
  return parseShardListing(child.stdout);
}
