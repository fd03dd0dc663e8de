// Offers in the wallet, in a real browser against the real system (`startSystem`): after the person
// answers a request, the merchant's offer for what they chose to prove is shown with "why this
// offer" in plain words; opting out of that interest removes every offer that used it — in the
// wallet, and at the merchant's desk for the person's pseudonym — and survives a reload.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { startOwnSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { createRequest, logInDemo, offerDesk, requestItem, screenshot, showScreen } from './walletPage.ts';

let system: System;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  system = await startOwnSystem();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe('offers in the wallet', () => {
  it('shows the offer for what the person proved, says why, and an opt-out removes it', async () => {
    // The shop's offers: one for people who proved they are adults, one for anyone.
    await offerDesk(system, 'operator/offer-contexts', {
      id: 'adults',
      provenPredicates: ['age ≥ 18'],
      impressions: 1000,
    });
    await offerDesk(system, 'operator/offer-contexts', { id: 'anyone', impressions: 1000 });
    await offerDesk(system, 'operator/offers', {
      id: 'adult-ebike',
      title: 'E-bikes for adults',
      creative: 'Test-ride an e-bike this weekend.',
      link: 'https://shop.example/e-bikes',
      quota: 1000,
      blockedContexts: ['anyone'],
    });
    await offerDesk(system, 'operator/offers', {
      id: 'bell',
      title: 'A bell for any bike',
      creative: 'Ring ring.',
      link: 'https://shop.example/bells',
      quota: 1000,
      blockedContexts: ['adults'],
    });
    const { request } = await createRequest(system, {
      predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
      purpose: { code: 'age-check', text: 'Sell e-bikes to adults' },
    });

    await logInDemo(page, system);
    await showScreen(page, 'requests');
    const item = requestItem(page, request.id);
    await item.getByTestId('approve-button').click({ timeout: 60_000 });
    const offer = item.getByTestId('offer');
    await offer.waitFor({ timeout: 120_000 });
    await expect(offer.getAttribute('data-offer-id')).resolves.toBe('adult-ebike');
    await expect(offer.getByTestId('offer-title').textContent()).resolves.toBe('E-bikes for adults');

    // Why this offer, in plain words: the context, the estimate with its uncertainty, what decided.
    await offer.getByText('Why this offer?').click();
    const why = (await offer.getByTestId('offer-why').textContent()) ?? '';
    expect(why).toContain('Chosen from: that you chose to prove “age ≥ 18”. Nothing else about you was used.');
    expect(why).toMatch(/Estimated click rate: \d+(\.\d)? %, likely between \d+(\.\d)? % and \d+(\.\d)? %/);
    expect(why).toMatch(/What decided: (it is expected to be clicked most here|a learning share)/);
    expect(why).not.toMatch(/\b34\b/);
    await screenshot(page, 'wallet-offer-why');

    // A click on the offer counts at the merchant's desk (once).
    const [popup] = await Promise.all([page.waitForEvent('popup'), offer.getByTestId('offer-link').click()]);
    await popup.close();
    await expect
      .poll(async () => (await offerDesk(system, 'operator/offers')).totals.clicks, { timeout: 10_000 })
      .toBe(1);

    // Opting out of what was proved: that offer goes; what is left uses nothing of it.
    await offer.getByRole('button', { name: 'Stop using that you proved “age ≥ 18”' }).click();
    const replacement = item.locator('[data-testid="offer"][data-offer-id="bell"]');
    await replacement.waitFor({ timeout: 10_000 });
    await expect(item.locator('[data-offer-id="adult-ebike"]').count()).resolves.toBe(0);
    await expect(replacement.getAttribute('data-interests')).resolves.toBe('');
    await expect(item.getByTestId('offer-opt-outs').textContent()).resolves.toContain('that you proved “age ≥ 18”');
    await screenshot(page, 'wallet-offer-opted-out');

    // The merchant's desk stops using it for this person's pseudonym (its own site included).
    await expect
      .poll(async () => (await offerDesk(system, 'operator/offers')).optOuts, { timeout: 10_000 })
      .toEqual([{ interest: 'predicate:age ≥ 18', people: 1 }]);
    const records = (await (
      await fetch(new URL('records', system.urls.merchantService), {
        headers: { authorization: `Bearer ${system.operatorToken}` },
      })
    ).json()) as { requestId: string; pseudonym: string }[];
    const pseudonym = records.find((record) => record.requestId === request.id)?.pseudonym as string;
    const url = new URL('offers', system.urls.merchantService);
    url.searchParams.set('context', 'adults');
    url.searchParams.set('pseudonym', pseudonym);
    for (let index = 0; index < 10; index++) {
      const served = (await (await fetch(url)).json()) as { offer: { id: string } | null; interests: string[] };
      expect(served.offer?.id).toBe('bell');
      expect(served.interests).toEqual([]);
    }

    // The opt-out is the person's setting: after a reload, the next answer with that predicate
    // comes with no offer that uses it.
    const { request: next } = await createRequest(system, {
      predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
      purpose: { code: 'age-check', text: 'Sell e-bike helmets to adults' },
    });
    await page.reload();
    await showScreen(page, 'requests');
    const nextItem = requestItem(page, next.id);
    await nextItem.getByTestId('approve-button').click({ timeout: 60_000 });
    await nextItem.locator('[data-testid="offer"][data-offer-id="bell"]').waitFor({ timeout: 120_000 });
    await expect(nextItem.locator('[data-offer-id="adult-ebike"]').count()).resolves.toBe(0);
  });
});
