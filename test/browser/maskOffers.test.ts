// A mask-targeted request that names its shop's offer service (signed with the request): once the
// person answers it as a member, the wallet asks that shop — only that one — for its offer to the
// mask's wearers and shows it with "why this offer" in plain words; "stop using the mask" removes
// every offer chosen with it. Its own system (`startOwnSystem`, on the project's Solid server: it
// defines offers on the shop's desk): anvil with the mask registry, the mask service, the merchant
// service's offer desk, the pod; proofs in the page's mask prover worker.

import { createMaskRequest, postMaskRequest } from '@decdp/sdk/masks';
import { MERCHANT_PRIVATE_KEY } from '@decdp/sdk/testing';
import { Wallet } from 'ethers';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { startOwnSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { logInDemo, offerDesk, screenshot, showScreen } from './walletPage.ts';

let system: System;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  system = await startOwnSystem();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
}, 480_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe('offers for a mask request in the wallet', () => {
  it('shows the shop’s offer for the mask after answering, says why, and an opt-out removes it', async () => {
    // The shop's offers: one for wearers of the cyclist mask, one for anyone.
    await offerDesk(system, 'operator/offer-contexts', { id: 'cyclists', maskId: 'new-cyclist', impressions: 1000 });
    await offerDesk(system, 'operator/offer-contexts', { id: 'anyone', impressions: 1000 });
    await offerDesk(system, 'operator/offers', {
      id: 'cyclist-lights',
      title: 'Lights for new cyclists',
      creative: 'Be seen on your first rides.',
      link: 'https://shop.example/lights',
      quota: 1000,
      blockedContexts: ['anyone'],
    });
    await offerDesk(system, 'operator/offers', {
      id: 'bell',
      title: 'A bell for any bike',
      creative: 'Ring ring.',
      link: 'https://shop.example/bells',
      quota: 1000,
      blockedContexts: ['cyclists'],
    });
    const signedRequest = await createMaskRequest({
      signer: new Wallet(MERCHANT_PRIVATE_KEY),
      merchantName: 'Demo Bike Shop',
      maskId: 'new-cyclist',
      purpose: 'Would you tell us which rides you plan?',
      offers: system.urls.merchantService,
    });
    await postMaskRequest({ service: system.urls.maskService, signedRequest });

    await logInDemo(page, system);
    await showScreen(page, 'masks');
    const card = page.locator('[data-testid="mask-item"][data-mask-id="new-cyclist"]');
    // The demo mask has k − 1 members: the person's join makes it answerable.
    await card.getByTestId('mask-join').click({ timeout: 60_000 });
    await card.locator('[data-testid="mask-wearing"]').waitFor({ timeout: 180_000 });
    const request = card.locator(`[data-request-id="${signedRequest.request.id}"]`);
    // No shop is asked for an offer before the person answers.
    await expect(request.getByTestId('offer-panel').count()).resolves.toBe(0);
    await request.getByTestId('mask-answer').click();
    await request.getByTestId('mask-request-answered').waitFor({ timeout: 180_000 });

    const offer = request.getByTestId('offer');
    await offer.waitFor({ timeout: 60_000 });
    await expect(offer.getAttribute('data-offer-id')).resolves.toBe('cyclist-lights');
    await expect(offer.getAttribute('data-interests')).resolves.toBe('mask:new-cyclist');
    await offer.getByTestId('offer-why').locator('summary').click();
    const why = await offer.getByTestId('offer-why').locator('li').allTextContents();
    expect(why[0]).toBe('Chosen from: that you wear the mask “new-cyclist”. Nothing else about you was used.');
    expect(why[1]).toMatch(/^Estimated click rate: .+ %, likely between .+ % and .+ % \(/u);
    expect(why[2]).toMatch(/^What decided: /u);
    await screenshot(page, 'wallet-mask-offer');

    // "Stop using the mask": the offer chosen with it goes; the shop serves one that uses nothing.
    await offer.getByTestId('offer-opt-out').click();
    const replaced = request.getByTestId('offer');
    // The old offer stays on screen until the new one arrives: wait for the change, not the element.
    await expect.poll(() => replaced.getAttribute('data-offer-id'), { timeout: 60_000 }).toBe('bell');
    await expect(replaced.getAttribute('data-interests')).resolves.toBe('');
    await expect(request.getByTestId('offer-opt-outs').textContent()).resolves.toContain('the mask “new-cyclist”');
  }, 480_000);

  it('keeps the opt-out in the pod: another device logs in and has it, and "use again" there undoes it', async () => {
    const otherDevice = await (await browser.newContext()).newPage();
    const onDevice = (target: Page) =>
      target.evaluate(() => JSON.parse(localStorage.getItem('decdp.offerOptOuts') ?? '[]') as string[]);
    try {
      await logInDemo(otherDevice, system);
      await showScreen(otherDevice, 'masks');
      await otherDevice.waitForFunction(
        () => (localStorage.getItem('decdp.offerOptOuts') ?? '').includes('mask:new-cyclist'),
        undefined,
        { timeout: 60_000 },
      );
      expect(await onDevice(otherDevice)).toEqual(['mask:new-cyclist']);
    } finally {
      await otherDevice.context().close();
    }
    // "Use again" on the first device: the pod's list is empty again.
    const request = page.locator('[data-testid="mask-request"]').first();
    await request.getByTestId('offer-opt-in').click();
    await expect
      .poll(() => request.getByTestId('offer').getAttribute('data-offer-id'), { timeout: 60_000 })
      .toBe('cyclist-lights');
    const fresh = await (await browser.newContext()).newPage();
    try {
      await logInDemo(fresh, system);
      await showScreen(fresh, 'masks');
      await fresh.waitForFunction(() => localStorage.getItem('decdp.offerOptOuts') === '[]', undefined, {
        timeout: 60_000,
      });
    } finally {
      await fresh.context().close();
    }
  }, 300_000);
});
