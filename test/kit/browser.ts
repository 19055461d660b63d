import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

// Debian's Chromium for the browser tests (test/e2e), driven by playwright-core. CHROMIUM_PATH points elsewhere;
// SKIP_BROWSER_TESTS=1 skips them where there is no Chromium.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const describeBrowser = process.env.SKIP_BROWSER_TESTS === '1' ? describe.skip : describe;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get update && apt-get install -y chromium), set CHROMIUM_PATH, or set SKIP_BROWSER_TESTS=1`,
    );
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
