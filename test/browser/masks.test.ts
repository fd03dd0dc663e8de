// The wallet's Masks screen in a real browser against the real system: the masks `npm start`
// deployed on anvil are discovered from the chain, each with its size, its k and what wearing it
// reveals.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { openSharedWallet, screenshot } from './walletPage.ts';

let system: System;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ system, browser, page } = await openSharedWallet());
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe('the wallet Masks screen', () => {
  it('discovers the masks on the chain with their size and what wearing one reveals', async () => {
    await page.getByTestId('nav-masks').click();
    await page.waitForURL((url) => url.hash === '#/masks');
    const mask = page.locator('[data-testid="mask-item"][data-mask-id="new-cyclist"]');
    await mask.waitFor({ timeout: 60_000 });
    await expect(mask.getByTestId('mask-size').textContent()).resolves.toBe('19 members');
    const reveals = await mask.getByTestId('mask-reveals').textContent();
    expect(reveals).toContain('nobody can tell it is yours');
    expect(reveals).toContain('only once at least 20 members contributed');
    await screenshot(page, 'wallet-masks');
  });
});
