// "Let this shop send requests to my pod", offered with an answer (issue 15; docs/wallet.md
// "Connect this shop"): the approve step offers it unchecked, in plain words (a pod address can
// identify the person; links and QR codes stay the default). Approved without it, the shop gets no
// inbox; approved with it, the wallet connects the shop exactly as the Connect screen does — its own
// unguessable inbox, handed over with POST /inboxes — and the shop's next request, delivered there
// by the merchant service itself, shows in the wallet without a reload.
import { connectedInboxId } from '@decdp/sdk/merchant';
import { listMerchantInboxes } from '@decdp/sdk/pod';
import { loginWithClientCredentials, type PodSession } from '@decdp/sdk/pod/node';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { sharedSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { createRequest, logInDemo, requestItem, screenshotOf } from './walletPage.ts';

let system: System;
let browser: Browser;
let wallet: Page;
let owner: PodSession;
/** The bike shop's requests, made before the page opens (the page lists them from the shop). */
let withoutChoice: string;
let withChoice: string;
/** Inboxes the page handed to a shop (POST /inboxes), in order. */
const handedOver: string[] = [];
/** The page's reads of the shop's public list (GET /requests). */
let shopListReads = 0;

/** The person's inboxes the bike shop holds (its operator route GET /inboxes). */
async function shopHoldsForPerson(): Promise<{ id: string; inbox: string }[]> {
  const response = await fetch(`${system.urls.merchantService}inboxes`, {
    headers: { authorization: `Bearer ${system.operatorToken}` },
  });
  expect(response.status).toBe(200);
  const inboxes = (await response.json()) as { id: string; inbox: string }[];
  return inboxes.filter((box) => box.inbox.startsWith(system.demo.podUrl));
}

async function approveIn(id: string, letReach: boolean): Promise<void> {
  const card = requestItem(wallet, id);
  await card.waitFor({ timeout: 60_000 });
  const choice = card.getByTestId('connect-with-answer');
  await choice.waitFor({ timeout: 30_000 });
  // Offered unchecked: link and QR code delivery stays the default.
  expect(await choice.isChecked()).toBe(false);
  if (letReach) await choice.check();
  await card.getByTestId('approve-button').click({ timeout: 60_000 });
  await card.getByTestId('request-result').waitFor({ timeout: 120_000 });
}

beforeAll(async () => {
  system = await sharedSystem();
  browser = await launchChromium();
  owner = await loginWithClientCredentials(system.demo.login);
  // Requests first: the page lists the shop's open requests when it loads.
  const made = await Promise.all(
    ['without', 'with'].map((which) =>
      createRequest(system, {
        predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
        purpose: { code: 'age-check', text: `Connect ${which} the answer` },
      }),
    ),
  );
  [withoutChoice, withChoice] = made.map((signed) => signed.request.id) as [string, string];
  wallet = await browser.newPage();
  wallet.on('pageerror', (error) => console.error('page error:', error.message));
  wallet.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (request.method() === 'POST' && path.endsWith('/inboxes')) {
      handedOver.push((request.postDataJSON() as { inbox: string }).inbox);
    }
    if (request.method() === 'GET' && request.url().startsWith(system.urls.merchantService) && path === '/requests') {
      shopListReads += 1;
    }
  });
  await logInDemo(wallet, system);
});
afterAll(async () => {
  // The shop forgets the inbox (DELETE /inboxes/:id), so other files' deliveries never reach it.
  for (const { id } of await shopHoldsForPerson().catch(() => [])) {
    await fetch(`${system.urls.merchantService}inboxes/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${system.operatorToken}` },
    });
  }
  await owner?.logout();
  await browser?.close();
  await system?.stop();
});

describe('let this shop reach me, offered with an answer', () => {
  it('says in plain words what connecting gives away, unchecked; approved without it, the shop gets no inbox', async () => {
    const card = requestItem(wallet, withoutChoice);
    await card.waitFor({ timeout: 60_000 });
    const words = (await card.locator('.connect-choice').textContent()) ?? '';
    expect(words).toContain('Also let Demo Bike Shop send requests to my pod');
    expect(words).toContain('A pod address can identify you');
    expect(words).toMatch(/only by link or QR code, which tells it nothing about you/);
    await screenshotOf(card, 'wallet-connect-with-answer');
    await approveIn(withoutChoice, false);
    expect(handedOver).toEqual([]);
    expect(await shopHoldsForPerson()).toEqual([]);
    expect(await listMerchantInboxes({ podUrl: system.demo.podUrl, fetch: owner.fetch }).catch(() => [])).toEqual([]);
  });

  it('approved with it, connects the shop as the Connect screen does, and the shop’s next request arrives', async () => {
    await approveIn(withChoice, true);
    await expect
      .poll(() => listMerchantInboxes({ podUrl: system.demo.podUrl, fetch: owner.fetch }), { timeout: 60_000 })
      .toHaveLength(1);
    const [inbox] = await listMerchantInboxes({ podUrl: system.demo.podUrl, fetch: owner.fetch });
    expect(inbox?.merchant.address).toBe(system.merchants[0]?.address);
    // Its own fresh 128-bit inbox, handed to this shop only, which now holds it.
    expect(inbox?.inbox).toMatch(/\/decdp\/inboxes\/[0-9a-f]{32}\/$/);
    expect(handedOver).toEqual([inbox?.inbox]);
    expect(await shopHoldsForPerson()).toEqual([{ id: connectedInboxId(inbox?.inbox ?? ''), inbox: inbox?.inbox }]);

    // The shop delivers its next request to that inbox (its own Solid login): shown without a
    // reload, and not from the shop's public list (the page does not read it meanwhile).
    const listReadsBefore = shopListReads;
    const next = await createRequest(system, {
      predicates: [{ attribute: 'age', op: 'gte', value: 21 }],
      purpose: { code: 'age-check', text: 'Delivered to the inbox' },
    });
    const delivered = await fetch(`${system.urls.merchantService}requests/${next.request.id}/deliveries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${system.operatorToken}` },
      body: JSON.stringify({ inbox: connectedInboxId(inbox?.inbox ?? '') }),
    });
    expect(await delivered.json()).toEqual({ delivered: 1, closed: 0, failed: 0 });
    const shown = requestItem(wallet, next.request.id);
    await shown.waitFor({ timeout: 60_000 });
    // Connected now: the choice is not offered again for this shop.
    await shown.getByTestId('approve-button').waitFor({ timeout: 60_000 });
    expect(await shown.getByTestId('connect-with-answer').count()).toBe(0);
    expect(shopListReads).toBe(listReadsBefore);
  });
});
