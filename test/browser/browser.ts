// Debian Chromium driven by playwright-core (Playwright cannot download browsers here).
// A new browser test file takes the project's running system with `await sharedSystem()`
// (test/system/sharedSystem.ts: a fresh person of its own) and starts its own with startSystem()
// only when it restarts, reconfigures or moves the clock of the system.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM_PATH) throw new Error('Debian chromium is not installed: apt-get install -y chromium (.ci/run does).');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
