// "Connect this shop" in the wallet page (docs/wallet.md): opened from the shop's own link, it
// says in plain words that the pod address can identify the person and that links stay the
// default, connects only on the person's click — a fresh unguessable inbox that strangers cannot
// read, handed to that shop alone — shows what the shop then delivers there without a reload, and
// closes it from Settings so the shop can deliver no more. A link naming no shop is refused.
import { randomBytes } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import { deliverRequest } from '@decdp/sdk/merchant';
import { createPodAccount, listMerchantInboxes } from '@decdp/sdk/pod';
import { loginWithClientCredentials, type PodSession } from '@decdp/sdk/pod/node';
import type { SignedRequest } from '@decdp/sdk/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { sharedSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { logInDemo, requestItem, screenshot, showScreen } from './walletPage.ts';

let system: System;
let browser: Browser;
let wallet: Page;
/** The bookshop's own Solid login (it delivers with it) and a stranger's. */
let bookshopSolid: PodSession;
let stranger: PodSession;
let owner: PodSession;
const bookshop = () => system.merchants.find((shop) => shop.id === 'bookshop') as System['merchants'][0];
const handedOver: string[] = [];

async function solidLogin(role: string): Promise<PodSession> {
  // Unique on a Solid server other test files share.
  const name = `${role}-${randomBytes(4).toString('hex')}`;
  const account = await createPodAccount({
    baseUrl: system.urls.solid,
    email: `${name}@decdp.test`,
    password: `${name}-pw-1`,
    podName: name,
  });
  return loginWithClientCredentials({
    oidcIssuer: system.urls.solid,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
  });
}

async function bookshopRequest(): Promise<SignedRequest> {
  const response = await fetch(`${bookshop().service}requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bookshop().operatorToken}` },
    body: JSON.stringify({
      purpose: { code: 'books', text: 'Book club for adults' },
      retentionDays: 30,
      predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
    }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as SignedRequest;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help}`);
}

beforeAll(async () => {
  system = await sharedSystem();
  browser = await launchChromium();
  bookshopSolid = await solidLogin('bookshop');
  stranger = await solidLogin('stranger');
  owner = await loginWithClientCredentials(system.demo.login);
  const context = await browser.newContext();
  wallet = await context.newPage();
  wallet.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/inboxes')) {
      handedOver.push((request.postDataJSON() as { inbox: string }).inbox);
    }
  });
  await logInDemo(wallet, system);
});
afterAll(async () => {
  await bookshopSolid?.logout();
  await stranger?.logout();
  await owner?.logout();
  await browser?.close();
  await system?.stop();
});

describe('connect this shop', () => {
  it('refuses a link that names no shop, and connects nothing', async () => {
    await wallet.goto(`${system.urls.wallet}#/connect?merchant=${encodeURIComponent('javascript:alert(1)')}`);
    await wallet.getByTestId('connect-failed').waitFor({ timeout: 30_000 });
    expect(await wallet.getByTestId('connect-button').count()).toBe(0);
    // A real server that is not a shop (the Solid server) is refused the same way.
    await wallet.goto(`${system.urls.wallet}#/connect?merchant=${encodeURIComponent(system.urls.solid)}`);
    await expect
      .poll(() => wallet.getByTestId('connect-failed').textContent(), { timeout: 30_000 })
      .toContain('does not answer as a DeCDP shop');
    expect(await listMerchantInboxes({ podUrl: system.demo.podUrl, fetch: owner.fetch }).catch(() => [])).toEqual([]);
  });

  it('opens from the shop’s link, warns in plain words, and connects only on the click', async () => {
    const shopPage = await browser.newPage();
    await shopPage.goto(bookshop().page);
    const link = shopPage.getByTestId('connect-shop-link');
    await link.waitFor({ timeout: 60_000 });
    const href = (await link.getAttribute('href')) ?? '';
    await shopPage.close();
    expect(href).toContain('#/connect?merchant=');

    await wallet.goto(href);
    const shop = wallet.getByTestId('connect-shop');
    await shop.waitFor({ timeout: 30_000 });
    expect(await shop.getAttribute('data-merchant')).toBe(bookshop().address);
    const warning = (await wallet.getByTestId('connect-warning').textContent()) ?? '';
    expect(warning).toContain('can identify you');
    expect(warning).toContain(system.demo.podUrl);
    expect(warning).toMatch(/links and QR codes reach you without any connection/);
    expect(await seriousViolations(wallet)).toEqual([]);
    await screenshot(wallet, 'wallet-connect-shop');
    // Opening the link did nothing yet.
    expect(handedOver).toEqual([]);
    expect(await listMerchantInboxes({ podUrl: system.demo.podUrl, fetch: owner.fetch }).catch(() => [])).toEqual([]);

    await wallet.getByTestId('connect-button').click();
    const connected = wallet.locator(`[data-testid="connected-shop"][data-merchant="${bookshop().address}"]`);
    await connected.waitFor({ timeout: 30_000 });
    await wallet.getByTestId('connect-already').waitFor();
    const [inbox] = await listMerchantInboxes({ podUrl: system.demo.podUrl, fetch: owner.fetch });
    expect(inbox?.merchant.address).toBe(bookshop().address);
    // A fresh 128-bit id, handed to this shop only.
    expect(inbox?.inbox).toMatch(/\/decdp\/inboxes\/[0-9a-f]{32}\/$/);
    expect(handedOver).toEqual([inbox?.inbox]);
    expect(await connected.getAttribute('data-inbox')).toBe(inbox?.inbox);
    // Strangers cannot read or list it.
    const peek = await stranger.fetch(inbox?.inbox ?? '');
    expect([401, 403]).toContain(peek.status);
  });

  it('shows what the shop delivers to its own inbox without a reload', async () => {
    const [inbox] = await listMerchantInboxes({ podUrl: system.demo.podUrl, fetch: owner.fetch });
    await showScreen(wallet, 'requests');
    const signed = await bookshopRequest();
    await deliverRequest({ inbox: inbox?.inbox ?? '', signedRequest: signed, fetch: bookshopSolid.fetch });
    await requestItem(wallet, signed.request.id).waitFor({ timeout: 30_000 });
  });

  it('closes the shop’s address from Settings: the shop can deliver no more', async () => {
    const [inbox] = await listMerchantInboxes({ podUrl: system.demo.podUrl, fetch: owner.fetch });
    await showScreen(wallet, 'settings');
    const connected = wallet.locator(`[data-testid="connected-shop"][data-merchant="${bookshop().address}"]`);
    await connected.waitFor({ timeout: 30_000 });
    expect(await seriousViolations(wallet)).toEqual([]);
    await connected.getByTestId('close-shop-button').click();
    await wallet.getByTestId('no-connected-shops').waitFor({ timeout: 30_000 });
    expect(await listMerchantInboxes({ podUrl: system.demo.podUrl, fetch: owner.fetch })).toEqual([]);
    const gone = await owner.fetch(inbox?.inbox ?? '');
    expect(gone.status).toBe(404);
    await expect(
      deliverRequest({ inbox: inbox?.inbox ?? '', signedRequest: await bookshopRequest(), fetch: bookshopSolid.fetch }),
    ).rejects.toThrow();
    // Settings reaches the connect screen too; after a reload nothing is connected.
    await wallet.reload();
    await showScreen(wallet, 'settings');
    await wallet.getByTestId('no-connected-shops').waitFor({ timeout: 60_000 });
    await wallet.getByTestId('connect-a-shop-link').click();
    await wallet.getByTestId('connect-shop-url').waitFor();
  });
});
