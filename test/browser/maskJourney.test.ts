// A person wears masks from the wallet page, against the real system (`startSystem`: anvil with
// Semaphore v4 and the mask registry, the mask service's relayer and request board, the pod):
// joins the open demo mask (the relayer pays), contributes interests with a Semaphore proof made in
// the page's mask prover worker, is refused a second contribution in the period, joins the mask
// that asks for an admission proof (a credential proof made in the same worker), and answers a
// request a merchant sent to the mask's members; the merchant checks the answer itself. Bad input
// on the new routes gets typed errors.
import {
  createMaskRequest,
  MaskRegistry,
  postMaskRequest,
  readMaskAnswers,
  readMaskOnChain,
  readMaskProfile,
  relayMaskJoin,
  verifyMaskAnswer,
} from '@decdp/sdk/masks';
import { MERCHANT_PRIVATE_KEY } from '@decdp/sdk/testing';
import { rewardAddressFor } from '@decdp/sdk/wallet';
import { Contract, JsonRpcProvider, Wallet } from 'ethers';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASK_RELAYER_PRIVATE_KEY, type System } from '../../scripts/system/startSystem.ts';
import { startOwnSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { logInDemo, screenshot, showScreen } from './walletPage.ts';

let system: System;
let browser: Browser;
let page: Page;
let provider: JsonRpcProvider;

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string; field?: string }) => (error.field ? `${error.code} ${error.field}` : error.code),
  );
const maskCard = (maskId: string) => page.locator(`[data-testid="mask-item"][data-mask-id="${maskId}"]`);

beforeAll(async () => {
  const started = Date.now();
  system = await startOwnSystem({ log: (line) => console.error(`[startSystem] ${line}`) });
  console.error(`[maskJourney] system up in ${Math.round((Date.now() - started) / 1000)} s`);
  provider = new JsonRpcProvider(system.urls.rpc, undefined, { staticNetwork: true });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await logInDemo(page, system);
  console.error(`[maskJourney] logged in after ${Math.round((Date.now() - started) / 1000)} s`);
}, 480_000);
afterAll(async () => {
  await browser?.close();
  provider?.destroy();
  await system?.stop();
});

