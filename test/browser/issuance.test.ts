// A person from zero in the browser: a new pod account and wallet, then "Add credentials" — an age
// band from the PSD2 sandbox bank (its consent page in a popup), an ERC-20 holding through Sign-In
// with Ethereum on anvil (the wallet's own reward account signs), a loyalty tier from the merchant
// — each previewed, accepted and stored in the pod with its provenance; then a rewarded request
// that needs two of them, approved and paid. No seeded credential. An issuer URL answering garbage
// is refused in words.

import { connectRewardToken, mined } from '@decdp/sdk/chain';
import { createPodAccount } from '@decdp/sdk/pod';
import { walletKeysFromPhrase } from '@decdp/sdk/wallet';
import { JsonRpcProvider, parseUnits } from 'ethers';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { startOwnSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { createRequest, screenshot } from './walletPage.ts';

let system: System;
let browser: Browser;

beforeAll(async () => {
  system = await startOwnSystem({ campaignPredicate: { attribute: 'ageBand', op: 'gte', value: 18 } });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

/** Tokens the person received some time ago (from the pool's balance; see issuerFromZero.test.ts). */
async function giveTokens(to: string): Promise<void> {
  const provider = new JsonRpcProvider(system.urls.rpc, undefined, { staticNetwork: true, pollingInterval: 50 });
  const pool = system.deployment.pool;
  await provider.send('anvil_setBalance', [pool, '0xde0b6b3a7640000']);
  await provider.send('anvil_impersonateAccount', [pool]);
  const token = connectRewardToken(system.deployment.token, await provider.getSigner(pool));
  await mined(token.transfer(to, parseUnits('1')));
  await provider.send('anvil_stopImpersonatingAccount', [pool]);
  provider.destroy();
}

async function addFrom(page: Page, source: string): Promise<number> {
  const started = performance.now();
  await page
    .locator(`[data-testid="issuer-source"][data-source="${source}"] [data-testid="issuer-source-add"]`)
    .click();
  return started;
}

async function acceptPreview(page: Page, expected: RegExp): Promise<void> {
  const preview = page.getByTestId('issuance-preview');
  await preview.waitFor({ timeout: 60_000 });
  expect(await preview.textContent()).toMatch(expected);
  await page.getByTestId('issuance-accept').click();
}

describe('Add credentials: a person from zero', () => {
  it('adds bank, Ethereum and loyalty credentials and answers a rewarded request with them', async () => {
    await createPodAccount({
      baseUrl: system.urls.solid,
      email: 'zero@decdp.local',
      password: 'zero-password-1',
      podName: 'zero',
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(system.urls.wallet);
    await page.getByTestId('login-button').click();
    await page.locator('input[name="email"], #email').first().fill('zero@decdp.local');
    await page.locator('input[name="password"], #password').first().fill('zero-password-1');
    await page.locator('button[type="submit"]').first().click();
    await page.getByRole('button', { name: /authorize/i }).click({ timeout: 30_000 });
    const phrase = ((await page.getByTestId('recovery-phrase').textContent({ timeout: 60_000 })) ?? '').trim();
    await page.getByTestId('phrase-confirmed').check();
    await page.getByTestId('create-wallet-button').click();
    await page.getByTestId('wallet-setup').waitFor({ state: 'detached' });
    const keys = await walletKeysFromPhrase(phrase);
    await giveTokens(keys.recipient);

    await page.getByTestId('nav-add-credentials').click();
    await page.waitForURL((url) => url.hash === '#/add-credentials');
    await page.locator('[data-testid="issuer-source"][data-source="bank"]').waitFor({ timeout: 30_000 });
    await screenshot(page, 'issuance-issuers');

    // An address that answers something else than the issuance protocol.
    await page.getByTestId('issuer-url').fill(system.urls.solid);
    await page.getByTestId('issuer-url-add').click();
    await expect
      .poll(() => page.getByTestId('issuer-error').first().textContent(), { timeout: 30_000 })
      .toMatch(/^The issuer at .* (does not speak the DeCDP issuance protocol|answered|is not JSON)/);

    // 1. The bank: its own consent page opens in a popup.
    const popupOpened = page.waitForEvent('popup', { timeout: 30_000 });
    const bankStarted = await addFrom(page, 'bank');
    const popup = await popupOpened;
    await popup.locator('input[name="username"]').fill('alice');
    await popup.locator('input[name="password"]').fill('sandbox-alice');
    await popup.locator('button[value="approve"]').click();
    await acceptPreview(page, /age 35–49/);
    await page.locator('[data-testid="issued-item"][data-attribute="ageBand"]').waitFor({ timeout: 60_000 });
    const bankMs = performance.now() - bankStarted;
    await expect(
      page
        .locator('[data-testid="issued-item"][data-attribute="ageBand"] [data-testid="issued-provenance"]')
        .textContent(),
    ).resolves.toMatch(/^Demo Bank, from Sandbox Bank \(PSD2 sandbox\), issued .+, expires /);

    // 2. Ethereum: Sign-In with Ethereum with the wallet's own reward account.
    await addFrom(page, 'ethereum');
    await page.getByTestId('issuance-phrase').fill(phrase);
    await page.getByTestId('issuance-siwe-sign').click();
    await acceptPreview(page, /holds DeCDP reward token/);
    await page.locator('[data-testid="issued-item"][data-attribute="tokenHolding"]').waitFor({ timeout: 60_000 });

    // 3. Loyalty at the demo merchant: its sign-in form.
    const loyaltyStarted = await addFrom(page, 'loyalty');
    await page.getByTestId('issuance-field-email').fill(system.issuer.loyaltyLogin.email);
    await page.getByTestId('issuance-field-password').fill(system.issuer.loyaltyLogin.password);
    await page.getByTestId('issuance-sign-in').click();
    await acceptPreview(page, /loyalty tier 2 \(Silver\)/);
    await page.locator('[data-testid="issued-item"][data-attribute="loyaltyTier"]').waitFor({ timeout: 60_000 });
    const loyaltyMs = performance.now() - loyaltyStarted;
    await screenshot(page, 'issuance-stored');
    console.log(`issuance: bank ${Math.round(bankMs)} ms, loyalty ${Math.round(loyaltyMs)} ms (click Add → stored)`);

    // 4. A rewarded request needing two of them: the campaign's age band and the loyalty tier.
    const { request } = await createRequest(system, {
      predicates: [{ attribute: 'loyaltyTier', op: 'gte', value: 2 }],
      reward: true,
    });
    await page.getByTestId('nav-requests').click();
    await page.getByTestId('refresh-button').click();
    const item = page.locator(`[data-testid="request-item"][data-request-id="${request.id}"]`);
    await item.waitFor({ timeout: 60_000 });
    await item.getByTestId('approve-button').click();
    await page
      .getByTestId('reward-balance')
      .filter({ hasText: /\b6(\.0+)?\b/ })
      .waitFor({ timeout: 120_000 });
    await screenshot(page, 'issuance-rewarded');
    await context.close();
  });
});
