// The person's answers over time, in a real browser against the real Solid server, anvil and
// merchant service: a reward whose relay failed is claimed with the Claim button after the answer's
// 10-minute window (a fresh claim proof, relayed by the merchant's POST /claims; no ETH); a
// revoked answer is deleted by the merchant with a signed confirmation; "Deny" and "Never allow
// this" are recorded in the pod and never answered automatically later; opting out of an interest
// stops its proofs and tells the merchant holding it.

import { connectRewardPool } from '@decdp/sdk/chain';
import { decdpUrls, listContainer, readJsonDocument, writeJsonDocument } from '@decdp/sdk/pod';
import { loginWithClientCredentials } from '@decdp/sdk/pod/node';
import { AbiCoder, JsonRpcProvider, keccak256, toBeHex } from 'ethers';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { startOwnSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import {
  createRequest,
  logInDemo,
  recordedRequestIds,
  requestItem,
  screenshot,
  screenshotOf,
  showScreen,
} from './walletPage.ts';

let system: System;
let browser: Browser;
let page: Page;
let provider: JsonRpcProvider;
/** Seconds the merchant service's clock runs ahead of this machine's (moved on with the chain's). */
let merchantAhead = 0;

/** The demo pod as the person's own Node client sees it. */
async function podSession() {
  return loginWithClientCredentials(system.demo.login);
}

/**
 * Sets or clears the demo campaign's `paused` flag directly in the pool's storage: `campaigns` is
 * the pool's second slot and `paused` sits after token (160 bits), start and end (40 bits each).
 */
async function setCampaignPaused(paused: boolean): Promise<void> {
  const pool = system.deployment.pool;
  const campaignId = BigInt(system.config.campaignId ?? 0);
  const slot = keccak256(AbiCoder.defaultAbiCoder().encode(['uint256', 'uint256'], [campaignId, 1]));
  const word = BigInt(await provider.getStorage(pool, slot));
  const flag = 1n << 240n;
  await provider.send('anvil_setStorageAt', [pool, slot, toBeHex(paused ? word | flag : word & ~flag, 32)]);
  const campaign = await connectRewardPool(pool, provider).campaigns(campaignId);
  expect(campaign.paused).toBe(paused); // the layout assumption, checked
}

function historyItem(target: Page, requestId: string) {
  return target.locator(`[data-testid="history-item"][data-request-id="${requestId}"]`);
}

beforeAll(async () => {
  system = await startOwnSystem({ merchantNow: () => Math.floor(Date.now() / 1000) + merchantAhead });
  provider = new JsonRpcProvider(system.urls.rpc, undefined, { staticNetwork: true });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  if (process.env.DEBUG_PAGE) {
    page.on('console', (message) => console.error(`console ${message.type()}:`, message.text().slice(0, 300)));
    page.on('response', (response) => {
      if (response.request().method() === 'POST') console.error('POST', response.url(), response.status());
    });
  }
  await logInDemo(page, system);
});
afterAll(async () => {
  // Whatever the page said went wrong, for the log of a failed run.
  const notices = await page?.getByTestId('error-message').allTextContents();
  if (notices?.length) console.error('wallet errors:', notices);
  console.error('wallet status:', await page?.getByTestId('status-message').textContent());
  provider?.destroy();
  await browser?.close();
  await system?.stop();
});

describe('rewards, history, deny and opt-out', () => {
  let rewarded: { request: { id: string } };

  it('claims a reward whose relay failed, with no ETH; shows the transaction hash and block', async () => {
    // Make the merchant's relay fail: the campaign is paused (its flag set in storage, so the relay's
    // nonce is untouched) while the wallet can still read the campaign it checks the request against.
    await setCampaignPaused(true);
    rewarded = await createRequest(system, {
      predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
      purpose: { code: 'loyalty', text: 'Loyalty programme for adults' },
      reward: true,
    });
    await page.getByTestId('refresh-button').click();
    const item = requestItem(page, rewarded.request.id);
    const answerPosted = page.waitForRequest(
      (request) => request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/answers'),
    );
    await item.getByTestId('approve-button').click();
    await item.getByTestId('request-result').waitFor({ timeout: 120_000 });
    const answer = (await answerPosted).postData() ?? '';
    await showScreen(page, 'rewards');
    const unclaimed = page.locator(`[data-testid="unclaimed-item"][data-request-id="${rewarded.request.id}"]`);
    await unclaimed.waitFor();
    await expect(page.getByTestId('reward-balance').textContent()).resolves.toMatch(/^0(\.0+)? /);
    await screenshot(page, 'wallet-reward-unclaimed');

    await setCampaignPaused(false);
    // Eleven minutes later (the merchant's clock and the chain's): the answer's proof is past the
    // merchant's 10-minute window — sending it again is refused — so the wallet proves the claim
    // afresh and the merchant relays it with POST /claims.
    merchantAhead = 11 * 60;
    await provider.send('evm_increaseTime', [11 * 60]);
    await provider.send('evm_mine', []);
    const resent = await fetch(`${system.urls.merchantService}requests/${rewarded.request.id}/answers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: answer,
    });
    expect(resent.status).toBe(422);
    expect(((await resent.json()) as { error: { code: string } }).error.code).toBe('PROOF_MISMATCH');
    const claimPosted = page.waitForRequest(
      (request) => request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/claims'),
    );
    await unclaimed.getByTestId('claim-button').click();
    await unclaimed.locator('[data-testid="claim-progress"][data-step="proving"]').waitFor({ timeout: 60_000 });
    const posted = (await claimPosted).postDataJSON() as { campaignId: string; publicSignals: string[] };
    expect(posted.campaignId).toBe(system.config.campaignId);
    const provedAt = BigInt(posted.publicSignals[2] ?? 0) >> 160n;
    const answeredAt = (await provider.getBlock('latest'))?.timestamp ?? 0;
    expect(Number(provedAt)).toBeLessThan(answeredAt); // proved by the wallet's clock, checked by the chain's
    await page
      .getByTestId('reward-balance')
      .filter({ hasText: /^5(\.0+)? / })
      .waitFor({ timeout: 60_000 });
    const claimItem = page.locator(`[data-testid="claim-item"][data-request-id="${rewarded.request.id}"]`);
    await claimItem.waitFor();
    const txHash = (await claimItem.getAttribute('data-tx-hash')) ?? '';
    expect(txHash).toMatch(/^0x[0-9a-f]{64}$/);
    const receipt = await provider.getTransactionReceipt(txHash);
    await expect.poll(() => claimItem.getByTestId('claim-block').textContent()).toBe(String(receipt?.blockNumber));
    await expect
      .poll(() => page.getByTestId('status-message').textContent())
      .toContain(`(transaction ${txHash.slice(0, 10)}…${txHash.slice(-4)}, block ${receipt?.blockNumber})`);
    await expect(page.getByTestId('claims-count').textContent()).resolves.toBe('1');
    await expect(unclaimed.count()).resolves.toBe(0);
    merchantAhead = 0;
    await screenshotOf(page.getByTestId('rewards-panel'), 'section-rewards-claimed');
  });

  it('revokes an answer: the merchant deletes the record and confirms; the receipt says so', async () => {
    expect(await recordedRequestIds(system)).toContain(rewarded.request.id);
    await showScreen(page, 'history');
    const item = historyItem(page, rewarded.request.id);
    await item.getByTestId('revoke-button').click();
    await expect
      .poll(() => item.getByTestId('history-status').textContent(), { timeout: 120_000 })
      .toMatch(/^revoked, deletion confirmed at .+ \(1 record deleted\)$/);
    await expect(item.getAttribute('data-status')).resolves.toBe('revoked');
    expect(await recordedRequestIds(system)).not.toContain(rewarded.request.id);

    // In the pod: the receipt is marked revoked and the merchant's signed confirmation sits beside it.
    const session = await podSession();
    const urls = decdpUrls(system.demo.podUrl);
    const receiptUrls = (await listContainer({ url: urls.receipts, fetch: session.fetch })).filter((url) =>
      url.endsWith('.json'),
    );
    const receipts = await Promise.all(receiptUrls.map((url) => readJsonDocument({ url, fetch: session.fetch })));
    const revoked = receipts.find((receipt) => (receipt as { requestId: string }).requestId === rewarded.request.id);
    expect(revoked).toMatchObject({ status: 'revoked' });
    const confirmations = await listContainer({ url: `${urls.receipts}confirmations/`, fetch: session.fetch });
    expect(confirmations).toHaveLength(1);
    await session.logout();
  });

  it('"Deny" is recorded in the pod and never answered automatically later', async () => {
    const denied = await createRequest(system, {
      predicates: [{ attribute: 'interest', op: 'in', values: ['cycling', 'running'] }],
      purpose: { code: 'ads', text: 'Show you sports offers' },
    });
    await page.getByTestId('refresh-button').click();
    await showScreen(page, 'requests');
    await requestItem(page, denied.request.id).getByTestId('deny-button').click();
    await showScreen(page, 'history');
    const history = historyItem(page, denied.request.id);
    await history.waitFor();
    await expect(history.getAttribute('data-status')).resolves.toBe('denied');
    await expect(history.getByTestId('history-status').textContent()).resolves.toMatch(/^denied by you/);
    await showScreen(page, 'requests');
    await expect(requestItem(page, denied.request.id).count()).resolves.toBe(0);

    // A setting that would allow it, added later (straight into the pod), answers a new request
    // about interests but never the denied one.
    const session = await podSession();
    const urls = decdpUrls(system.demo.podUrl);
    const denials = await listContainer({ url: `${urls.receipts}denied/`, fetch: session.fetch });
    expect(denials).toHaveLength(1);
    const stored = (await readJsonDocument({ url: denials[0] ?? '', fetch: session.fetch })) as object;
    expect(stored).toMatchObject({ status: 'denied', requestId: denied.request.id, deniedBy: 'person' });
    await writeJsonDocument({
      url: `${urls.policies}allow-interest.json`,
      data: {
        version: 1,
        id: 'allow-interest',
        effect: 'allow',
        label: 'Always prove my interests',
        attributes: ['interest'],
        createdAt: new Date().toISOString(),
      },
      fetch: session.fetch,
    });
    await session.logout();
    const fresh = await createRequest(system, {
      predicates: [{ attribute: 'interest', op: 'in', values: ['cycling', 'running'] }],
      purpose: { code: 'ads', text: 'Show you sports offers' },
    });
    await page.reload();
    await requestItem(page, fresh.request.id).getByTestId('request-result').waitFor({ timeout: 120_000 });
    await expect(requestItem(page, denied.request.id).count()).resolves.toBe(0);
    await showScreen(page, 'history');
    await expect(historyItem(page, denied.request.id).getAttribute('data-status')).resolves.toBe('denied');
    const recorded = await recordedRequestIds(system);
    expect(recorded).toContain(fresh.request.id);
    expect(recorded).not.toContain(denied.request.id);
  });

  it('"Never allow this" denies now and every later request of the same kind', async () => {
    const first = await createRequest(system, {
      predicates: [{ attribute: 'countryOfResidence', op: 'in', values: ['NL', 'BE'] }],
      purpose: { code: 'shipping', text: 'Shipping offers' },
    });
    await page.getByTestId('refresh-button').click();
    await showScreen(page, 'requests');
    await requestItem(page, first.request.id).getByTestId('never-allow-button').click();
    await showScreen(page, 'history');
    await historyItem(page, first.request.id).waitFor();
    await showScreen(page, 'settings');
    await page.locator('[data-testid="policy-item"][data-effect="deny"]').first().waitFor();

    const second = await createRequest(system, {
      predicates: [{ attribute: 'countryOfResidence', op: 'in', values: ['NL', 'BE'] }],
      purpose: { code: 'shipping', text: 'Shipping offers' },
    });
    await page.getByTestId('refresh-button').click();
    await showScreen(page, 'history');
    const auto = historyItem(page, second.request.id);
    await auto.waitFor({ timeout: 30_000 });
    await expect(auto.getByTestId('history-status').textContent()).resolves.toMatch(/^denied by your setting/);
    const recorded = await recordedRequestIds(system);
    expect(recorded).not.toContain(first.request.id);
    expect(recorded).not.toContain(second.request.id);
  });

  it('opting out of an interest stops its proofs and tells the merchant holding it', async () => {
    const shared = page.locator('[data-testid="shared-attribute"][data-attribute="interest"]');
    await expect(shared.textContent()).resolves.toContain('Demo Bike Shop');
    await shared.getByTestId('opt-out-button').click();
    await expect.poll(() => shared.getAttribute('data-opted-out'), { timeout: 120_000 }).toBe('true');
    // The interest answer given earlier is revoked and its record deleted by the merchant.
    await expect
      .poll(() => page.locator('[data-testid="history-item"][data-status="revoked"]').count(), { timeout: 120_000 })
      .toBe(2);
    const interestRecords = (
      (await (
        await fetch(`${system.urls.merchantService}records`, {
          headers: { authorization: `Bearer ${system.operatorToken}` },
        })
      ).json()) as { predicates: string[] }[]
    ).filter((record) => record.predicates.some((words) => words.includes('interest')));
    expect(interestRecords).toEqual([]);

    // The allow setting is still there, but the opt-out wins: a new interest request is denied.
    const later = await createRequest(system, {
      predicates: [{ attribute: 'interest', op: 'in', values: ['cycling', 'running'] }],
      purpose: { code: 'ads', text: 'Show you sports offers' },
    });
    await page.getByTestId('refresh-button').click();
    await historyItem(page, later.request.id).waitFor({ timeout: 30_000 });
    await expect(historyItem(page, later.request.id).getAttribute('data-status')).resolves.toBe('denied');
    expect(await recordedRequestIds(system)).not.toContain(later.request.id);
    await screenshot(page, 'wallet-history');
  });

  it('every main screen: a screenshot that is not blank, named controls, labelled fields, phone width', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const screen of ['requests', 'rewards', 'history', 'credentials', 'settings'] as const) {
      await showScreen(page, screen);
      await screenshotOf(page.locator(`#${screen}`), `section-${screen}`);
    }
    // Every section is reachable from the section links.
    for (const screen of ['requests', 'rewards', 'history', 'credentials', 'settings']) {
      await expect(page.getByTestId('section-nav').getByTestId(`nav-${screen}`).count()).resolves.toBe(1);
    }

    // Screen readers: every button has a name, every field a label, one polite status region.
    const unnamed = await page.evaluate(() => {
      const problems: string[] = [];
      for (const button of document.querySelectorAll('button')) {
        const name = (button.getAttribute('aria-label') ?? button.textContent ?? '').trim();
        if (!name) problems.push(`button without a name: ${button.outerHTML.slice(0, 80)}`);
      }
      for (const field of document.querySelectorAll('input, select, textarea')) {
        const input = field as HTMLInputElement;
        if (input.type === 'hidden') continue;
        if (!input.labels?.length && !input.getAttribute('aria-label')) {
          problems.push(`field without a label: ${input.outerHTML.slice(0, 80)}`);
        }
      }
      return problems;
    });
    expect(unnamed).toEqual([]);
    await expect(page.locator('[role="status"][aria-live="polite"]').count()).resolves.toBe(1);

    // Phone width: nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'wallet-phone-history');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
