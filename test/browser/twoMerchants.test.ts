// Two merchants as `npm start` runs them, one person in the wallet page: a bookshop request opened
// by a link, one opened from the QR code on the bookshop's own page, one delivered to the pod
// inbox and shown without a reload (Solid Notifications), spam in the inbox discarded while the
// real request still shows; the answer goes to the bookshop (the service the request names), never
// the configured bike shop.

import { deliverRequest } from '@decdp/sdk/merchant';
import { createPodAccount, decdpUrls, listContainer } from '@decdp/sdk/pod';
import { loginWithClientCredentials, type PodSession } from '@decdp/sdk/pod/node';
import type { SignedRequest } from '@decdp/sdk/protocol';
import { requestLink } from '@decdp/sdk/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { startOwnSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { logInDemo, requestItem, screenshot } from './walletPage.ts';

let system: System;
let browser: Browser;
let wallet: Page;
let bookshopSolid: PodSession;
const bookshop = () => system.merchants[1] as System['merchants'][0];

async function bookshopRequest(body: Record<string, unknown>): Promise<SignedRequest> {
  const response = await fetch(`${bookshop().service}requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bookshop().operatorToken}` },
    body: JSON.stringify({ purpose: { code: 'books', text: 'Book club for adults' }, retentionDays: 30, ...body }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as SignedRequest;
}

beforeAll(async () => {
  system = await startOwnSystem();
  browser = await launchChromium();
  // The bookshop's own Solid account: it delivers to inboxes with its own login.
  const account = await createPodAccount({
    baseUrl: system.urls.solid,
    email: 'bookshop@decdp.test',
    password: 'bookshop-pw-1',
    podName: 'bookshop',
  });
  bookshopSolid = await loginWithClientCredentials({
    oidcIssuer: system.urls.solid,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
  });
  wallet = await browser.newPage();
  await logInDemo(wallet, system);
});
afterAll(async () => {
  await bookshopSolid?.logout();
  await browser?.close();
  await system?.stop();
});

describe('two merchants: requests reach the wallet without a central list', () => {
  it('opens a bookshop request from a link and sends the answer to the bookshop', async () => {
    const signed = await bookshopRequest({ predicates: [{ attribute: 'age', op: 'gte', value: 18 }] });
    // The bookshop lists nothing publicly: only the link brings this request.
    expect((await fetch(`${bookshop().service}requests`)).status).toBe(401);
    await wallet.goto(requestLink({ walletUrl: system.urls.wallet, signedRequest: signed }));
    const item = requestItem(wallet, signed.request.id);
    await item.waitFor({ timeout: 60_000 });
    expect(await item.textContent()).toContain('Demo Bookshop');
    await item.getByTestId('approve-button').click();
    await item.getByTestId('request-result').waitFor({ timeout: 120_000 });
    const records = (await (
      await fetch(`${bookshop().service}records`, {
        headers: { authorization: `Bearer ${bookshop().operatorToken}` },
      })
    ).json()) as { requestId: string }[];
    expect(records.map((record) => record.requestId)).toContain(signed.request.id);
    const bikeRecords = (await (
      await fetch(`${system.urls.merchantService}records`, {
        headers: { authorization: `Bearer ${system.operatorToken}` },
      })
    ).json()) as { requestId: string }[];
    expect(bikeRecords.map((record) => record.requestId)).not.toContain(signed.request.id);
  });

  it('opens a request from the QR code on the bookshop page', async () => {
    const signed = await bookshopRequest({
      predicates: [{ attribute: 'countryOfResidence', op: 'in', values: ['NL', 'BE'] }],
    });
    const page = await browser.newPage();
    await page.goto(bookshop().page);
    const qr = page.locator(`[data-testid="merchant-request-item"][data-request-id="${signed.request.id}"]`);
    const image = qr.getByTestId('request-qr');
    await image.waitFor({ timeout: 60_000 });
    const payload = (await image.getAttribute('data-link')) ?? '';
    expect(payload).toContain('#request-url=');
    await screenshot(page, 'bookshop-request-qr');
    await page.close();
    // What a phone camera would open: the QR payload.
    await wallet.goto(payload);
    await requestItem(wallet, signed.request.id).waitFor({ timeout: 60_000 });
  });

  it('shows a request delivered to the pod inbox without a reload, and discards inbox spam', async () => {
    const signed = await bookshopRequest({ predicates: [{ attribute: 'age', op: 'gte', value: 21 }] });
    const inbox = decdpUrls(system.demo.podUrl).inbox;
    // Spam first: unsigned junk from the same logged-in agent.
    const junk = await bookshopSolid.fetch(inbox, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request: { id: 'junk' }, signature: '0x00' }),
    });
    expect(junk.status).toBe(201);
    const started = performance.now();
    await deliverRequest({ inbox, signedRequest: signed, fetch: bookshopSolid.fetch });
    await requestItem(wallet, signed.request.id).waitFor({ timeout: 60_000 });
    console.log(`inbox delivery → shown in the wallet: ${Math.round(performance.now() - started)} ms`);
    await screenshot(wallet, 'wallet-inbox-delivery');
    // The junk was deleted by the wallet's read; the real request stays in the inbox.
    const owner = await loginWithClientCredentials(system.demo.login);
    try {
      await expect
        .poll(async () => (await listContainer({ url: inbox, fetch: owner.fetch })).length, { timeout: 30_000 })
        .toBe(1);
    } finally {
      await owner.logout();
    }
  });
});
