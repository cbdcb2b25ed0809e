/** Chromium for the report tests, found the same way the browser VUs find theirs. */
import { chromium, type Browser } from '@playwright/test';
import { requireChromium } from '../../helpers/browser/chromium.ts';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch(requireChromium());
}
