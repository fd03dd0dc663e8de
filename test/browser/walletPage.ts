// Shared steps of the wallet browser tests: log the demo person in on the Solid server's own
// pages, unlock with the recovery phrase, create merchant requests, take checked screenshots.
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { poolInterface } from '@decdp/sdk/chain';
import type { OfferDeskView } from '@decdp/sdk/merchant';
import { JsonRpcProvider } from 'ethers';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { sharedSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';

export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/** Signs the demo person in at the Solid server from the wallet page (email, password, authorize). */
export async function signInDemoAtPod(page: Page, system: System): Promise<void> {
  await page.goto(system.urls.wallet);
  await page.getByTestId('login-button').click();
  await page
    .locator('input[name="email"], #email')
    .first()
    .fill(system.config.demo?.email ?? '');
  await page
    .locator('input[name="password"], #password')
    .first()
    .fill(system.config.demo?.password ?? '');
  await page.locator('button[type="submit"]').first().click();
  await page.getByRole('button', { name: /authorize/i }).click({ timeout: 30_000 });
}

/**
 * The usual start of a wallet test file: the project's shared system with this file's own person,
 * Chromium, and a wallet page logged in and unlocked (page errors go to the log).
 */
export async function openSharedWallet(): Promise<{ system: System; browser: Browser; page: Page }> {
  const system = await sharedSystem();
  const browser = await launchChromium();
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await logInDemo(page, system);
  return { system, browser, page };
}

/** Logs the demo person in and unlocks the wallet; returns when the credentials are shown. */
export async function logInDemo(page: Page, system: System): Promise<void> {
  await signInDemoAtPod(page, system);
  await page.getByTestId('restore-phrase').fill(system.demo.recoveryPhrase, { timeout: 60_000 });
  await page.getByTestId('restore-button').click();
  await page.getByTestId('wallet-restore').waitFor({ state: 'detached' });
  await showScreen(page, 'credentials');
  await page.getByTestId('credential-item').first().waitFor({ timeout: 60_000 });
  await showScreen(page, 'requests');
}

export type WalletScreenName =
  | 'requests'
  | 'rewards'
  | 'history'
  | 'credentials'
  | 'add-credentials'
  | 'masks'
  | 'settings';

/** Opens one wallet screen from the navigation, as a person would; returns when its address is shown. */
export async function showScreen(page: Page, screen: WalletScreenName): Promise<void> {
  await page.getByTestId(`nav-${screen}`).click();
  await page.waitForURL((url) => url.hash === `#/${screen}`);
}

/** A signed request from the demo merchant (POST /requests). */
export async function createRequest(
  system: System,
  body: Record<string, unknown>,
): Promise<{ request: { id: string; merchant: { address: string } } }> {
  const response = await fetch(`${system.urls.merchantService}requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${system.operatorToken}` },
    body: JSON.stringify({ purpose: { code: 'test', text: 'Browser test' }, retentionDays: 30, ...body }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { request: { id: string; merchant: { address: string } } };
}

/** An operator call on the merchant's offer desk (GET without a body, POST with one): its view after. */
export async function offerDesk(system: System, path: string, body?: unknown): Promise<OfferDeskView> {
  const response = await fetch(new URL(path, system.urls.merchantService), {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${system.operatorToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as OfferDeskView;
}

/** The merchant's light records' request ids. */
export async function recordedRequestIds(system: System): Promise<string[]> {
  const response = await fetch(`${system.urls.merchantService}records`, {
    headers: { authorization: `Bearer ${system.operatorToken}` },
  });
  const records = (await response.json()) as { requestId: string }[];
  return records.map((record) => record.requestId);
}

/**
 * Rewards the demo campaign has paid (its Claimed events): what the merchant page counts. Files on
 * a shared system count from what was there before them.
 */
export async function campaignClaims(system: System): Promise<number> {
  const provider = new JsonRpcProvider(system.urls.rpc, undefined, { staticNetwork: true });
  try {
    const logs = await provider.getLogs({
      address: system.deployment.pool,
      topics: poolInterface.encodeFilterTopics('Claimed', [BigInt(system.config.campaignId ?? 0)]),
      fromBlock: 0,
    });
    return logs.length;
  } finally {
    provider.destroy();
  }
}

/** A full-page screenshot in test-results/screenshots/, checked not blank. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  // Rendered, not blank: a blank page compresses to a few hundred bytes.
  expect((await stat(path)).size).toBeGreaterThan(5_000);
  return path;
}

export function requestItem(page: Page, id: string) {
  return page.locator(`[data-testid="request-item"][data-request-id="${id}"]`);
}

/** A screenshot of one part of the page (a section), checked not blank: a real image and visible words. */
export async function screenshotOf(locator: Locator, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await locator.screenshot({ path });
  expect((await stat(path)).size).toBeGreaterThan(3_000);
  // Rendered with words in it.
  expect(await locator.isVisible()).toBe(true);
  expect(((await locator.textContent()) ?? '').trim().length).toBeGreaterThan(10);
  return path;
}
