// The merchant page's Campaigns screen on what `npm start` runs: the operator creates and funds a
// second campaign from the form (in tokens, the units the wallet shows, with progress words while
// the transaction confirms), tops it up, pauses it and closes it (after a confirmation; its budget
// back at once); each step is what the chain then says (GET /campaigns reads it). The configured
// campaign stays as it was.
import { readCampaign } from '@decdp/sdk/chain';
import { JsonRpcProvider } from 'ethers';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { startOwnSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { screenshot } from './walletPage.ts';

let system: System;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  system = await startOwnSystem();
  browser = await launchChromium();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

/** Counts every moment the progress words show, however short (a MutationObserver in the page). */
async function watchProgress(): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      for (const element of document.querySelectorAll('[data-testid="campaign-progress"]')) {
        if (!seen.includes(element.textContent ?? '')) seen.push(element.textContent ?? '');
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
}

describe('merchant page: campaigns', () => {
  it('creates and funds a campaign, tops it up, pauses and closes it, in tokens', async () => {
    // The first load of the page makes Vite compile it (dev server); on a busy machine that is slow.
    await page.goto(`${system.urls.merchant}#/campaigns`, { timeout: 120_000 });
    const cards = page.getByTestId('campaign-card');
    await expect.poll(() => cards.count(), { timeout: 60_000 }).toBe(1);
    const configured = cards.first();
    const symbol = ((await configured.textContent()) ?? '').match(/Reward per answer([\d.]+) (\S+?)Budget/)?.[2];
    expect(symbol).toBeTruthy();

    const form = page.getByTestId('campaign-create-form');
    await form.getByLabel('Pays for').selectOption('age');
    await form.getByLabel('Condition').selectOption('gte');
    await form.getByLabel(/^Value/).fill('21');
    await form.getByLabel(`Reward per answer (${symbol})`).fill('2.5');
    await form.getByLabel(`Budget (${symbol})`).fill('20');
    await form.getByLabel('Runs for (days)').fill('7');
    const progress = await watchProgress();
    await form.getByRole('button', { name: 'Create and fund' }).click();
    await expect.poll(() => cards.count(), { timeout: 60_000 }).toBe(2);
    expect((await progress()).join()).toMatch(/Creating the campaign: waiting for the transaction to confirm/);
    const created = cards.nth(1);
    const campaignId = (await created.getAttribute('data-campaign-id')) as string;
    expect(await created.textContent()).toContain('age ≥ 21');
    expect(await created.getByTestId('campaign-card-remaining').textContent()).toBe(`20.0 ${symbol}`);
    // The chain says the same, in base units: 20 tokens of 18 decimals.
    const provider = new JsonRpcProvider(system.urls.rpc, undefined, { staticNetwork: true });
    const onChain = () =>
      readCampaign({ runner: provider, pool: system.deployment.pool, campaignId: BigInt(campaignId) });
    expect((await onChain()).remaining).toBe(20n * 10n ** 18n);
    expect((await onChain()).rewardPerClaim).toBe(25n * 10n ** 17n);

    await created.getByLabel(`Top up (${symbol})`).fill('5');
    await created.getByRole('button', { name: 'Top up' }).click();
    await expect
      .poll(() => created.getByTestId('campaign-card-remaining').textContent(), { timeout: 60_000 })
      .toBe(`25.0 ${symbol}`);
    await created.getByRole('button', { name: 'Pause' }).click();
    await expect
      .poll(() => created.getByTestId('campaign-card-status').textContent(), { timeout: 60_000 })
      .toBe('paused');
    expect((await onChain()).paused).toBe(true);
    await created.getByRole('button', { name: 'Resume' }).click();
    await expect
      .poll(() => created.getByTestId('campaign-card-status').textContent(), { timeout: 60_000 })
      .toBe('paying');
    await screenshot(page, 'merchant-campaigns');

    // Closing cannot be taken back on the chain: the page asks first, and Cancel changes nothing.
    await created.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('confirm-cancel').click();
    expect(await created.getByTestId('campaign-card-status').textContent()).toBe('paying');
    expect((await onChain()).paused).toBe(false);
    await created.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('confirm-ok').click();
    await expect
      .poll(() => created.getByTestId('campaign-card-status').textContent(), { timeout: 60_000 })
      .toBe('closed');
    // Closed on-chain: ended now, the unspent budget back with the merchant at once.
    expect((await onChain()).remaining).toBe(0n);
    expect((await onChain()).end).toBeLessThanOrEqual((await provider.getBlock('latest'))?.timestamp ?? 0);
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContainEqual(expect.stringMatching(new RegExp(`Campaign ${campaignId} closed: 25.0 ${symbol} came back`)));
    // The configured campaign was not touched.
    expect(await configured.getByTestId('campaign-card-status').textContent()).toBe('paying');

    // A bad amount is refused in words, naming the field; nothing is sent.
    await form.getByLabel(`Budget (${symbol})`).fill('1,5');
    await form.getByRole('button', { name: 'Create and fund' }).click();
    await expect.poll(() => form.textContent(), { timeout: 30_000 }).toMatch(/amount of tokens/);
    expect(await cards.count()).toBe(2);
    provider.destroy();
  });
});
