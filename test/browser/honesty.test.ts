// What the pages tell people must be true (issue 17's five wrong behaviours), in a real browser
// against the real Solid server, anvil and merchant service:
// 1. a campaign reward this person already had is not promised again, and Approve is not offered;
// 2. a reload while the proof is being sent loses nothing: the answer is finished and shown;
// 3. the merchant's totals count revocations and keep paid rewards paid;
// 4. the merchant form does not keep a stale value when the attribute changes, and the wallet does
//    not offer "Approve and prove" for a request its credentials cannot satisfy;
// 5. the disclosure says what each predicate reveals ("your exact country", "that you are 18 or older").
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import {
  campaignClaims,
  createRequest,
  openSharedWallet,
  recordedRequestIds,
  requestItem,
  screenshot,
  showScreen,
} from './walletPage.ts';

let system: System;
let browser: Browser;
let page: Page;

function historyItem(requestId: string) {
  return page.locator(`[data-testid="history-item"][data-request-id="${requestId}"]`);
}

beforeAll(async () => {
  ({ system, browser, page } = await openSharedWallet());
});
afterAll(async () => {
  const notices = await page?.getByTestId('error-message').allTextContents();
  if (notices?.length) console.error('wallet errors:', notices);
  await browser?.close();
  await system?.stop();
});

