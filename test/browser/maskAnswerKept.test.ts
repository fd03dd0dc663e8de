// An answered mask request stays answered: the wallet keeps the answer in the person's pod (the
// mask's membership document), so after a reload the Masks screen still says "Answered" (when, and
// what the proof told the shop, in plain words), shows that shop's offer for the mask, and offers
// no second answer. A request that expires stops being answerable and says "expired" in words.
// Its own system on the project's Solid server (it defines offers on the shop's desk and joins
// the demo mask); proofs in the page's mask prover worker.

import { createMaskRequest, maskMembershipUrl, parseMaskMembership, postMaskRequest } from '@decdp/sdk/masks';
import { readJsonDocument } from '@decdp/sdk/pod';
import { loginWithClientCredentials } from '@decdp/sdk/pod/node';
import { MERCHANT_PRIVATE_KEY } from '@decdp/sdk/testing';
import { Wallet } from 'ethers';
import type { Browser, Locator, Page } from 'playwright-core';
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

const shop = () => new Wallet(MERCHANT_PRIVATE_KEY);
const card = () => page.locator('[data-testid="mask-item"][data-mask-id="new-cyclist"]');
const requestRow = (id: string): Locator => card().locator(`[data-testid="mask-request"][data-request-id="${id}"]`);

async function postRequest(purpose: string, ttlSeconds?: number) {
  const signedRequest = await createMaskRequest({
    signer: shop(),
    merchantName: 'Demo Bike Shop',
    maskId: 'new-cyclist',
    purpose,
    offers: system.urls.merchantService,
    ...(ttlSeconds ? { ttlSeconds } : {}),
  });
  await postMaskRequest({ service: system.urls.maskService, signedRequest });
  return signedRequest;
}

/** Reloads the wallet page: the Solid session is restored by a redirect, then the screen is opened again. */
async function reloadOnMasks() {
  await page.reload();
  await page.getByTestId('nav-masks').waitFor({ timeout: 120_000 });
  await showScreen(page, 'masks');
}

async function answer(id: string) {
  await requestRow(id).getByTestId('mask-answer').click();
  await requestRow(id).getByTestId('mask-request-answered').waitFor({ timeout: 180_000 });
}

describe('an answered mask request after a reload', () => {
  it('is still answered (when, what was proven), shows its offer, and is not offered again', async () => {
    await offerDesk(system, 'operator/offer-contexts', { id: 'cyclists', maskId: 'new-cyclist', impressions: 1000 });
    await offerDesk(system, 'operator/offers', {
      id: 'cyclist-lights',
      title: 'Lights for new cyclists',
      creative: 'Be seen on your first rides.',
      link: 'https://shop.example/lights',
      quota: 1000,
    });
    const kept = await postRequest('Would you tell us which rides you plan?');

    await logInDemo(page, system);
    await showScreen(page, 'masks');
    // The demo mask has k − 1 members: the person's join makes it answerable.
    await card().getByTestId('mask-join').click({ timeout: 60_000 });
    await card().locator('[data-testid="mask-wearing"]').waitFor({ timeout: 180_000 });
    await answer(kept.request.id);

    await reloadOnMasks();
    const row = requestRow(kept.request.id);
    const answered = row.getByTestId('mask-request-answered');
    await answered.waitFor({ timeout: 120_000 });
    expect(await answered.textContent()).toMatch(
      /^Answered on .+\. You proved to Demo Bike Shop that you wear “New cyclist” \(not which member you are\); nothing else\.$/u,
    );
    await expect(row.getAttribute('data-state')).resolves.toBe('answered');
    // Answering twice is not offered.
    await expect(row.getByTestId('mask-answer').count()).resolves.toBe(0);
    // The shop's offer for the mask, asked for again after the reload.
    const offer = row.getByTestId('offer');
    await offer.waitFor({ timeout: 60_000 });
    await expect(offer.getAttribute('data-offer-id')).resolves.toBe('cyclist-lights');
    await expect(offer.getAttribute('data-interests')).resolves.toBe('mask:new-cyclist');
    await screenshot(page, 'wallet-mask-answer-kept');

    // The record is in the person's pod (the mask's membership document), and only there.
    const owner = await loginWithClientCredentials(system.demo.login);
    const membership = parseMaskMembership(
      await readJsonDocument({
        url: maskMembershipUrl({ podUrl: system.demo.podUrl, maskId: 'new-cyclist' }),
        fetch: owner.fetch,
      }),
    );
    expect(membership.answers?.map((entry) => entry.requestId)).toEqual([kept.request.id]);
    expect(membership.answers?.[0]).toMatchObject({ recipient: null, offers: system.urls.merchantService });
    // A second device (a fresh browser context) reads the same pod: answered there too.
    const other = await (await browser.newContext()).newPage();
    try {
      await logInDemo(other, system);
      await showScreen(other, 'masks');
      const there = other.locator(`[data-testid="mask-request"][data-request-id="${kept.request.id}"]`);
      await there.getByTestId('mask-request-answered').waitFor({ timeout: 120_000 });
      await expect(there.getByTestId('mask-answer').count()).resolves.toBe(0);
    } finally {
      await other.context().close();
    }
  }, 600_000);

  it('says "expired" for a request past its expiry: no answer, no offer', async () => {
    // One the person answers and one it leaves, both about to expire.
    const answeredSoon = await postRequest('Which lights do you use?', 75);
    const leftSoon = await postRequest('Do you ride at night?', 75);
    await showScreen(page, 'requests');
    await showScreen(page, 'masks');
    await answer(answeredSoon.request.id);
    await requestRow(leftSoon.request.id).getByTestId('mask-answer').waitFor();

    // The open screen turns them expired at their expiry, without a reload.
    const expiredBy = (answeredSoon.request.expiresAt + 20) * 1000 - Date.now();
    const left = requestRow(leftSoon.request.id);
    await expect
      .poll(() => left.getAttribute('data-state'), { timeout: Math.max(expiredBy, 0) + 60_000 })
      .toBe('expired');
    await expect(left.getByTestId('mask-answer').count()).resolves.toBe(0);
    expect(await left.getByTestId('mask-request-expired').textContent()).toMatch(
      /^This request expired on .+: it can no longer be answered\.$/u,
    );

    // After a reload the board lists neither; the answered one comes from the pod, marked expired.
    await reloadOnMasks();
    const gone = requestRow(answeredSoon.request.id);
    await gone.getByTestId('mask-request-expired').waitFor({ timeout: 120_000 });
    await expect(gone.getAttribute('data-state')).resolves.toBe('expired');
    expect(await gone.getByTestId('mask-request-expired').textContent()).toMatch(
      /^This request expired on .+; its offer is no longer shown\.$/u,
    );
    await expect(gone.getByTestId('offer-panel').count()).resolves.toBe(0);
    await expect(gone.getByTestId('mask-answer').count()).resolves.toBe(0);
    await expect(requestRow(leftSoon.request.id).count()).resolves.toBe(0);
  }, 600_000);
});
