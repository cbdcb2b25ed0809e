/** The one-add-per-second rule of the real server, checked where profiles are read. */
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { loadConfig } from '../../helpers/config/config.ts';
import { ConfigError } from '../../helpers/config/errors/config-error.ts';

function profileFile(writersThinkMs: [number, number]): string {
  const example = JSON.parse(fs.readFileSync('profiles/example.json', 'utf8')) as { writers: { thinkMs: number[] } };
  example.writers.thinkMs = writersThinkMs;
  const file = test.info().outputPath('profile.json');
  fs.writeFileSync(file, JSON.stringify(example));
  return file;
}

test('a profile whose writers could add twice within a second is refused, naming the rule and the fix', () => {
  expect(() => loadConfig({ PROFILE_FILE: profileFile([400, 900]) })).toThrow(ConfigError);
  expect(() => loadConfig({ PROFILE_FILE: profileFile([400, 900]) })).toThrow(/writers\.thinkMs: \[400,900\] lets a writer add twice within a second.* — start the range at 1000 or more/);
});

test('one add a second exactly is allowed (control)', () => {
  expect(loadConfig({ PROFILE_FILE: profileFile([1_000, 1_200]) }).profile.writers.thinkMs).toEqual([1_000, 1_200]);
});
