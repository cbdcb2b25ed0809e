/** TARGET_ENHANCED_LOG: the embedded target's diagnostic add_card lines, off unless asked for. */
import { test, expect } from '@playwright/test';
import { loadConfig } from '../../setup/config.ts';
import { ConfigError } from '../../setup/errors/config-error.ts';

test('the diagnostic lines are off by default and on with TARGET_ENHANCED_LOG=true', () => {
  expect(loadConfig({}).target.enhancedLog).toBe(false);
  expect(loadConfig({ TARGET_ENHANCED_LOG: 'true' }).target.enhancedLog).toBe(true);
});

test('a TARGET_ENHANCED_LOG that is not a boolean is refused, naming the fix', () => {
  expect(() => loadConfig({ TARGET_ENHANCED_LOG: 'maybe' })).toThrow(ConfigError);
  expect(() => loadConfig({ TARGET_ENHANCED_LOG: 'maybe' })).toThrow(/TARGET_ENHANCED_LOG.*set TARGET_ENHANCED_LOG to true or false/);
});
