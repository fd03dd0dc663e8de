// Actions that cannot be taken back wait a few seconds behind an Undo toast (app/src/shared/ui/
// heldActions.tsx), in a real browser against the real Solid server, anvil and merchant service:
// Undo really keeps the revocation from reaching the merchant (no POST /revocations, the record
// stays); a reload during the hold sends nothing and the page says so; not undoing sends it and the
// merchant deletes the record.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { startOwnSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { createRequest, logInDemo, recordedRequestIds, requestItem, screenshot, showScreen } from './walletPage.ts';

/** The hold (HOLD_SECONDS in heldActions.tsx) and some room: after this, a held action was done or never will be. */
const PAST_THE_HOLD_MS = 5_000 + 3_000;

let system: System;
let browser: Browser;
let page: Page;
let answered: { request: { id: string } };
/** Revocations the page sent to the merchant (from the page or its prover worker). */
const revocationsSent: string[] = [];

function historyItem(requestId: string) {
  return page.locator(`[data-testid="history-item"][data-request-id="${requestId}"]`);
}

beforeAll(async () => {
  system = await startOwnSystem();
  browser = await launchChromium();
  const context = await browser.newContext();
  context.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/revocations')) {
      revocationsSent.push(request.url());
    }
  });
  page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await logInDemo(page, system);
  answered = await createRequest(system, {
    predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
    purpose: { code: 'undo', text: 'Undo test' },
  });
  await page.getByTestId('refresh-button').click();
  const item = requestItem(page, answered.request.id);
  await item.getByTestId('approve-button').click({ timeout: 60_000 });
  await item.getByTestId('request-result').waitFor({ timeout: 120_000 });
  expect(await recordedRequestIds(system)).toContain(answered.request.id);
});
afterAll(async () => {
  const notices = await page?.getByTestId('error-message').allTextContents();
  if (notices?.length) console.error('wallet errors:', notices);
  await browser?.close();
  await system?.stop();
});

describe('revoke waits behind Undo', () => {
  it('Undo: nothing reaches the merchant, the answer stays active', async () => {
    await showScreen(page, 'history');
    const item = historyItem(answered.request.id);
    // By keyboard, as everything else: Enter on Revoke; focus goes to the toast's Undo.
    await item.getByTestId('revoke-button').focus();
    await page.keyboard.press('Enter');
    const toast = page.getByTestId('held-toast');
    await toast.waitFor();
    await expect(toast.textContent()).resolves.toContain('Revoking your answer to Demo Bike Shop');
    await screenshot(page, 'wallet-revoke-undo-toast');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    await expect.poll(focused).toBe('undo-button');
    await page.keyboard.press('Enter');
    await toast.waitFor({ state: 'detached' });

    await page.waitForTimeout(PAST_THE_HOLD_MS);
    expect(revocationsSent).toEqual([]);
    expect(await recordedRequestIds(system)).toContain(answered.request.id);
    await expect(item.getAttribute('data-status')).resolves.toBe('active');
  });

  it('a reload during the hold sends nothing, and the page says so', async () => {
    const item = historyItem(answered.request.id);
    await item.getByTestId('revoke-button').click();
    await page.getByTestId('held-toast').waitFor();
    await page.reload();

    const notice = page.getByTestId('held-interrupted');
    await notice.waitFor({ timeout: 60_000 });
    await expect(notice.textContent()).resolves.toContain('Not sent');
    await expect(notice.getByTestId('held-interrupted-item').textContent()).resolves.toContain('Demo Bike Shop');
    await page.waitForTimeout(PAST_THE_HOLD_MS);
    expect(revocationsSent).toEqual([]);
    expect(await recordedRequestIds(system)).toContain(answered.request.id);
    await showScreen(page, 'history');
    await expect
      .poll(() => historyItem(answered.request.id).getAttribute('data-status'), { timeout: 60_000 })
      .toBe('active');
    await notice.getByTestId('held-interrupted-dismiss').click();
    await notice.waitFor({ state: 'detached' });
  });

  it('not undoing: after the hold the revocation is sent and the merchant deletes the record', async () => {
    const item = historyItem(answered.request.id);
    await item.getByTestId('revoke-button').click();
    await page.getByTestId('held-toast').waitFor();
    // Held: not sent yet.
    expect(revocationsSent).toEqual([]);
    await expect
      .poll(() => item.getByTestId('history-status').textContent(), { timeout: 120_000 })
      .toMatch(/^revoked, deletion confirmed at .+ \(1 record deleted\)$/);
    expect(revocationsSent).toHaveLength(1);
    expect(await recordedRequestIds(system)).not.toContain(answered.request.id);
  });
});
