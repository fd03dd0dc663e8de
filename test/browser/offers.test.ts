// The merchant's Offers screen in a real browser against the real system (`startSystem`): the
// operator defines contexts and offers on the page, visitors are served offers by the public route
// and click some, and the heat map moves after a re-solve. A definition the LP cannot honour is
// refused on the page in words.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { sharedSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { screenshot } from './walletPage.ts';

let system: System;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  system = await sharedSystem();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const shareOf = async (offerId: string, contextId: string) =>
  Number(
    await page
      .locator(`[data-testid="heat-cell"][data-offer="${offerId}"][data-context="${contextId}"]`)
      .getAttribute('data-share'),
  );

async function defineContext(context: { id: string; page: string; keywords?: string; impressions: number }) {
  await page.getByTestId('context-id').fill(context.id);
  await page.getByTestId('context-page').fill(context.page);
  await page.getByTestId('context-keywords').fill(context.keywords ?? '');
  await page.getByTestId('context-impressions').fill(String(context.impressions));
  await page.getByTestId('context-submit').click();
  await page.getByTestId('offer-contexts').getByText(context.id, { exact: true }).waitFor();
}

async function defineOffer(offer: { id: string; title: string; quota: number; rental?: [string, number] }) {
  await page.getByTestId('offer-id').fill(offer.id);
  await page.getByTestId('offer-title').fill(offer.title);
  await page.getByTestId('offer-creative').fill(`${offer.title}: this week only.`);
  await page.getByTestId('offer-link').fill(`https://shop.example/${offer.id}`);
  await page.getByTestId('offer-quota').fill(String(offer.quota));
  await page.getByTestId('offer-rental-context').fill(offer.rental?.[0] ?? '');
  await page.getByTestId('offer-rental-share').fill(offer.rental ? String(offer.rental[1]) : '');
  await page.getByTestId('offer-submit').click();
}

describe('the merchant Offers screen', () => {
  it('defines offers, refuses an impossible one, and the heat map moves after clicks', async () => {
    await page.goto(`${system.urls.merchant}#/offers`);
    await page.getByTestId('offers-screen').waitFor({ timeout: 60_000 });
    await defineContext({ id: 'home', page: '/', impressions: 1000 });
    await defineContext({ id: 'search-helmet', page: '/search', keywords: 'helmet', impressions: 1000 });
    await defineOffer({ id: 'helmet-10', title: '10 % off helmets', quota: 1200 });
    await page.getByTestId('offer-list').getByText('10 % off helmets').waitFor();
    await defineOffer({ id: 'saddle', title: 'Saddles', quota: 1200 });
    await page.getByTestId('offer-heat-map').waitFor();
    await page.locator('[data-testid="heat-cell"][data-offer="saddle"]').first().waitFor();

    // Two paid placements of 60 % and 50 % of one context cannot both hold: refused in words.
    await defineOffer({ id: 'lights', title: 'Bike lights', quota: 1500, rental: ['home', 60] });
    await page.getByTestId('offer-list').getByText('Bike lights').waitFor();
    await defineOffer({ id: 'bells', title: 'Bells', quota: 1500, rental: ['home', 50] });
    await expect(page.getByTestId('error-message').textContent({ timeout: 30_000 })).resolves.toMatch(
      /No allocation exists/,
    );
    await expect(page.getByTestId('offer-list').textContent()).resolves.not.toContain('Bells');

    // Visitors on the home page: saddles get clicked, nothing else does (20 clicks: the per-client limit).
    const before = await shareOf('saddle', 'home');
    let clicks = 0;
    for (let visit = 0; visit < 400 && clicks < 20; visit++) {
      const served = (await (await fetch(`${system.urls.merchantService}offers?context=home`)).json()) as {
        impressionId: string | null;
        offer: { id: string } | null;
        explanation: { text: string; reason: string } | null;
      };
      if (served.offer?.id !== 'saddle' || !served.impressionId) continue;
      expect(served.explanation?.text).toContain('Nothing else about you was used.');
      const click = await fetch(`${system.urls.merchantService}offers/clicks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ impressionId: served.impressionId }),
      });
      expect(click.status).toBe(200);
      clicks++;
    }
    expect(clicks).toBe(20);
    await page.getByTestId('offers-resolve').click();
    await expect.poll(async () => shareOf('saddle', 'home'), { timeout: 30_000 }).toBeGreaterThan(before + 0.05);
    await expect(page.getByTestId('offer-totals').textContent()).resolves.toMatch(/20 clicks counted/);
    const estimates = await page.getByTestId('offer-estimate').allTextContents();
    expect(
      estimates.some((row) => row.startsWith('saddlehome') && / \(\d+(\.\d+)? % – \d+(\.\d+)? %\)$/.test(row)),
    ).toBe(true);
    await screenshot(page, 'merchant-offers');
  });
});
