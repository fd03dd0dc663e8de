// Automatic renewal in the wallet page, against the real system (the issuer, the PSD2 sandbox bank,
// the Solid server) with bank credentials that live 90 s instead of 90 days, from an issuer whose
// clock runs 50 s behind this machine's: the wallet gets each credential 50 s into its life, due
// for renewal (its last fifth, 18 s) 22 s later, so the test waits seconds, not minutes. (50 s: a
// proof of possession may be at most 60 s ahead of the issuer's clock.) The demo person adds
// credentials from the bank through its popup; when they are in the last fifth of their life the
// wallet renews them by itself (opening "Add credentials" makes it look; so do unlocking and an
// hourly timer) — new documents replace the old. The person then revokes the approval at the bank:
// at the next check nothing is renewed or written, and the screen says so in words, with the date
// they expire and the button that renews by hand.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { startOwnSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { logInDemo, screenshot, showScreen } from './walletPage.ts';

const LIFE_SECONDS = 90;
/** The issuer's clock runs this far behind the wallet's; below the 60 s a possession proof may be ahead. */
const ISSUER_BEHIND_SECONDS = 50;

let system: System;
let browser: Browser;

beforeAll(async () => {
  system = await startOwnSystem({
    bankCredentialSeconds: LIFE_SECONDS,
    issuerNow: () => Math.floor(Date.now() / 1000) - ISSUER_BEHIND_SECONDS,
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

type Issued = { url: string; expiresAt: number };

async function issuedItems(page: Page): Promise<Issued[]> {
  return page.getByTestId('issued-item').evaluateAll((items) =>
    items.map((item) => ({
      url: item.getAttribute('data-url') ?? '',
      expiresAt: Number(item.getAttribute('data-expires-at')),
    })),
  );
}

/** Waits until the credentials are in the last fifth of their life (plus a margin), then opens the screen. */
async function lookWhenDue(page: Page, expiresAt: number): Promise<void> {
  const dueAt = (expiresAt - LIFE_SECONDS / 5 + 3) * 1000;
  await page.waitForTimeout(Math.max(0, dueAt - Date.now()));
  await showScreen(page, 'credentials');
  await showScreen(page, 'add-credentials');
}

describe('automatic renewal in the wallet', () => {
  it('renews bank credentials by itself while the approval stands, and says in words when it was revoked', async () => {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await logInDemo(page, system);
    await showScreen(page, 'add-credentials');

    const popupOpened = page.waitForEvent('popup', { timeout: 60_000 });
    await page
      .locator('[data-testid="issuer-source"][data-source="bank"] [data-testid="issuer-source-add"]')
      .click({ timeout: 60_000 });
    const popup = await popupOpened;
    await popup.locator('input[name="username"]').fill('alice');
    // The bank's consent page: /sandbox/sca/<consent id>.
    const consentId = new URL(popup.url()).pathname.split('/').pop();
    await popup.locator('input[name="password"]').fill('sandbox-alice');
    await popup.locator('button[value="approve"]').click();
    await page.getByTestId('issuance-accept').click({ timeout: 120_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="issued-item"]').length === 4, null, {
      timeout: 120_000,
    });
    const first = await issuedItems(page);
    console.info(`issued, expiring in ${Math.round((first[0]?.expiresAt ?? 0) - Date.now() / 1000)} s`);
    expect(first[0]?.expiresAt).toBeGreaterThan(Date.now() / 1000);

    // Due: the wallet renews them without asking; the new documents replace the old ones.
    await lookWhenDue(page, first[0]?.expiresAt as number);
    await page.waitForFunction(
      (old) => {
        const urls = [...document.querySelectorAll('[data-testid="issued-item"]')].map((item) =>
          item.getAttribute('data-url'),
        );
        return urls.length === 4 && urls.every((url) => !old.includes(url ?? ''));
      },
      first.map(({ url }) => url),
      { timeout: 120_000 },
    );
    expect(await page.getByTestId('status-message').textContent()).toContain('Renewed 4 credentials from Demo Bank');
    const renewed = await issuedItems(page);
    console.info('renewed by the wallet');
    expect(renewed[0]?.expiresAt).toBeGreaterThan(first[0]?.expiresAt as number);

    // The person withdraws the approval in online banking: no renewal, words instead, nothing written.
    await fetch(`${system.urls.sandboxBank}sandbox/consents/${consentId}/revoke`, { method: 'POST' });
    await lookWhenDue(page, renewed[0]?.expiresAt as number);
    const notice = page.getByTestId('renewal-notice');
    await notice.waitFor({ timeout: 120_000 });
    expect(await notice.textContent()).toMatch(
      /You withdrew your approval at Sandbox Bank \(PSD2 sandbox\)\. 4 credentials from Demo Bank expire on .* unless you renew them\./,
    );
    expect(await page.getByTestId('renewal-notice-renew').textContent()).toBe('Renew at Sandbox Bank (PSD2 sandbox)');
    expect((await issuedItems(page)).map(({ url }) => url).sort()).toEqual(renewed.map(({ url }) => url).sort());
    await screenshot(page, 'issuance-renewal-revoked');
    // The test waits twice for credentials to come due (22 s after issuance, with the issuer's clock behind).
  }, 600_000);
});
