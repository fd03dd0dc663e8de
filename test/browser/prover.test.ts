// The prover worker in a real browser: a determinate progress bar that moves, Cancel that really
// stops the proof (the worker is terminated, the request stays pending, approving again works),
// the page stays responsive while proving, and the proving key cached in Cache Storage is
// checked by SHA-256 before use (a corrupted entry is dropped and fetched again).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import checksums from '../../circuits/checksums.json' with { type: 'json' };
import type { System } from '../../scripts/system/startSystem.ts';
import { startOwnSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { createRequest, logInDemo, recordedRequestIds, requestItem, screenshot } from './walletPage.ts';

let system: System;
let browser: Browser;
let page: Page;

/** SHA-256 of each Cache Storage entry of the wallet's artifact cache, by file name. */
function cachedDigests(target: Page): Promise<Record<string, string>> {
  return target.evaluate(async () => {
    const cache = await caches.open('decdp-circuits-v1');
    const out: Record<string, string> = {};
    for (const request of await cache.keys()) {
      const bytes = await (await cache.match(request))?.arrayBuffer();
      if (!bytes) continue;
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      const name = new URL(request.url).pathname.split('/').pop() ?? '';
      out[name] = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
    }
    return out;
  });
}

// Its own system: on a shared one the wallet also prepares proofs for other files' open requests
// (app/src/wallet/preparedProofs.ts), and a worker kept warm by them changes what this test sees.
beforeAll(async () => {
  system = await startOwnSystem();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await logInDemo(page, system);
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe('prover worker', () => {
  it('shows real progress, stays responsive, and Cancel stops the proof; approving again works', async () => {
    // Four predicates: four proofs, long enough to watch and cancel.
    const created = await createRequest(system, {
      predicates: [
        { attribute: 'age', op: 'gte', value: 18 },
        { attribute: 'age', op: 'lt', value: 120 },
        { attribute: 'interest', op: 'in', values: ['cycling', 'running'] },
        { attribute: 'countryOfResidence', op: 'in', values: ['NL', 'BE'] },
      ],
    });
    await page.getByTestId('refresh-button').click();
    const item = requestItem(page, created.request.id);
    // Long tasks on the page's thread while proving: none should come from the proof.
    await page.evaluate(() => {
      const tasks: number[] = [];
      (globalThis as unknown as { longTasks: number[] }).longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    // By keyboard: Enter on Approve; focus moves to Cancel while the proof runs.
    await item.getByTestId('approve-button').focus();
    await page.keyboard.press('Enter');
    const progress = item.locator('[data-testid="proof-progress"][data-stage="proving"]');
    await progress.waitFor({ timeout: 60_000 });
    await screenshot(page, 'wallet-proving');

    // The bar is determinate and moves while snarkjs works.
    const bar = item.getByTestId('proof-progress-bar');
    const first = Number(await bar.getAttribute('value'));
    await page.waitForTimeout(700);
    const second = Number(await bar.getAttribute('value'));
    expect(second).toBeGreaterThan(first);
    expect(second).toBeLessThan(1);

    // The main thread is free: a round trip into the page is quick while the worker proves.
    const started = Date.now();
    await page.evaluate(() => document.title);
    // A blocked main thread would stall for the whole proof (seconds); 1 s leaves room for a loaded CI machine.
    expect(Date.now() - started).toBeLessThan(1_000);
    const longest = await page.evaluate(() =>
      Math.max(0, ...(globalThis as unknown as { longTasks: number[] }).longTasks),
    );
    expect(longest).toBeLessThan(500);

    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    await expect.poll(focused).toBe('cancel-proof');
    await page.keyboard.press('Enter');
    await expect.poll(() => item.getAttribute('data-state')).toBe('open');
    // Focus returns to Approve, so the keyboard user can try again.
    await expect.poll(focused).toBe('approve-button');
    await expect(item.getByTestId('proof-progress').count()).resolves.toBe(0);
    await page
      .getByTestId('status-message')
      .filter({ hasText: /cancelled/i })
      .waitFor();
    await expect(recordedRequestIds(system)).resolves.not.toContain(created.request.id);
    // The worker downloaded and cached both files before proving; both match the pinned sums.
    const digests = await cachedDigests(page);
    expect(digests['credential.wasm']).toBe(checksums.sha256.wasm);
    expect(digests['credential.zkey']).toBe(checksums.sha256.zkey);

    // 2. A corrupted cache entry is detected, dropped and fetched again; the proof still works.
    await page.evaluate(async () => {
      const cache = await caches.open('decdp-circuits-v1');
      for (const request of await cache.keys()) {
        if (!request.url.includes('credential.zkey')) continue;
        const bytes = new Uint8Array(await ((await cache.match(request)) as Response).arrayBuffer());
        const middle = Math.floor(bytes.length / 2);
        bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
        await cache.put(request, new Response(bytes));
      }
    });
    await item.getByTestId('approve-button').click();
    const result = item.getByTestId('request-result');
    await result.waitFor({ timeout: 120_000 });
    // A new worker (the old one was terminated): the wasm from the cache, the zkey fetched again.
    await expect(result.getAttribute('data-artifacts')).resolves.toBe('cache,refetched');
    expect((await cachedDigests(page))['credential.zkey']).toBe(checksums.sha256.zkey);
    await expect(recordedRequestIds(system)).resolves.toContain(created.request.id);
  });
});