describe('what the pages say is true', () => {
  let rewarded: { request: { id: string } };
  /** Rewards the campaign paid before this file's (the system is shared with other files). */
  let claimsBefore = 0;

  it('5: says what each predicate reveals: the exact country under "is", "18 or older" under "≥"', async () => {
    const country = await createRequest(system, {
      predicates: [{ attribute: 'countryOfResidence', op: 'eq', value: 'NL' }],
    });
    const adult = await createRequest(system, { predicates: [{ attribute: 'age', op: 'gte', value: 18 }] });
    await page.getByTestId('refresh-button').click();
    const countryCard = requestItem(page, country.request.id);
    await countryCard.waitFor({ timeout: 30_000 });
    await expect(countryCard.getByTestId('request-predicates').textContent()).resolves.toContain(
      'your exact country of residence',
    );
    await expect(countryCard.textContent()).resolves.not.toContain('Not the value itself');
    const adultCard = requestItem(page, adult.request.id);
    await expect(adultCard.getByTestId('request-predicates').textContent()).resolves.toContain(
      'that you are 18 or older',
    );
    await expect(adultCard.textContent()).resolves.toContain('Not the value itself');

    // After a yes, "what merchants know" says the same, not "age: known to …".
    await adultCard.getByTestId('approve-button').click();
    await adultCard.getByTestId('request-result').waitFor({ timeout: 120_000 });
    await showScreen(page, 'history');
    const known = page.locator('[data-testid="shared-attribute"][data-attribute="age"]');
    await expect(known.textContent()).resolves.toContain('Demo Bike Shop knows that you are 18 or older');
    await showScreen(page, 'requests');
  });

  it('4: no "Approve and prove" for a request the credentials cannot satisfy', async () => {
    const senior = await createRequest(system, { predicates: [{ attribute: 'age', op: 'gte', value: 60 }] });
    await page.getByTestId('refresh-button').click();
    const card = requestItem(page, senior.request.id);
    await card.getByTestId('request-unanswerable').waitFor({ timeout: 30_000 });
    await expect(card.getByTestId('request-unanswerable').textContent()).resolves.toContain(
      'Your age does not meet this request',
    );
    await expect(card.getByTestId('approve-button').count()).resolves.toBe(0);
    await expect(card.getByTestId('deny-button').count()).resolves.toBe(1);
  });

  it('1: a campaign reward already received is not promised again, even after a reload', async () => {
    claimsBefore = await campaignClaims(system);
    rewarded = await createRequest(system, {
      predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
      purpose: { code: 'loyalty', text: 'Loyalty programme' },
      reward: true,
    });
    await page.getByTestId('refresh-button').click();
    const first = requestItem(page, rewarded.request.id);
    await expect
      .poll(() => first.getByTestId('request-reward').getAttribute('data-reward-state'), { timeout: 30_000 })
      .toBe('payable');
    await first.getByTestId('approve-button').click();
    await first.getByTestId('request-result').waitFor({ timeout: 120_000 });
    await page
      .getByTestId('reward-balance')
      .filter({ hasText: /^5(\.0+)? / })
      .waitFor({ timeout: 60_000 });

    // The same campaign on another request: one reward per person per campaign.
    const again = await createRequest(system, {
      predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
      purpose: { code: 'loyalty', text: 'Loyalty programme, again' },
      reward: true,
    });
    for (const reload of [false, true]) {
      if (reload) await page.reload();
      else await page.getByTestId('refresh-button').click();
      const second = requestItem(page, again.request.id);
      const reward = second.getByTestId('request-reward');
      await expect.poll(() => reward.getAttribute('data-reward-state'), { timeout: 60_000 }).toBe('claimed');
      await expect(reward.textContent()).resolves.toContain('already');
      await expect(second.getByTestId('approve-button').count()).resolves.toBe(0);
    }
    await screenshot(page, 'wallet-reward-already-claimed');
  });

  it('2: a reload while the proof is being sent: the answer is finished and shown, not lost', async () => {
    const asked = await createRequest(system, {
      predicates: [{ attribute: 'interest', op: 'in', values: ['cycling', 'running'] }],
      purpose: { code: 'ads', text: 'Sports offers' },
    });
    await page.getByTestId('refresh-button').click();
    const item = requestItem(page, asked.request.id);
    let delivered = () => {};
    const atMerchant = new Promise<void>((resolve) => {
      delivered = resolve;
    });
    // The answer reaches the merchant, but the page is reloaded before it hears back.
    await page.route('**/answers', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch();
      delivered();
    });
    await item.getByTestId('approve-button').click();
    await atMerchant;
    expect(await recordedRequestIds(system)).toContain(asked.request.id);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.reload();

    await showScreen(page, 'history');
    await expect
      .poll(() => historyItem(asked.request.id).getAttribute('data-status'), { timeout: 120_000 })
      .toBe('active');
    // Answered requests leave the inbox.
    await showScreen(page, 'requests');
    await expect(requestItem(page, asked.request.id).count()).resolves.toBe(0);
  });

  it('3: the merchant counts revocations and keeps a paid reward paid', async () => {
    // The merchant's totals before: shown once the rewarded answer's row is (they load together).
    const merchant = await browser.newPage();
    await merchant.goto(`${system.urls.merchant}#/records`);
    await merchant
      .locator(`[data-testid="record-row"][data-request-id="${rewarded.request.id}"]`)
      .waitFor({ timeout: 30_000 });
    const revokedBefore = Number(await merchant.getByTestId('aggregate-revoked').textContent());

    await showScreen(page, 'history');
    const item = historyItem(rewarded.request.id);
    await item.getByTestId('revoke-button').click();
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 120_000 }).toBe('revoked');

    await merchant.reload();
    await expect
      .poll(() => merchant.getByTestId('aggregate-revoked').textContent(), { timeout: 30_000 })
      .toBe(String(revokedBefore + 1));
    const paid = claimsBefore + 1;
    await expect
      .poll(() => merchant.getByTestId('aggregate-rewarded').textContent(), { timeout: 30_000 })
      .toBe(String(paid));
    // The campaign's money, from the chain, in the wallet's units, with its chart.
    await merchant.getByTestId('nav-campaigns').click();
    await expect
      .poll(() => merchant.getByTestId('campaign-paid').textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^${5 * paid}(\\.0+)? \\S+ \\(${paid} rewards?\\)$`));
    await merchant.getByTestId('campaign-chart').locator('svg').first().waitFor();
    await screenshot(merchant, 'merchant-campaign');
    await merchant.close();
  });

  it('4: the merchant form starts the value afresh when the attribute changes', async () => {
    const merchant = await browser.newPage();
    await merchant.goto(`${system.urls.merchant}#/requests`);
    await merchant.getByTestId('merchant-attribute').selectOption('age');
    await merchant.getByTestId('merchant-value').fill('18');
    await merchant.getByTestId('merchant-attribute').selectOption('interest');
    await expect(merchant.getByTestId('merchant-value').inputValue()).resolves.not.toBe('18');
    await merchant.close();
  });
});
