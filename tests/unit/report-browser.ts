/**
 * Chromium for the report tests: Playwright's bundled build when it is installed, else
 * the system's (`apt-get install -y chromium`) with flags that keep it offline and quiet.
 */
import fs from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const SYSTEM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launchChromium(): Promise<Browser> {
  if (fs.existsSync(chromium.executablePath())) return chromium.launch();
  if (!fs.existsSync(SYSTEM_CHROMIUM)) {
    throw new Error(`no Chromium found at ${chromium.executablePath()} or ${SYSTEM_CHROMIUM}: run \`npx playwright install chromium\` or \`apt-get install -y chromium\``);
  }
  return chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: SYSTEM_ARGS });
}
