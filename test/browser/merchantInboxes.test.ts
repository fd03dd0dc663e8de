// The merchant page lists the inboxes people connected to the shop and forgets one (docs/merchant.md
// "Connected inboxes"): the person connects the bike shop with the wallet's own code, the operator
// sees the inbox on the Requests screen and clicks Forget; the shop then holds it no more, a
// delivery to it is refused with INBOX_NOT_CONNECTED, and the person's pod is untouched.
import { connectedInboxId } from '@decdp/sdk/merchant';
import { listMerchantInboxes } from '@decdp/sdk/pod';
import { loginWithClientCredentials, type PodSession } from '@decdp/sdk/pod/node';
import { connectMerchant } from '@decdp/sdk/wallet';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { sharedSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { createRequest, screenshotOf } from './walletPage.ts';

let system: System;
let browser: Browser;
let owner: PodSession;

const operator = (path: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(new URL(path, system.urls.merchantService), {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${system.operatorToken}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });

beforeAll(async () => {
  system = await sharedSystem();
  browser = await launchChromium();
  owner = await loginWithClientCredentials(system.demo.login);
});
afterAll(async () => {
  await owner?.logout();
  await browser?.close();
  await system?.stop();
});

describe('merchant page: connected inboxes', () => {
  it('lists an inbox a person connected and forgets it: no delivery reaches it after', async () => {
    const { inbox } = await connectMerchant({
      merchantUrl: system.urls.merchantService,
      podUrl: system.demo.podUrl,
      webId: system.demo.webId,
      fetch: owner.fetch,
    });
    const id = connectedInboxId(inbox);

    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    // The first load of the page makes Vite compile it (dev server); on a busy machine that is slow.
    await page.goto(`${system.urls.merchant}#/requests`, { timeout: 120_000 });
    const row = page.locator(`[data-testid="connected-inbox"][data-inbox-id="${id}"]`);
    await row.waitFor({ timeout: 60_000 });
    expect(await row.textContent()).toContain(inbox);
    await screenshotOf(page.getByTestId('connected-inboxes'), 'merchant-connected-inboxes');

    await row.getByTestId('forget-inbox-button').click();
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    const held = (await (await operator('inboxes')).json()) as { id: string }[];
    expect(held.map((each) => each.id)).not.toContain(id);

    const next = await createRequest(system, { predicates: [{ attribute: 'age', op: 'gte', value: 18 }] });
    const refused = await operator(`requests/${next.request.id}/deliveries`, { method: 'POST', body: { inbox: id } });
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('INBOX_NOT_CONNECTED');
    // The person's own inbox is theirs: still open in the pod until they close it.
    expect(
      (await listMerchantInboxes({ podUrl: system.demo.podUrl, fetch: owner.fetch })).map((box) => box.inbox),
    ).toEqual([inbox]);
    // After a reload the page lists it no more.
    await page.reload();
    const section = page.getByTestId('connected-inboxes');
    await section.waitFor({ timeout: 60_000 });
    await section.getByText('Reading the connected inboxes…').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await row.count()).toBe(0);
  });
});
