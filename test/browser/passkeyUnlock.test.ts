// Passkey unlock (WebAuthn PRF) in Chromium with a CDP virtual authenticator that offers PRF
// (`WebAuthn.addVirtualAuthenticator`, `hasPrf: true`, user verification on): Settings → Passkey
// seals the secret under the authenticator's PRF output; after logging out the unlock screen offers
// "Unlock with passkey", which opens the wallet without the passphrase or the phrase. Nothing in
// the page's storage holds the secret; with the authenticator gone, the wallet stays locked. An
// authenticator without PRF gets a plain "not offered" error and nothing is kept.

import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { sharedSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { screenshotOf, showScreen, signInDemoAtPod } from './walletPage.ts';

let system: System;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cdp: CDPSession;
let authenticatorId = '';

beforeAll(async () => {
  system = await sharedSystem();
  browser = await launchChromium();
  context = await browser.newContext();
  page = await context.newPage();
  // The pages are compiled on first load; on a busy machine that takes longer than 30 s.
  page.setDefaultNavigationTimeout(120_000);
  page.on('pageerror', (error) => console.error('page error:', error.message));
  cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

/** One internal authenticator at a time (Chromium's rule): the previous one is removed first. */
async function addAuthenticator(hasPrf: boolean): Promise<string> {
  if (authenticatorId) await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
  authenticatorId = '';
  const added = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf,
      automaticPresenceSimulation: true,
    },
  });
  return added.authenticatorId;
}

/** Every text the page's origin keeps in localStorage and sessionStorage. */
function webStorage(): Promise<string> {
  return page.evaluate(() =>
    [localStorage, sessionStorage]
      .flatMap((storage) =>
        Array.from({ length: storage.length }, (_, index) => {
          const key = storage.key(index) ?? '';
          return `${key}=${storage.getItem(key)}`;
        }),
      )
      .join('\n'),
  );
}

async function logOutAndBackIn(): Promise<void> {
  await page.getByTestId('logout-button').click();
  await page.getByTestId('login-button').waitFor();
  await page.getByTestId('login-button').click();
  // Still logged in at the Solid server: straight back, or through its consent page.
  const authorize = page.getByRole('button', { name: /authorize/i });
  await Promise.race([
    authorize.click({ timeout: 30_000 }).catch(() => {}),
    page.getByTestId('wallet-restore').waitFor({ timeout: 60_000 }),
  ]);
  await page.getByTestId('wallet-restore').waitFor({ timeout: 60_000 });
}

describe('passkey unlock (WebAuthn PRF)', () => {
  it('says plainly when the authenticator offers no PRF, and keeps nothing', async () => {
    authenticatorId = await addAuthenticator(false);
    await signInDemoAtPod(page, system);
    await page.getByTestId('restore-phrase').fill(system.demo.recoveryPhrase, { timeout: 60_000 });
    await page.getByTestId('restore-button').click();
    await page.getByTestId('wallet-restore').waitFor({ state: 'detached', timeout: 60_000 });
    await showScreen(page, 'settings');
    await page.locator('[data-testid="passkey-settings"][data-state="none"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('passkey-enroll-button').click();
    await expect
      .poll(() => page.getByTestId('error-message').textContent(), { timeout: 60_000 })
      .toMatch(/does not offer the passkey PRF extension/);
    await expect(page.locator('[data-testid="passkey-settings"][data-state="none"]').count()).resolves.toBe(1);
  });

  it('sets up a passkey from Settings, and unlocks with it after logging out: no passphrase, no phrase', async () => {
    authenticatorId = await addAuthenticator(true);
    await page.getByTestId('passkey-enroll-button').click();
    const settings = page.locator('[data-testid="passkey-settings"][data-state="set"]');
    await settings.waitFor({ timeout: 60_000 });
    await screenshotOf(settings, 'settings-passkey');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);

    await logOutAndBackIn();
    const secret = system.demo.holderSecret;
    const storage = await webStorage();
    for (const spelling of [secret.toString(), secret.toString(16), system.demo.recoveryPhrase]) {
      expect(storage).not.toContain(spelling);
    }
    const unlock = page.getByTestId('passkey-unlock-button');
    await unlock.waitFor({ timeout: 60_000 });
    await screenshotOf(page.getByTestId('wallet-restore'), 'unlock-passkey');
    const started = performance.now();
    await unlock.click();
    await page.getByTestId('wallet-restore').waitFor({ state: 'detached', timeout: 60_000 });
    console.log(`passkey unlock: ${Math.round(performance.now() - started)} ms`);
    await showScreen(page, 'credentials');
    await page.getByTestId('credential-item').first().waitFor({ timeout: 60_000 });
  });

  it('stays locked when the passkey is not there (another device, a removed authenticator)', async () => {
    await logOutAndBackIn();
    // Another authenticator (with PRF) that never saw this wallet's passkey.
    authenticatorId = await addAuthenticator(true);
    await page.getByTestId('passkey-unlock-button').click();
    await page.getByTestId('error-message').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('wallet-restore').count()).resolves.toBe(1);
    // The recovery phrase still works.
    await page.getByTestId('restore-phrase').fill(system.demo.recoveryPhrase);
    await page.getByTestId('restore-button').click();
    await page.getByTestId('wallet-restore').waitFor({ state: 'detached', timeout: 60_000 });
  });
});
