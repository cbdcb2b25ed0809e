/** NOT_PART_OF_RUN: criteria a run does not exercise, added to its profile's notPartOfRun; anything else refused. */
import { test, expect } from '@playwright/test';
import { loadConfig } from '../../helpers/config/config.ts';
import { ConfigError } from '../../helpers/config/errors/config-error.ts';

test('NOT_PART_OF_RUN adds criterion keys to the profile, keeping what the profile already leaves out', () => {
  expect(loadConfig({ PROFILE: 'smoke' }).profile.notPartOfRun).toBeUndefined();
  expect(loadConfig({ PROFILE: 'smoke', NOT_PART_OF_RUN: 'performance-thresholds' }).profile.notPartOfRun).toEqual(['performance-thresholds']);
  expect(loadConfig({ PROFILE: 'fault', NOT_PART_OF_RUN: 'performance-thresholds, scenario-tests' }).profile.notPartOfRun).toEqual(['performance-thresholds', 'scenario-tests']);
});

test('a NOT_PART_OF_RUN that names no criterion a run can leave out is refused, naming the fix', () => {
  expect(() => loadConfig({ NOT_PART_OF_RUN: 'integrity' })).toThrow(ConfigError);
  expect(() => loadConfig({ NOT_PART_OF_RUN: 'integrity' })).toThrow(/NOT_PART_OF_RUN.*"integrity" is not a criterion a run can leave out.*use performance-thresholds or scenario-tests/);
});
