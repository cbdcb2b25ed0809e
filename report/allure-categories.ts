/**
 * Allure metadata for a run's results: `categories.json` sorts failed VU tests by the
 * violation class their message starts with (`[misrouted] …`), then server errors and
 * timeouts; `environment.properties` says which target, profile and faults the run had.
 * The categories use Allure 2's keys, which Allure 3 also reads (in the file for the
 * classic report, in the config for the default one, see allurerc.ts). The regexes match
 * the whole message so Allure 2's full-match rule and Allure 3's search agree.
 */
import fs from 'node:fs';
import path from 'node:path';
import { VIOLATION_CLASSES } from '../db/verdict.ts';
import type { RunInfo } from '../helpers/run/run-dir.ts';
import { violationMessagePattern } from '../db/integrity-failure.ts';

export interface AllureCategory {
  name: string;
  matchedStatuses: ('failed' | 'broken' | 'passed' | 'skipped' | 'unknown')[];
  messageRegex: string;
}

const ANYTHING = '[\\s\\S]*';

/** In order: the first category that matches a test is the one Allure 3 shows it under. */
export const ALLURE_CATEGORIES: readonly AllureCategory[] = Object.freeze([
  ...VIOLATION_CLASSES.map((cls) => ({
    name: `Integrity: ${cls}`,
    matchedStatuses: ['failed', 'broken'] as AllureCategory['matchedStatuses'],
    messageRegex: `${violationMessagePattern(cls)}${ANYTHING}$`,
  })),
  {
    name: 'Server errors',
    matchedStatuses: ['failed', 'broken'],
    // A 5xx status, not a latency such as "523 ms".
    messageRegex: `${ANYTHING}(\\b5\\d\\d\\b(?! ?ms)|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)${ANYTHING}`,
  },
  {
    name: 'Timeouts',
    matchedStatuses: ['failed', 'broken'],
    messageRegex: `${ANYTHING}([Tt]imeout|timed out|ETIMEDOUT)${ANYTHING}`,
  },
]);

export const CATEGORIES_FILE = 'categories.json';
export const ENVIRONMENT_FILE = 'environment.properties';

export function writeAllureCategories(resultsDir: string): void {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, CATEGORIES_FILE), `${JSON.stringify(ALLURE_CATEGORIES, null, 2)}\n`);
}

/** A `.properties` value: backslashes and line breaks escaped, nothing else needed. */
function propertyValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n');
}

export function environmentProperties(runInfo: Pick<RunInfo, 'id' | 'baseUrl' | 'profile' | 'faults' | 'embedded'>): string {
  const entries: [string, string][] = [
    ['Base.URL', runInfo.baseUrl],
    ['Profile', runInfo.profile],
    ['Faults', runInfo.faults ?? 'none'],
    ['Target', runInfo.embedded ? 'embedded' : 'external'],
    ['Run', runInfo.id],
  ];
  return entries.map(([key, value]) => `${key}=${propertyValue(value)}\n`).join('');
}

export function writeAllureEnvironment(resultsDir: string, runInfo: Pick<RunInfo, 'id' | 'baseUrl' | 'profile' | 'faults' | 'embedded'>): void {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, ENVIRONMENT_FILE), environmentProperties(runInfo));
}
