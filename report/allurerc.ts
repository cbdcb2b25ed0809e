/**
 * Allure 3 configuration for `npm run report`: the report's name and the failure
 * categories (Allure 3's default report reads categories from here, not from the
 * results folder). Output and results folders are given on the command line.
 */
import { defineConfig } from 'allure';
import { ALLURE_CATEGORIES } from './allure-categories.ts';

export default defineConfig({
  name: 'JAVUMBO load & integrity run',
  categories: ALLURE_CATEGORIES.map((c) => ({ ...c })),
});
