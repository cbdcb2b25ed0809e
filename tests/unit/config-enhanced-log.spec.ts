/** JAVUMBO_ENHANCED_LOG: the embedded target's diagnostic add_card lines, off unless asked for. */
import { test, expect } from '@playwright/test';
import { loadConfig } from '../../helpers/config/config.ts';
import { ConfigError } from '../../helpers/config/errors/config-error.ts';

test('the diagnostic lines are off by default and on with JAVUMBO_ENHANCED_LOG=true', () => {
  expect(loadConfig({}).target.enhancedLog).toBe(false);
  expect(loadConfig({ JAVUMBO_ENHANCED_LOG: 'true' }).target.enhancedLog).toBe(true);
});

test('a JAVUMBO_ENHANCED_LOG that is not a boolean is refused, naming the fix', () => {
  expect(() => loadConfig({ JAVUMBO_ENHANCED_LOG: 'maybe' })).toThrow(ConfigError);
  expect(() => loadConfig({ JAVUMBO_ENHANCED_LOG: 'maybe' })).toThrow(/JAVUMBO_ENHANCED_LOG.*set JAVUMBO_ENHANCED_LOG to true or false/);
});
