// The pages as a person meets them, in a real browser against the real system:
// - the wallet makes the proof while the person reads the request (app/src/wallet/preparedProofs.ts)
//   and nothing of it leaves the device before Approve: no request before the click carries the
//   proof or the pseudonym, the merchant has no record; Approve then only sends it;
// - the credentials screen says it is reading the pod, never "No credentials", while the pod loads;
// - the merchant's Offers screen, with offers and contexts defined, does not scroll sideways at
//   390 px (its tables scroll in their own keyboard-reachable box), and passes the axe scan there.
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { startOwnSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { createRequest, logInDemo, recordedRequestIds, requestItem, screenshot, showScreen } from './walletPage.ts';

let system: System;
let browser: Browser;
let page: Page;
/** Every request the wallet page (or its workers) made: method, URL and body. */
const sent: { method: string; url: string; body: string }[] = [];

beforeAll(async () => {
  system = await startOwnSystem();
  browser = await launchChromium();
  const context = await browser.newContext();
  context.on('request', (request) => {
    sent.push({ method: request.method(), url: request.url(), body: request.postData() ?? '' });
  });
  page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await logInDemo(page, system);
});
afterAll(async () => {
  const notices = await page?.getByTestId('error-message').allTextContents();
  if (notices?.length) console.error('wallet errors:', notices);
  await browser?.close();
  await system?.stop();
});

describe('the proof is made while the person reads; nothing leaves before Approve', () => {
  it('prepared on the device, sent only at Approve, and Approve uses it', async () => {
    const asked = await createRequest(system, {
      predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
      purpose: { code: 'prepare', text: 'Prepared proof test' },
      reward: true,
    });
    await page.getByTestId('refresh-button').click();
    const item = requestItem(page, asked.request.id);
    await expect.poll(() => item.getAttribute('data-prepared'), { timeout: 120_000 }).toBe('true');
    await item.getByTestId('request-prepared').waitFor();
    await screenshot(page, 'wallet-request-prepared');
    const beforeApprove = sent.length;
    // Prepared, and still nothing at the merchant.
    expect(await recordedRequestIds(system)).not.toContain(asked.request.id);

    await item.getByTestId('approve-button').click();
    const result = item.getByTestId('request-result');
    await result.waitFor({ timeout: 120_000 });
    await expect(result.textContent()).resolves.toContain('while you read the request');
    expect(await recordedRequestIds(system)).toContain(asked.request.id);

    // The answer the merchant got: its proof and pseudonym appear in no request before the click.
    const answer = sent.find((request) => request.method === 'POST' && request.url.endsWith('/answers'));
    expect(answer, 'the answer was posted').toBeDefined();
    const bundle = JSON.parse(answer?.body ?? '{}') as {
      pseudonym: string;
      proofs: { proof: { pi_a: string[] } }[];
    };
    const secrets = [bundle.pseudonym, bundle.proofs[0]?.proof.pi_a[0]].filter((value): value is string =>
      Boolean(value),
    );
    expect(secrets).toHaveLength(2);
    const before = sent.slice(0, beforeApprove);
    const leaks = before.filter((request) =>
      secrets.some((secret) => `${request.url} ${request.body}`.includes(secret)),
    );
    expect(leaks).toEqual([]);
    expect(before.filter((request) => request.url.endsWith('/answers'))).toEqual([]);
  });
});

describe('loading, phones', () => {
  it('the credentials screen says it is reading the pod, not "No credentials", while the pod loads', async () => {
    // The pod's credentials folder answers slowly, as a far-away pod does.
    await page.route('**/decdp/credentials/', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 8_000));
      await route.continue().catch(() => {});
    });
    // A reload (the login's silent redirect lands on #/requests), then straight to Credentials.
    await page.reload();
    await page.getByTestId('nav-credentials').waitFor({ timeout: 60_000 });
    await showScreen(page, 'credentials');
    await page.getByTestId('pod-loading').waitFor({ timeout: 5_000 });
    let sawEmpty = false;
    const until = Date.now() + 120_000;
    while (!(await page.getByTestId('credential-item').count()) && Date.now() < until) {
      if (await page.getByTestId('credentials-empty').count()) sawEmpty = true;
      await page.waitForTimeout(100);
    }
    expect(await page.getByTestId('credential-item').count()).toBeGreaterThan(0);
    expect(sawEmpty).toBe(false);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });

  it('merchant Offers at 390 px: no sideways scroll, tables scroll in their own box, axe clean', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const merchant = await context.newPage();
    await merchant.goto(`${system.urls.merchant}#/offers`);
    await merchant.getByTestId('context-form').waitFor({ timeout: 60_000 });
    await merchant.getByTestId('context-id').fill('home-page-with-a-long-name');
    await merchant.getByTestId('context-page').fill('/home/spring-collection/road-bikes');
    await merchant.getByTestId('context-keywords').fill('helmet, saddle, road bike, gravel bike, commuting');
    await merchant.getByTestId('context-impressions').fill('1000');
    await merchant.getByTestId('context-submit').click();
    await merchant.getByTestId('offer-id').fill('spring-saddles-offer');
    await merchant.getByTestId('offer-title').fill('Spring saddles for long rides');
    await merchant.getByTestId('offer-creative').fill('Saddles: this week only.');
    await merchant.getByTestId('offer-link').fill('https://shop.example/a/rather/long/path/to/spring-saddles');
    await merchant.getByTestId('offer-quota').fill('500');
    await merchant.getByTestId('offer-submit').click();
    await merchant.getByTestId('offer-heat-map').waitFor({ timeout: 30_000 });

    const overflow = await merchant.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'the Offers screen scrolls sideways at 390 px').toBeLessThanOrEqual(0);
    // The wide tables scroll inside their boxes, which the keyboard can reach.
    const boxes = merchant.locator('section.table-scroll[tabindex="0"]');
    expect(await boxes.count()).toBeGreaterThanOrEqual(3);
    const results = await new AxeBuilder({ page: merchant }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((node) => node.target).join(' | ')}`)).toEqual([]);
    await screenshot(merchant, 'merchant-offers-phone-filled');
    await context.close();
  });
});
