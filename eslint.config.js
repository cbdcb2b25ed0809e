import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import playwright from 'eslint-plugin-playwright';

export default tseslint.config(
  { ignores: ['node_modules/**', 'runs/**', '.stryker-tmp*/**', 'reports/**', 'test-results/**', 'playwright-report/**', 'allure-*/**', 'embedded-server/ui/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['tests/**/*.ts', 'fixtures/**/*.ts'],
    ...playwright.configs['flat/recommended'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      'playwright/no-wait-for-timeout': 'error',
      'playwright/no-networkidle': 'error',
      'playwright/no-skipped-test': 'error',
      'playwright/no-conditional-in-test': 'error',
      'playwright/no-conditional-expect': 'error',
      // Tests that assert through a helper: the contract's expectError/expectJson/expectLogLine,
      // the robustness and target checks' expectRefusal/expectEarlierRunIntact, and a lane's play,
      // which fails the test naming every VU its own audit failed.
      'playwright/expect-expect': ['error', { assertFunctionPatterns: ['^expect[A-Z]'], assertFunctionNames: ['play'] }],
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
  // The bin shim is plain JavaScript run by node before tsx is registered; it has no types to check.
  { files: ['bin/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
