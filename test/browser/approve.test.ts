import { createPodAccount, readJsonDocument } from '@decdp/sdk/pod';
import { loginWithClientCredentials } from '@decdp/sdk/pod/node';
import { makeHolder } from '@decdp/sdk/testing';
import { walletKeysFromPhrase } from '@decdp/sdk/wallet';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { sharedSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { campaignClaims, logInDemo, screenshot, showScreen } from './walletPage.ts';

let system: System;
let browser: Browser;
/** The wallet page, logged in by the first test and reused by the next ones. */
let wallet: Page;

async function createRequest(body: Record<string, unknown>): Promise<{ request: { id: string } }> {
  const response = await fetch(`${system.urls.merchantService}requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${system.operatorToken}` },
    body: JSON.stringify({ purpose: { code: 'test', text: 'Browser test' }, retentionDays: 30, ...body }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { request: { id: string } };
}

beforeAll(async () => {
  system = await sharedSystem();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe('wallet: approve → proof in the browser → reward', () => {
  it('clicks through the whole flow', async () => {
    const created = await fetch(`${system.urls.merchantService}requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${system.operatorToken}` },
      body: JSON.stringify({
        predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
        purpose: { code: 'age-check', text: 'Sell e-bikes to adults' },
        retentionDays: 30,
        reward: true,
      }),
    });
    expect(created.status).toBe(201);
    const { request: rewarded } = (await created.json()) as { request: { id: string } };
    const claimsBefore = await campaignClaims(system);

    const page = await browser.newPage();
    wallet = page;
    page.on('pageerror', (error) => console.error('page error:', error.message));
    // The Community Solid Server's own login and consent pages, then (a new device: the pod holds
    // no secret) the recovery phrase.
    await logInDemo(page, system);
    await showScreen(page, 'credentials');
    await screenshot(page, 'wallet-credentials');
    await showScreen(page, 'requests');
    const request = page.locator(`[data-testid="request-item"][data-request-id="${rewarded.id}"]`);
    await request.waitFor({ timeout: 30_000 });
    await expect(request.textContent()).resolves.toMatch(/18/);
    await expect(request.textContent()).resolves.not.toMatch(/\b34\b/);
    await request.getByTestId('approve-button').click();
    await page
      .getByTestId('reward-balance')
      .filter({ hasText: /5(\.0+)?\b/ })
      .waitFor({ timeout: 120_000 });
    await screenshot(page, 'wallet-reward');

    const merchant = await browser.newPage();
    await merchant.goto(`${system.urls.merchant}#/records`);
    const row = merchant.locator(`[data-testid="record-row"][data-request-id="${rewarded.id}"]`);
    await row.waitFor({ timeout: 30_000 });
    // The proven predicates name the threshold, never the value (the row also holds hashes and
    // times, where any digits may appear, so check the predicate cell).
    const predicates = (await row.getByTestId('record-predicates').textContent()) ?? '';
    expect(predicates).toContain('age ≥ 18');
    expect(predicates).not.toMatch(/\b34\b/);
    // One more reward paid than before this answer (the system is shared with other files).
    await expect.poll(() => merchant.getByTestId('aggregate-rewarded').textContent()).toBe(String(claimsBefore + 1));
    await screenshot(merchant, 'merchant-records');
  });

  it('standing policies answer for the person: yes to "age ≥ 18", no to location, never a warned request', async () => {
    const page = wallet;
    await showScreen(page, 'settings');
    await page.getByTestId('add-policy-adults').click();
    await page.getByTestId('add-policy-no-location').click();
    await expect.poll(() => page.getByTestId('policy-item').count(), { timeout: 15_000 }).toBe(2);

    const adult = await createRequest({ predicates: [{ attribute: 'age', op: 'gte', value: 18 }] });
    const location = await createRequest({ predicates: [{ attribute: 'countryOfResidence', op: 'eq', value: 'NL' }] });
    const exact = await createRequest({ predicates: [{ attribute: 'age', op: 'eq', value: 34 }] });
    await page.getByTestId('refresh-button').click();
    await showScreen(page, 'requests');

    const approved = page.locator(`[data-testid="request-item"][data-request-id="${adult.request.id}"]`);
    await approved.getByTestId('request-result').waitFor({ timeout: 120_000 });
    await showScreen(page, 'settings');
    await page.locator('[data-testid="automatic-answer"][data-decision="approve"]').first().waitFor();
    await page.locator('[data-testid="automatic-answer"][data-decision="deny"]').first().waitFor();
    // Denied by the setting: gone from the requests, recorded as denied in the history.
    await showScreen(page, 'history');
    await page
      .locator(`[data-testid="history-item"][data-status="denied"][data-request-id="${location.request.id}"]`)
      .waitFor();
    await showScreen(page, 'requests');
    await expect(
      page.locator(`[data-testid="request-item"][data-request-id="${location.request.id}"]`).count(),
    ).resolves.toBe(0);
    const warned = page.locator(`[data-testid="request-item"][data-request-id="${exact.request.id}"]`);
    await warned.getByTestId('request-warning').waitFor();
    await expect(warned.getAttribute('data-state')).resolves.toBe('open');
    await screenshot(page, 'wallet-policies');

    // Phone width: everything fits, nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'wallet-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 720 });

    // The merchant recorded the approved answer and nothing for the denied one.
    const recordsResponse = await fetch(`${system.urls.merchantService}records`, {
      headers: { authorization: `Bearer ${system.operatorToken}` },
    });
    const records = (await recordsResponse.json()) as { requestId: string }[];
    const ids = records.map((record) => record.requestId);
    expect(ids).toContain(adult.request.id);
    expect(ids).not.toContain(location.request.id);
    expect(ids).not.toContain(exact.request.id);
  });

  it('credentials: add a self-declared interest, refuse an import issued to someone else, delete', async () => {
    const page = wallet;
    await showScreen(page, 'credentials');
    // The demo person holds seeded credentials: count once the pod's list has been read.
    await page.getByTestId('credential-item').first().waitFor();
    const before = await page.getByTestId('credential-item').count();
    await page.getByTestId('declare-attribute').selectOption('interest');
    await page.getByTestId('declare-value').fill('running');
    await page.getByTestId('declare-button').click();
    const declared = page.getByTestId('credential-item').filter({ hasText: 'running' });
    await declared.waitFor();
    await expect(declared.textContent()).resolves.toContain('self-declared');

    const stranger = await makeHolder({ holderSecret: 42n });
    await page.getByTestId('credential-import').setInputFiles({
      name: 'credential.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(stranger.credentials[0])),
    });
    await page.getByTestId('error-message').filter({ hasText: 'issued to someone else' }).waitFor();
    await expect(page.getByTestId('credential-item').count()).resolves.toBe(before + 1);
    await screenshot(page, 'wallet-credentials-manage');

    // A delete is held a few seconds behind an Undo toast (shared/ui/heldActions.tsx), then done.
    await declared.getByTestId('credential-delete').click();
    await expect.poll(() => page.getByTestId('credential-item').count(), { timeout: 30_000 }).toBe(before);
  });

  it('first run: a new person creates a wallet; the pod gets the containers, owner-only, and no secret', async () => {
    const person = await createPodAccount({
      baseUrl: system.urls.solid,
      email: 'newcomer@decdp.local',
      password: 'newcomer-password-1',
      podName: 'newcomer',
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(system.urls.wallet);
    // First visit: what a pod, a proof, a pseudonym, the reward token and the recovery phrase are,
    // in five short steps; every term opens the glossary.
    await page.getByTestId('welcome').waitFor();
    await screenshot(page, 'wallet-welcome');
    for (let step = 1; step < 5; step++) await page.getByTestId('welcome-next').click();
    await page.getByTestId('welcome-step').getByTestId('glossary-term').first().click();
    const glossary = page.getByTestId('glossary');
    await glossary.waitFor();
    await expect(glossary.textContent()).resolves.toContain('Twelve words that are your wallet');
    await screenshot(page, 'wallet-glossary');
    await page.getByTestId('glossary-close').click();
    await glossary.waitFor({ state: 'hidden' });
    await page.getByTestId('welcome-done').click();
    await page.getByTestId('welcome').waitFor({ state: 'detached' });
    await page.getByTestId('login-button').click();
    await page.locator('input[name="email"], #email').first().fill('newcomer@decdp.local');
    await page.locator('input[name="password"], #password').first().fill('newcomer-password-1');
    await page.locator('button[type="submit"]').first().click();
    await page.getByRole('button', { name: /authorize/i }).click({ timeout: 30_000 });

    const phrase = (await page.getByTestId('recovery-phrase').textContent({ timeout: 60_000 })) ?? '';
    expect(phrase.trim().split(/\s+/)).toHaveLength(12);
    await screenshot(page, 'wallet-first-run');
    await page.getByTestId('phrase-confirmed').check();
    await page.getByTestId('create-wallet-button').click();
    await page.getByTestId('wallet-setup').waitFor({ state: 'detached' });
    const keys = await walletKeysFromPhrase(phrase);
    await expect.poll(() => page.getByTestId('recipient').getAttribute('data-value')).toBe(keys.recipient);
    // The address is shown short, with a copy button: never the raw 42 characters as the main text.
    await expect(page.getByTestId('recipient').textContent()).resolves.not.toBe(keys.recipient);
    await page.getByTestId('recipient-copy').waitFor();

    // What the pod holds: the commitment and the address, never the secret; closed to others.
    const session = await loginWithClientCredentials({
      oidcIssuer: system.urls.solid,
      clientId: person.clientId,
      clientSecret: person.clientSecret,
    });
    const stored = await readJsonDocument({ url: `${person.podUrl}decdp/wallet.json`, fetch: session.fetch });
    expect(Object.keys(stored as object).sort()).toEqual(['commitment', 'createdAt', 'recipient', 'version']);
    expect(JSON.stringify(stored)).not.toContain(keys.holderSecret.toString());
    for (const container of ['credentials/', 'requests/', 'receipts/', 'policies/']) {
      expect((await session.fetch(`${person.podUrl}decdp/${container}`, { method: 'HEAD' })).status).toBe(200);
      expect((await fetch(`${person.podUrl}decdp/${container}`)).status).toBe(401);
    }
    await session.logout();

    // A reload keeps the wallet unlocked on this device; logging out forgets it.
    await page.reload();
    await expect
      .poll(() => page.getByTestId('recipient').getAttribute('data-value'), { timeout: 30_000 })
      .toBe(keys.recipient);
    await expect(page.getByTestId('wallet-restore').count()).resolves.toBe(0);
    await context.close();
  });
});
