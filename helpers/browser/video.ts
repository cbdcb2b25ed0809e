/**
 * Whether browser VUs can record video. Playwright records with its own ffmpeg build,
 * installed beside its browsers (`npx playwright install ffmpeg`); a machine that runs a
 * system Chromium usually has none, and then every new page would fail. Video is kept
 * for failures when ffmpeg is there, and off otherwise (traces and screenshots remain).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const FFMPEG_EXECUTABLES = ['ffmpeg-linux', 'ffmpeg-mac', 'ffmpeg-win64.exe'];

/** Playwright's browser folder (`~/.cache/ms-playwright` or PLAYWRIGHT_BROWSERS_PATH), as its registry resolves it. */
function registryDir(): string | null {
  try {
    // <registry>/chromium-<rev>/chrome-<platform>/chrome: the registry is three levels up.
    return path.resolve(chromium.executablePath(), '..', '..', '..');
  } catch {
    return null;
  }
}

/** Path of Playwright's ffmpeg when it is installed, else null. */
export function playwrightFfmpegPath(): string | null {
  const dir = registryDir();
  if (!dir || !fs.existsSync(dir)) return null;
  for (const entry of fs.readdirSync(dir)) {
    if (!entry.startsWith('ffmpeg-')) continue;
    const found = FFMPEG_EXECUTABLES.map((exe) => path.join(dir, entry, exe)).find((p) => fs.existsSync(p));
    if (found) return found;
  }
  return null;
}

/** The `video` option of the browser projects. */
export function browserVideoMode(): 'retain-on-failure' | 'off' {
  return playwrightFfmpegPath() ? 'retain-on-failure' : 'off';
}
