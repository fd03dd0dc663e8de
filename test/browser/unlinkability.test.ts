// Unlinkability across merchants, measured on what they actually hold. One person in the wallet
// page answers a rewarded request at each of the two merchants `npm start` runs (each reward is
// claimed on-chain by that merchant's relay) and an unrewarded one at the bookshop. Then, per
// merchant: every HTTP request the page sent it (bodies and headers), every row of its SQLite
// store, every line of its service log, and the chain's Claimed events of its campaign. The two
// sides must have no identifier in common but public constants (contract addresses, issuer keys,
// the campaign's predicate), and neither side may hold anything naming the person (WebID, pod,
// the wallet's first address, its commitment). The same comparison is shown to catch a shared
// address planted on one side. docs/security.md "What is and is not unlinkable".
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { connectRewardPool } from '@decdp/sdk/chain';
import { readJsonDocument } from '@decdp/sdk/pod';
import { loginWithClientCredentials } from '@decdp/sdk/pod/node';
import { requestLink, type SignedRequest } from '@decdp/sdk/protocol';
import { rewardAccountsUrl, rewardAddressFor, walletKeysFromPhrase } from '@decdp/sdk/wallet';
import { AbiCoder, Contract, getAddress, JsonRpcProvider, keccak256, toBeHex, ZeroAddress } from 'ethers';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_PREDICATE, type System } from '../../scripts/system/startSystem.ts';
import { startOwnSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { logInDemo, requestItem, screenshotOf, showScreen } from './walletPage.ts';

type MerchantId = 'bike-shop' | 'bookshop';
type Sent = { url: string; method: string; headers: Record<string, string>; body: unknown };
/** Everything one merchant holds about the answers it got, and what the chain says about its campaign. */
type Side = { sent: Sent[]; store: Record<string, unknown[]>; logs: unknown[]; claimed: unknown[] };

let system: System;
let browser: Browser;
let page: Page;
let dataDir: string;
const logs: Record<MerchantId, string[]> = { 'bike-shop': [], bookshop: [] };
const sent: Record<MerchantId, Sent[]> = { 'bike-shop': [], bookshop: [] };
const answered: Record<MerchantId, SignedRequest[]> = { 'bike-shop': [], bookshop: [] };

const merchant = (id: MerchantId) =>
  system.merchants.find((candidate) => candidate.id === id) as System['merchants'][0];

async function createRequest(id: MerchantId, body: Record<string, unknown>): Promise<SignedRequest> {
  const response = await fetch(`${merchant(id).service}requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${merchant(id).operatorToken}` },
    body: JSON.stringify({ purpose: { code: 'club', text: 'Members club for adults' }, retentionDays: 30, ...body }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as SignedRequest;
}

/** Opens the request by its link (the unlinkable default) and approves it in the page. */
async function answerByLink(id: MerchantId, signed: SignedRequest): Promise<void> {
  await page.goto(requestLink({ walletUrl: system.urls.wallet, signedRequest: signed }));
  const item = requestItem(page, signed.request.id);
  await item.getByTestId('approve-button').click({ timeout: 60_000 });
  await item.getByTestId('request-result').waitFor({ timeout: 180_000 });
  answered[id].push(signed);
}

// --- The comparison -------------------------------------------------------------------------

const BELOW_IDENTIFIERS = 1n << 32n;
const ADDRESS_BITS = (1n << 160n) - 1n;
/**
 * Millisecond times around this run (a log line's `time`, a header's date): two merchants that
 * log a request in the same millisecond share a time, not an identifier (timing is not hidden).
 */
const RUN_TIMES = { from: BigInt(Date.now() - 86_400_000), to: BigInt(Date.now() + 86_400_000) };
const isRunTime = (number: bigint) => number >= RUN_TIMES.from && number <= RUN_TIMES.to;

/**
 * The identifiers in a value, canonical: every number of at least 32 bits (hex, decimal, in JSON,
 * inside text, a SQLite blob) as lowercase hex, and for numbers wider than an address also its
 * low 160 bits (a public signal packs the recipient there: recipient + time · 2^160). Smaller
 * numbers (times, counts, amounts, ids) and millisecond times of this run are left out on purpose:
 * timing is not hidden (docs).
 */
function identifiersIn(value: unknown, found = new Set<string>()): Set<string> {
  const add = (number: bigint) => {
    if (number < BELOW_IDENTIFIERS || isRunTime(number)) return;
    found.add(number.toString(16));
    if (number > ADDRESS_BITS && (number & ADDRESS_BITS) >= BELOW_IDENTIFIERS) {
      found.add((number & ADDRESS_BITS).toString(16));
    }
  };
  if (typeof value === 'bigint') add(value);
  else if (typeof value === 'number' && Number.isSafeInteger(value)) add(BigInt(value));
  else if (value instanceof Uint8Array) {
    if (value.length >= 4) add(BigInt(`0x${Buffer.from(value).toString('hex')}`));
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (/^[[{]/.test(text)) {
      try {
        identifiersIn(JSON.parse(text), found);
      } catch {
        // not JSON: read as text below
      }
    }
    for (const hex of text.match(/0x[0-9a-fA-F]{8,}/g) ?? []) add(BigInt(hex));
    for (const decimal of text.match(/(?<![0-9a-zA-Z])[0-9]{10,}(?![0-9a-zA-Z])/g) ?? []) add(BigInt(decimal));
    // Long opaque tokens: bare hex as a number, anything else (base64…) as it is.
    for (const token of text.match(/[A-Za-z0-9+/_-]{32,}={0,2}/g) ?? []) {
      if (/^(0x)?[0-9a-fA-F]+$/.test(token)) add(BigInt(token.startsWith('0x') ? token : `0x${token}`));
      else found.add(`text:${token}`);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) identifiersIn(item, found);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) identifiersIn(item, found);
  }
  return found;
}

/** What two sides have in common, public constants aside. */
function commonIdentifiers(a: Side, b: Side, publicConstants: ReadonlySet<string>): string[] {
  const other = identifiersIn(b);
  return [...identifiersIn(a)].filter((identifier) => other.has(identifier) && !publicConstants.has(identifier));
}

/** Where a side mentions any of the person's own identifiers (as text, in any case). */
function mentions(side: Side, personal: Record<string, string>): string[] {
  const text = JSON.stringify(side, (_key, value) =>
    typeof value === 'bigint'
      ? value.toString()
      : value instanceof Uint8Array
        ? Buffer.from(value).toString('hex')
        : value,
  ).toLowerCase();
  return Object.entries(personal)
    .filter(([, value]) => text.includes(value.toLowerCase()))
    .map(([name]) => name);
}

// --- Collecting what each side holds ---------------------------------------------------------

function storeRows(file: string): Record<string, unknown[]> {
  const database = new DatabaseSync(file, { readOnly: true });
  try {
    const tables = database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [name, database.prepare(`SELECT * FROM "${name}"`).all() as unknown[]]),
    );
  } finally {
    database.close();
  }
}

const CLAIMED_ABI = [
  'event Claimed(uint256 indexed campaignId, uint256 indexed nullifier, address indexed recipient, uint256 amount)',
];

async function claimedEvents(campaignId: string): Promise<Record<string, unknown>[]> {
  const provider = new JsonRpcProvider(system.urls.rpc, system.config.chainId, { staticNetwork: true });
  try {
    const pool = new Contract(system.deployment.pool, CLAIMED_ABI, provider);
    const events = await pool.queryFilter(pool.filters.Claimed?.(BigInt(campaignId)) ?? 'Claimed', 0);
    return await Promise.all(
      events.map(async (event) => {
        const transaction = await provider.getTransaction(event.transactionHash);
        const args = 'args' in event ? event.args : [];
        return {
          campaignId: String(args[0]),
          nullifier: String(args[1]),
          recipient: String(args[2]),
          amount: String(args[3]),
          transactionHash: event.transactionHash,
          blockHash: event.blockHash,
          from: transaction?.from,
          data: transaction?.data,
        };
      }),
    );
  } finally {
    provider.destroy();
  }
}

/**
 * Sets or clears a campaign's `paused` flag in the pool's storage (the relay then fails, the
 * wallet can still read the campaign): `campaigns` is the pool's second slot and `paused` sits
 * after token (160 bits), start and end (40 bits each) — as in history.test.ts, checked here too.
 */
async function setCampaignPaused(campaignId: string, paused: boolean): Promise<void> {
  const provider = new JsonRpcProvider(system.urls.rpc, system.config.chainId, { staticNetwork: true });
  try {
    const pool = system.deployment.pool;
    const slot = keccak256(AbiCoder.defaultAbiCoder().encode(['uint256', 'uint256'], [BigInt(campaignId), 1]));
    const word = BigInt(await provider.getStorage(pool, slot));
    const flag = 1n << 240n;
    await provider.send('anvil_setStorageAt', [pool, slot, toBeHex(paused ? word | flag : word & ~flag, 32)]);
    expect((await connectRewardPool(pool, provider).campaigns(BigInt(campaignId))).paused).toBe(paused);
  } finally {
    provider.destroy();
  }
}

async function sideOf(id: MerchantId): Promise<Side> {
  const file = join(dataDir, id === 'bike-shop' ? 'merchant.sqlite' : `${id}.sqlite`);
  return {
    sent: sent[id],
    store: storeRows(file),
    logs: logs[id].map((line) => JSON.parse(line) as unknown),
    claimed: await claimedEvents(merchant(id).campaignId),
  };
}

/**
 * Public constants: the contracts, the chain, the issuers the merchants trust, the campaigns'
 * terms (on-chain: scope, token, amount per reward) and predicate — the same for every customer.
 */
async function publicConstants(): Promise<Set<string>> {
  const configs = await Promise.all(
    system.merchants.map(
      async (shop) =>
        (await (await fetch(`${shop.service}config`)).json()) as { trustedIssuers: string[]; campaign: unknown },
    ),
  );
  return identifiersIn([
    Object.values(system.config.contracts),
    system.config.chainId,
    configs.map((config) => [config.trustedIssuers, config.campaign]),
    DEMO_CAMPAIGN_PREDICATE,
  ]);
}

// --- The test ------------------------------------------------------------------------------

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'decdp-unlinkability-'));
  system = await startOwnSystem({
    dataDir,
    merchantLog: (id, line) => logs[id as MerchantId]?.push(line),
  });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('request', (request) => {
    const origin = new URL(request.url()).origin;
    const id = system.merchants.find((shop) => new URL(shop.service).origin === origin)?.id as MerchantId | undefined;
    if (!id) return;
    const text = request.postData();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // kept as text
    }
    sent[id].push({ url: request.url(), method: request.method(), headers: request.headers(), body });
  });
  await logInDemo(page, system);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
  // anvil may still be writing its state file as it stops: retry.
  if (dataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

describe('unlinkability across two merchants (what each side holds, compared)', () => {
  it('pays each merchant’s reward to that merchant’s own address and binds none in an unrewarded answer', async () => {
    await answerByLink(
      'bike-shop',
      await createRequest('bike-shop', { predicates: [DEMO_CAMPAIGN_PREDICATE], reward: true }),
    );
    // At the bookshop the relay at answer time fails (its campaign paused in the pool's storage),
    // so the reward is claimed from the Rewards screen with a fresh proof (POST /claims).
    await setCampaignPaused(merchant('bookshop').campaignId, true);
    const bookshopRewarded = await createRequest('bookshop', { predicates: [DEMO_CAMPAIGN_PREDICATE], reward: true });
    await answerByLink('bookshop', bookshopRewarded);
    await setCampaignPaused(merchant('bookshop').campaignId, false);
    await showScreen(page, 'rewards');
    const unclaimed = page.locator(`[data-testid="unclaimed-item"][data-request-id="${bookshopRewarded.request.id}"]`);
    await unclaimed.getByTestId('claim-button').click({ timeout: 60_000 });
    await page.locator(`[data-testid="claim-item"][data-request-id="${bookshopRewarded.request.id}"]`).waitFor({
      timeout: 180_000,
    });
    await answerByLink(
      'bookshop',
      await createRequest('bookshop', {
        predicates: [{ attribute: 'countryOfResidence', op: 'in', values: ['NL', 'BE'] }],
      }),
    );

    const expected = {
      'bike-shop': rewardAddressFor({
        phrase: system.demo.recoveryPhrase,
        merchantAddress: merchant('bike-shop').address,
      }),
      bookshop: rewardAddressFor({ phrase: system.demo.recoveryPhrase, merchantAddress: merchant('bookshop').address }),
    };
    expect(expected['bike-shop']).not.toBe(expected.bookshop);
    const answers = (id: MerchantId) =>
      sent[id].filter((request) => request.method === 'POST' && new URL(request.url).pathname.endsWith('/answers'));
    for (const id of ['bike-shop', 'bookshop'] as const) {
      const [rewarded] = answers(id);
      expect((rewarded?.body as { recipient?: string } | undefined)?.recipient).toBe(expected[id]);
      const claims = await claimedEvents(merchant(id).campaignId);
      expect(claims.map((claim) => claim.recipient)).toEqual([expected[id]]);
    }
    const unrewarded = answers('bookshop')[1]?.body as { recipient: string };
    expect(unrewarded.recipient).toBe(ZeroAddress);
    const claimSent = sent.bookshop.find((request) => new URL(request.url).pathname.endsWith('/claims'));
    const claimSignals = (claimSent?.body as { publicSignals?: string[] } | undefined)?.publicSignals ?? [];
    expect(getAddress(toBeHex(BigInt(claimSignals[2] ?? 0) & ((1n << 160n) - 1n), 20))).toBe(expected.bookshop);

    // The Rewards screen: one row per shop with its own address, the sum as the balance.
    await showScreen(page, 'rewards');
    const row = (id: MerchantId) =>
      page.locator(`[data-testid="reward-account"][data-merchant="${getAddress(merchant(id).address)}"]`);
    for (const id of ['bike-shop', 'bookshop'] as const) {
      await expect.poll(() => row(id).getAttribute('data-address'), { timeout: 30_000 }).toBe(expected[id]);
      await expect.poll(() => row(id).getByTestId('reward-account-balance').textContent()).toMatch(/^5(\.0+)? /);
    }
    await expect.poll(() => page.getByTestId('reward-balance').textContent()).toMatch(/^10(\.0+)? /);
    await screenshotOf(page.getByTestId('reward-accounts'), 'section-reward-accounts');

    // The pod keeps the list, so a reload (or another device) finds both addresses again.
    const owner = await loginWithClientCredentials(system.demo.login);
    try {
      const kept = (await readJsonDocument({ url: rewardAccountsUrl(system.demo.podUrl), fetch: owner.fetch })) as {
        accounts: { address: string }[];
      };
      expect(kept.accounts.map((account) => account.address).sort()).toEqual(Object.values(expected).sort());
    } finally {
      await owner.logout();
    }
    await page.reload();
    await showScreen(page, 'rewards');
    await expect.poll(() => page.getByTestId('reward-account').count(), { timeout: 60_000 }).toBe(2);
    await expect.poll(() => page.getByTestId('reward-balance').textContent()).toMatch(/^10(\.0+)? /);
  }, 600_000);

  it('finds no identifier common to the two merchants but public constants, and nothing naming the person', async () => {
    const bikeShop = await sideOf('bike-shop');
    const bookshop = await sideOf('bookshop');
    // The sides are not empty: bundles, records and claims are there to compare.
    expect(bikeShop.sent.length).toBeGreaterThan(0);
    expect(bikeShop.claimed).toHaveLength(1);
    expect(bookshop.claimed).toHaveLength(1);
    expect(Object.values(bookshop.store).flat().length).toBeGreaterThan(0);
    expect(bookshop.logs.length).toBeGreaterThan(0);
    const constants = await publicConstants();
    expect(commonIdentifiers(bikeShop, bookshop, constants)).toEqual([]);

    const personal = {
      webId: system.demo.webId,
      pod: system.demo.podUrl,
      firstAddress: system.demo.recipient.slice(2),
      commitment: (await walletKeysFromPhrase(system.demo.recoveryPhrase)).commitment.toString(),
    };
    expect(mentions(bikeShop, personal)).toEqual([]);
    expect(mentions(bookshop, personal)).toEqual([]);
    // The page sends merchants no credential of any kind.
    for (const request of [...bikeShop.sent, ...bookshop.sent]) {
      expect(Object.keys(request.headers).filter((name) => /^(cookie|authorization|dpop)$/i.test(name))).toEqual([]);
    }

    // The comparison can fail: the bike shop's reward address planted in the bookshop's store
    // (plainly, or packed in a public signal with another time) and the WebID in its log are found.
    const bikeAddress = rewardAddressFor({
      phrase: system.demo.recoveryPhrase,
      merchantAddress: merchant('bike-shop').address,
    });
    const planted = (extra: Record<string, unknown[]>): Side => ({
      ...bookshop,
      store: { ...bookshop.store, ...extra },
    });
    expect(commonIdentifiers(bikeShop, planted({ planted: [{ recipient: bikeAddress }] }), constants)).toEqual([
      BigInt(bikeAddress).toString(16),
    ]);
    const packed = (BigInt(bikeAddress) + 1_700_000_123n * (1n << 160n)).toString();
    expect(commonIdentifiers(bikeShop, planted({ planted: [{ signals: [packed] }] }), constants)).toContain(
      BigInt(bikeAddress).toString(16),
    );
    expect(mentions({ ...bookshop, logs: [...bookshop.logs, { webId: system.demo.webId }] }, personal)).toContain(
      'webId',
    );
  }, 120_000);
});