describe('wearing a mask from the wallet page', () => {
  it('joins the open mask through the relayer: the person’s addresses never send the transaction', async () => {
    await showScreen(page, 'masks');
    const card = maskCard('new-cyclist');
    await expect(card.getByTestId('mask-size').textContent({ timeout: 60_000 })).resolves.toBe('19 members');
    await card.getByTestId('mask-join').click();
    await card.getByTestId('mask-done').waitFor({ timeout: 120_000 });
    await expect(card.getByTestId('mask-size').textContent()).resolves.toBe('20 members');
    await card.locator('[data-testid="mask-wearing"]').waitFor();
    const registry = system.config.contracts.maskRegistry as string;
    const joins = await new Contract(registry, MaskRegistry.abi as never, provider).queryFilter('MemberJoined');
    const last = await provider.getTransaction(joins.at(-1)?.transactionHash as string);
    expect(last?.from).toBe(new Wallet(MASK_RELAYER_PRIVATE_KEY).address);
    expect(last?.from).not.toBe(system.demo.recipient);
  }, 180_000);

  it('contributes interests once per period with a proof made in the browser; a second one is refused', async () => {
    const card = maskCard('new-cyclist');
    await card.getByTestId('mask-interests').fill('road-bikes, helmets');
    await card.getByTestId('mask-contribute').click();
    await expect(card.getByTestId('mask-done').textContent({ timeout: 180_000 })).resolves.toContain(
      'helmets, road-bikes',
    );
    await card.getByTestId('mask-contributed').waitFor();
    const registry = system.config.contracts.maskRegistry as string;
    const contributed = await new Contract(registry, MaskRegistry.abi as never, provider).queryFilter('Contributed');
    expect(contributed).toHaveLength(1);
    await screenshot(page, 'wallet-mask-contributed');

    await card.getByTestId('mask-interests').fill('gravel');
    await card.getByTestId('mask-contribute').click();
    await expect(card.getByTestId('mask-error').getAttribute('data-code', { timeout: 60_000 })).resolves.toBe(
      'MASK_ALREADY_CONTRIBUTED',
    );
    // A merchant reading the profile: the period's is closed until it ends, the last one had too
    // few contributors, and a mask under k members has none at all.
    const service = system.urls.maskService;
    const mask = await readMaskOnChain({ provider, registry, maskId: 'new-cyclist' });
    const epoch = Math.floor(Date.now() / 1000 / mask.epochSeconds);
    expect(await codeOf(readMaskProfile({ service, maskId: 'new-cyclist', epoch }))).toBe('MASK_EPOCH_OPEN');
    expect(await codeOf(readMaskProfile({ service, maskId: 'new-cyclist', epoch: epoch - 1 }))).toBe(
      'MASK_PROFILE_BELOW_K',
    );
    expect(await codeOf(readMaskProfile({ service, maskId: 'adult-cyclists', epoch: epoch - 1 }))).toBe(
      'MASK_PROFILE_BELOW_K',
    );
    expect(await codeOf(readMaskProfile({ service, maskId: 'new-cyclist', epoch: -1 }))).toBe(
      'INVALID_INPUT query.epoch',
    );
  }, 240_000);

  it('joins the mask that asks for an admission proof only by proving it', async () => {
    const service = system.urls.maskService;
    // Without the proof, the relayer refuses (typed, naming the field).
    expect(
      await codeOf(relayMaskJoin({ service, maskId: 'adult-cyclists', holderSecret: system.demo.holderSecret })),
    ).toBe('MASK_ADMISSION_REQUIRED body.admission');
    const card = maskCard('adult-cyclists');
    await expect(card.getByTestId('mask-admission').textContent()).resolves.toContain('age ≥ 18');
    await card.getByTestId('mask-join').click();
    await card.getByTestId('mask-done').waitFor({ timeout: 180_000 });
    await card.locator('[data-testid="mask-wearing"]').waitFor();
    const registry = system.config.contracts.maskRegistry as string;
    expect((await readMaskOnChain({ provider, registry, maskId: 'adult-cyclists' })).members).toBe(1);
  }, 240_000);

  it('answers a request the shop sent to the mask’s members; the shop verifies it and learns no member', async () => {
    const merchant = new Wallet(MERCHANT_PRIVATE_KEY);
    const signedRequest = await createMaskRequest({
      signer: merchant,
      merchantName: 'Demo Bike Shop',
      maskId: 'new-cyclist',
      purpose: 'Would you test-ride our new city bike this weekend?',
      reward: { token: system.config.contracts.token, amount: 5n },
    });
    await postMaskRequest({ service: system.urls.maskService, signedRequest });
    await showScreen(page, 'requests');
    await showScreen(page, 'masks');
    const request = maskCard('new-cyclist').locator(`[data-request-id="${signedRequest.request.id}"]`);
    await expect(request.textContent({ timeout: 60_000 })).resolves.toContain('test-ride');
    await request.getByTestId('mask-answer').click();
    await request.getByTestId('mask-request-answered').waitFor({ timeout: 180_000 });
    await screenshot(page, 'wallet-mask-request-answered');

    const answers = await readMaskAnswers({
      service: system.urls.maskService,
      signer: merchant,
      requestId: signedRequest.request.id,
    });
    expect(answers).toHaveLength(1);
    const verified = await verifyMaskAnswer({
      provider,
      registry: system.config.contracts.maskRegistry as string,
      signedRequest,
      answer: answers[0],
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    // Paid to the address the wallet keeps for this shop only.
    expect(verified.recipient).toBe(
      rewardAddressFor({ holderSecret: system.demo.holderSecret, merchantAddress: merchant.address }),
    );
    // Nothing in the answer is the person's mask commitment or pod.
    expect(JSON.stringify(answers[0])).not.toContain(system.demo.podUrl);
  }, 240_000);

  it('leaves the mask', async () => {
    const card = maskCard('adult-cyclists');
    await card.getByTestId('mask-leave').click();
    await card.getByTestId('mask-join').waitFor({ timeout: 120_000 });
    const registry = system.config.contracts.maskRegistry as string;
    expect((await readMaskOnChain({ provider, registry, maskId: 'adult-cyclists' })).members).toBe(0);
  }, 180_000);
});
