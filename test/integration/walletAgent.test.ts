// `decdp-wallet-agent run` as a real process against the real system (Solid server, anvil,
// merchant service), no page open: requests reach it in the pod inboxes (delivered by the merchant
// service to the inbox the person opened for the shop, or appended to the open inbox, spam and all).
// It answers what the standing policies allow (rewards to the shop's own address), denies what they
// forbid even under a flood, leaves the rest for the person, can be paused from the pod, answers
// exactly once across a crash mid-answer, keeps no secret in the clear in its files, and stops with
// a clear line when its credentials are revoked.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectRewardPool, readTokenBalance } from '@decdp/sdk/chain';
import { deliverRequest as appendToInbox, createRequest } from '@decdp/sdk/merchant';
import {
  type ClientCredentials,
  createPodAccount,
  decdpUrls,
  deleteClientCredentials,
  listContainer,
  listMerchantInboxes,
  readJsonDocument,
  writeJsonDocument,
} from '@decdp/sdk/pod';
import { loginWithClientCredentials, type PodSession } from '@decdp/sdk/pod/node';
import type { StandingPolicy } from '@decdp/sdk/wallet';
import { agentControlUrl, readRewardAccounts, rewardAddressFor } from '@decdp/sdk/wallet';
import { AbiCoder, JsonRpcProvider, keccak256, toBeHex, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { sharedSystem } from '../system/sharedSystem.ts';
import {
  type AgentProcess,
  createMerchantRequest,
  deliverRequest,
  recordsFor,
  setUpAgent,
  startAgentProcess,
} from './walletAgentProcess.ts';

const PASSPHRASE = 'agent passphrase on the little box';
const dir = mkdtempSync(join(tmpdir(), 'decdp-agent-'));
let system: System;
let owner: PodSession;
let agentFiles: { setupPath: string; journalPath: string; credentials: ClientCredentials };
let agent: AgentProcess | undefined;
let provider: JsonRpcProvider;

/** Pauses the demo campaign by its storage flag (as test/browser/history.test.ts does), so the merchant's relay fails. */
async function setCampaignPaused(paused: boolean): Promise<void> {
  const pool = system.deployment.pool;
  const campaignId = BigInt(system.config.campaignId ?? 0);
  const slot = keccak256(AbiCoder.defaultAbiCoder().encode(['uint256', 'uint256'], [campaignId, 1]));
  const word = BigInt(await provider.getStorage(pool, slot));
  const flag = 1n << 240n;
  await provider.send('anvil_setStorageAt', [pool, slot, toBeHex(paused ? word | flag : word & ~flag, 32)]);
  expect((await connectRewardPool(pool, provider).campaigns(campaignId)).paused).toBe(paused);
}

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${agent?.lines.join('\n') ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function namesIn(url: string): Promise<string[]> {
  return (await listContainer({ url, fetch: owner.fetch }).catch(() => [])).map((entry) =>
    decodeURIComponent(entry.slice(entry.lastIndexOf('/', entry.length - 2) + 1)),
  );
}

const receiptsOf = async (requestId: string) =>
  (await namesIn(decdpUrls(system.demo.podUrl).receipts)).filter((name) => name.includes(`-${requestId}-`));
const denialsOf = async (requestId: string) =>
  (await namesIn(`${decdpUrls(system.demo.podUrl).receipts}denied/`)).filter((name) => name.includes(requestId));

function policy(
  fields: Partial<StandingPolicy> & Pick<StandingPolicy, 'id' | 'effect' | 'attributes'>,
): StandingPolicy {
  return { version: 1, label: fields.id, createdAt: new Date().toISOString(), ...fields } as StandingPolicy;
}

beforeAll(async () => {
  system = await sharedSystem();
  provider = new JsonRpcProvider(system.urls.rpc, undefined, { staticNetwork: true });
  owner = await loginWithClientCredentials(system.demo.login);
  const policies = decdpUrls(system.demo.podUrl).policies;
  // "Always prove I am an adult" and "never tell anyone my interests".
  for (const rule of [
    policy({ id: 'adult', effect: 'allow', attributes: ['age'], predicate: { op: 'gte', value: 18 } }),
    policy({ id: 'no-interests', effect: 'deny', attributes: ['interest'] }),
  ]) {
    await writeJsonDocument({ url: `${policies}${rule.id}.json`, data: rule, fetch: owner.fetch });
  }
  agentFiles = await setUpAgent({ system, dir, passphrase: PASSPHRASE });
});
afterAll(async () => {
  await agent?.stop();
  await owner?.logout();
  provider?.destroy();
  await system?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const start = (env?: Record<string, string>, credentialCheckMs?: number) => {
  agent = startAgentProcess({
    ...agentFiles,
    passphrase: PASSPHRASE,
    ...(env ? { env } : {}),
    ...(credentialCheckMs ? { credentialCheckMs } : {}),
  });
  return agent;
};

describe('decdp-wallet-agent', () => {
  it('refuses a wrong passphrase with WRONG_PASSPHRASE and exit code 2, before touching anything', async () => {
    const wrong = startAgentProcess({ ...agentFiles, passphrase: 'not the agent passphrase' });
    await expect(wrong.exited).resolves.toBe(2);
    expect(wrong.lines.join('\n')).toMatch(/WRONG_PASSPHRASE/);
  });

  it('answers a request the policies allow: proved in Node, recorded at the merchant, receipt and log in the pod; claims the reward the merchant could not relay, to the shop’s own address', async () => {
    start();
    await agent?.waitForLine(/agent: started/);
    const shopAddress = system.merchants[0]?.address ?? '';
    // From the holder secret the agent holds (never the phrase): the page derives the same.
    const shopRecipient = rewardAddressFor({ holderSecret: system.demo.holderSecret, merchantAddress: shopAddress });
    expect(shopRecipient).toBe(rewardAddressFor({ phrase: system.demo.recoveryPhrase, merchantAddress: shopAddress }));
    expect(shopRecipient).not.toBe(system.demo.recipient);
    const balanceOf = (owner: string) => readTokenBalance({ runner: provider, token: system.deployment.token, owner });
    const fixedBefore = await balanceOf(system.demo.recipient);
    // The campaign is paused when the answer arrives: the merchant records it, its relay fails.
    await setCampaignPaused(true);
    const signed = await deliverRequest({
      system,
      owner,
      body: { predicates: [{ attribute: 'age', op: 'gte', value: 18 }], reward: true },
    });
    const id = signed.request.id;
    // Delivered by the merchant service to the inbox the person opened for this shop.
    const [shopInbox] = await listMerchantInboxes({ podUrl: system.demo.podUrl, fetch: owner.fetch });
    expect(shopInbox?.merchant.address).toBe(shopAddress);
    await until('the answer at the merchant', async () => (await recordsFor(system, id)).length > 0);
    await agent?.waitForLine(/agent: watching 2 inboxes \(Solid notifications\)/);
    await until('the receipt in the pod', async () => (await receiptsOf(id)).length > 0);
    // The wallet's list of reward accounts has the shop's address, so the page sums its balance.
    expect(await readRewardAccounts({ podUrl: system.demo.podUrl, fetch: owner.fetch })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          address: shopRecipient,
          merchant: expect.objectContaining({ address: shopAddress }),
        }),
      ]),
    );
    const receiptName = (await receiptsOf(id))[0] ?? '';
    const readReceipt = async () =>
      (await readJsonDocument({
        url: `${decdpUrls(system.demo.podUrl).receipts}${encodeURIComponent(receiptName)}`,
        fetch: owner.fetch,
      })) as { status: string; reward: { txHash: string | null } };
    expect(await readReceipt()).toMatchObject({ status: 'active', reward: { txHash: null } });
    await agent?.waitForLine(new RegExp(`request ${id}: reward claim not paid yet \\(CAMPAIGN_PAUSED\\)`));
    const before = await balanceOf(shopRecipient);
    // The campaign runs again: the agent's next try proves the claim afresh and the merchant relays it.
    await setCampaignPaused(false);
    await agent?.waitForLine(new RegExp(`request ${id}: reward claimed in 0x`));
    expect((await readReceipt()).reward.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    // Paid to the address derived for this shop, never the wallet's one fixed address.
    expect((await balanceOf(shopRecipient)) - before).toBe(5n * 10n ** 18n);
    expect(await balanceOf(system.demo.recipient)).toBe(fixedBefore);
    const log = (await readJsonDocument({
      url: `${decdpUrls(system.demo.podUrl).policies}log/agent-${encodeURIComponent(id)}.json`,
      fetch: owner.fetch,
    })) as { decision: string; answeredBy: string; policyIds: string[] };
    expect(log).toMatchObject({ decision: 'approve', answeredBy: 'agent', policyIds: ['adult'] });
    await agent?.waitForLine(new RegExp(`request ${id} .* answered`));
    // Answered: its inbox copy is gone (the signed request is kept in /decdp/requests/).
    expect(await listContainer({ url: shopInbox?.inbox ?? '', fetch: owner.fetch })).toEqual([]);
    expect(await namesIn(decdpUrls(system.demo.podUrl).requests)).toContain(`${id}.json`);
  });

  it('reads the open inbox with the page’s spam rules: answers a signed request anyone appended, discards junk', async () => {
    // Someone else with a Solid login appends to the open inbox: junk, a forged request, a real one.
    const account = await createPodAccount({
      baseUrl: system.urls.solid,
      email: 'courier@decdp.test',
      password: 'courier-pw-123',
      podName: 'courier',
    });
    const courier = await loginWithClientCredentials({
      oidcIssuer: system.urls.solid,
      clientId: account.clientId,
      clientSecret: account.clientSecret,
    });
    const inbox = decdpUrls(system.demo.podUrl).inbox;
    const append = async (body: string) => {
      const response = await courier.fetch(inbox, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(201);
      return new URL(response.headers.get('location') ?? '', inbox).href;
    };
    const junk = await append(JSON.stringify({ request: { id: 'junk' }, signature: '0x00' }));
    const forged = await append(
      JSON.stringify(
        await createRequest({
          signer: Wallet.createRandom(),
          merchant: { name: 'Demo Bike Shop', requestEndpoint: `${system.urls.merchantService}requests` },
          predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
          purpose: { code: 'test', text: 'Not the shop' },
          retentionDays: 30,
        }),
      ).replace(/"signature":"0x[0-9a-f]{4}/, '"signature":"0x0000'),
    );
    const signed = await createMerchantRequest(system, { predicates: [{ attribute: 'age', op: 'gte', value: 18 }] });
    await appendToInbox({ inbox, signedRequest: signed, fetch: courier.fetch });
    await until('the answer at the merchant', async () => (await recordsFor(system, signed.request.id)).length > 0);
    await agent?.waitForLine(new RegExp(`inbox: discarded ${junk} \\(MALFORMED\\)`));
    await agent?.waitForLine(new RegExp(`inbox: discarded ${forged} \\(SIGNATURE_INVALID\\)`));
    await until(
      'the inbox emptied',
      async () => (await listContainer({ url: inbox, fetch: owner.fetch })).length === 0,
    );
    await courier.logout();
  });

  it('leaves a request no policy covers for the person', async () => {
    const signed = await deliverRequest({
      system,
      owner,
      body: { predicates: [{ attribute: 'countryOfResidence', op: 'eq', value: 'NL' }] },
    });
    const id = signed.request.id;
    await agent?.waitForLine(new RegExp(`request ${id} .* waits for you`));
    // Several more polls: still nothing sent, nothing written.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await recordsFor(system, id)).toEqual([]);
    expect(await receiptsOf(id)).toEqual([]);
    expect(await denialsOf(id)).toEqual([]);
    expect(agent?.lines.filter((line) => line.includes(id) && !line.includes('arrived'))).toHaveLength(1);
  });

  it('holds a "never" policy under a flood: every request denied, none answered', async () => {
    const flood = await Promise.all(
      Array.from({ length: 20 }, () =>
        deliverRequest({
          system,
          owner,
          body: { predicates: [{ attribute: 'interest', op: 'eq', value: 'cycling' }], reward: false },
        }),
      ),
    );
    // Mixed in: one request that asks for age AND interest — the deny wins for the whole request.
    const mixed = await deliverRequest({
      system,
      owner,
      body: {
        predicates: [
          { attribute: 'age', op: 'gte', value: 18 },
          { attribute: 'interest', op: 'eq', value: 'cycling' },
        ],
      },
    });
    const ids = [...flood, mixed].map((signed) => signed.request.id);
    await until(
      'a denial for each',
      async () => {
        const denied = await namesIn(`${decdpUrls(system.demo.podUrl).receipts}denied/`);
        return ids.every((id) => denied.some((name) => name.includes(id)));
      },
      120_000,
    );
    for (const id of ids) expect(await recordsFor(system, id)).toEqual([]);
    expect(await namesIn(decdpUrls(system.demo.podUrl).receipts)).not.toEqual(
      expect.arrayContaining([expect.stringContaining(mixed.request.id)]),
    );
  });

  it('answers nothing while the wallet has it paused, and picks the request up when resumed', async () => {
    const control = {
      version: 1,
      clientId: agentFiles.credentials.id,
      resource: agentFiles.credentials.resource,
      createdAt: new Date().toISOString(),
      paused: true,
    };
    await writeJsonDocument({ url: agentControlUrl(system.demo.podUrl), data: control, fetch: owner.fetch });
    await agent?.waitForLine(/paused by the wallet/);
    const signed = await deliverRequest({
      system,
      owner,
      body: { predicates: [{ attribute: 'age', op: 'gte', value: 18 }] },
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await recordsFor(system, signed.request.id)).toEqual([]);
    await writeJsonDocument({
      url: agentControlUrl(system.demo.podUrl),
      data: { ...control, paused: false },
      fetch: owner.fetch,
    });
    await until('the answer after resuming', async () => (await recordsFor(system, signed.request.id)).length > 0);
    await until('its receipt', async () => (await receiptsOf(signed.request.id)).length > 0);
  });

  for (const crashAt of ['after-prove', 'after-answer'] as const) {
    it(`killed ${crashAt.replace('-', ' ')}, answers exactly once after a restart`, async () => {
      await agent?.stop();
      const crashing = start({ DECDP_AGENT_CRASH_AT: crashAt });
      // No reward: the demo person claimed the campaign in the first test, and a campaign pays once.
      const signed = await deliverRequest({
        system,
        owner,
        body: { predicates: [{ attribute: 'age', op: 'gte', value: 18 }] },
      });
      const id = signed.request.id;
      await expect(crashing.exited).resolves.toBe(137);
      expect(await receiptsOf(id)).toEqual([]);
      expect(await recordsFor(system, id)).toHaveLength(crashAt === 'after-answer' ? 1 : 0);
      start();
      await until('the receipt after the restart', async () => (await receiptsOf(id)).length > 0);
      await agent?.waitForLine(new RegExp(`request ${id} .* answered`));
      // Several more polls: still one answer at the merchant, one receipt in the pod.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await recordsFor(system, id)).toHaveLength(1);
      expect(await receiptsOf(id)).toHaveLength(1);
    });
  }

  it('keeps no secret in the clear in its files', async () => {
    const files = readdirSync(dir).map((name) => join(dir, name));
    expect(files).toEqual(expect.arrayContaining([agentFiles.setupPath, agentFiles.journalPath]));
    const secret = system.demo.holderSecret;
    const spellings = [
      secret.toString(),
      secret.toString(16),
      agentFiles.credentials.secret,
      system.demo.recoveryPhrase.split(' ').slice(0, 3).join(' '),
    ];
    for (const file of files) {
      const text = readFileSync(file, 'utf8').toLowerCase();
      for (const spelling of spellings) expect(text, `${file} holds a secret`).not.toContain(spelling.toLowerCase());
    }
    // The search can fail: the journal holds the answers (public signals) and the setup the client id.
    expect(readFileSync(agentFiles.journalPath, 'utf8')).toMatch(/"step":"done"/);
    expect(readFileSync(agentFiles.setupPath, 'utf8')).toContain('decdp.sealed-secret');
  });

  it('stops with a clear line and exit code 3 when the wallet revokes its credentials', async () => {
    await agent?.stop();
    const running = start(undefined, 1_000);
    await running.waitForLine(/agent: started/);
    await deleteClientCredentials({
      baseUrl: system.urls.solid,
      email: system.config.demo?.email ?? '',
      password: system.config.demo?.password ?? '',
      resource: agentFiles.credentials.resource,
    });
    await expect(running.exited).resolves.toBe(3);
    expect(running.lines.join('\n')).toMatch(/agent: stopped: AGENT_LOGIN_REFUSED: .*refused the agent's credentials/);
    // And it does not come back: a restart stops at once with the same line.
    const again = start();
    await expect(again.exited).resolves.toBe(3);
    expect(again.lines.join('\n')).toMatch(/AGENT_LOGIN_REFUSED/);
  });
});
