/**
 * Which Chromium the browser VUs launch: Playwright's own when it is installed
 * (`npx playwright install chromium` on a laptop), else the system's (Debian's
 * `/usr/bin/chromium`) with the flags a root, offline machine needs.
 */
import fs from 'node:fs';
import { chromium, type LaunchOptions } from '@playwright/test';
import { TargetError } from '../config/errors/target-error.ts';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

/** Flags for a system Chromium as root without network: no sandbox, no GPU, no phoning home. */
export const SYSTEM_CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * For every Chromium: V8 without its optimizing compilers. A browser VU's page is a form and
 * a few requests, so optimized code buys nothing, and each renderer keeps less: eight VUs in
 * one browser measured 936–959 MiB PSS against 988–995 without it (≈ 78 MiB per further VU
 * against 83), the browsers' CPU unchanged (docs/measurements.md).
 */
export const BROWSER_VU_ARGS = ['--js-flags=--lite-mode'];

export function bundledChromiumPath(): string | null {
  try {
    const p = chromium.executablePath();
    return fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/** Launch options for Chromium; null when there is none (browser projects then fail with one line). */
export function chromiumLaunchOptions(slowMo = 0): LaunchOptions | null {
  if (bundledChromiumPath()) return { args: BROWSER_VU_ARGS, slowMo };
  const system = SYSTEM_CHROMIUMS.find((p) => fs.existsSync(p));
  if (!system) return null;
  return { executablePath: system, args: [...SYSTEM_CHROMIUM_ARGS, ...BROWSER_VU_ARGS], slowMo };
}

export function requireChromium(slowMo = 0): LaunchOptions {
  const options = chromiumLaunchOptions(slowMo);
  if (!options) throw new TargetError('no Chromium found: run `npx playwright install chromium`, or on Debian `apt-get install chromium`');
  return options;
}
