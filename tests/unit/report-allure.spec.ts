import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { VIOLATION_CLASSES } from '../../db/verdict.ts';
import { ALLURE_CATEGORIES, environmentProperties, writeAllureCategories, writeAllureEnvironment } from '../../report/allure-categories.ts';
import { fakeRunInfo } from './report-fake-run.ts';

/** The category Allure 3 files a failure under: the first whose status and message match. */
function categoryOf(message: string, status: 'failed' | 'broken' = 'failed'): string | undefined {
  return ALLURE_CATEGORIES.find((c) => c.matchedStatuses.includes(status) && new RegExp(c.messageRegex).test(message))?.name;
}

test('one category per violation class, then server errors and timeouts', () => {
  expect(ALLURE_CATEGORIES.map((c) => c.name)).toEqual([...VIOLATION_CLASSES.map((c) => `Integrity: ${c}`), 'Server errors', 'Timeouts']);
});

test('failures are filed by the class their message starts with', () => {
  expect(categoryOf('[misrouted] card w01k7q_3 sits in user_5.db')).toBe('Integrity: misrouted');
  expect(categoryOf('Error: [lost] card w02k7q_9 was acknowledged\nbut is in no database')).toBe('Integrity: lost');
  expect(categoryOf('[session-mismatch] probe saw "Probe r07"')).toBe('Integrity: session-mismatch');
  // A class named inside the text, not at its start, is not an integrity failure of that class.
  expect(categoryOf('see [misrouted] above')).toBeUndefined();
});

test('server errors are 5xx statuses, not latencies; timeouts are their own category', () => {
  expect(categoryOf('w01 could not log in as w01k7q: 500 {"error":"Database error"}')).toBe('Server errors');
  expect(categoryOf('answered 502 Bad Gateway', 'broken')).toBe('Server errors');
  expect(categoryOf('average add_card took 523 ms')).toBeUndefined();
  expect(categoryOf('Test timeout of 360000ms exceeded.', 'broken')).toBe('Timeouts');
});

test('writes categories.json and environment.properties into the results folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-allure-'));
  try {
    const results = path.join(dir, 'allure-results');
    writeAllureCategories(results);
    writeAllureEnvironment(results, fakeRunInfo({ faults: 'session-mixup' }));
    const categories = JSON.parse(fs.readFileSync(path.join(results, 'categories.json'), 'utf8')) as { name: string }[];
    expect(categories).toHaveLength(VIOLATION_CLASSES.length + 2);
    expect(fs.readFileSync(path.join(results, 'environment.properties'), 'utf8')).toBe(
      'Base.URL=http://127.0.0.1:41731\nProfile=plan\nFaults=session-mixup\nTarget=embedded\nRun=20260101-000000-k7q\n',
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('property values cannot break the file with a line break', () => {
  expect(environmentProperties({ ...fakeRunInfo(), profile: 'a\nInjected=1' })).toContain('Profile=a\\nInjected=1\n');
});
