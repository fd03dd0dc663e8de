// POST /claims against a real anvil: the merchant relays a fresh claim proof long after the
// answer's 10-minute window (the chain clock moved on), pays the recipient bound in the proof,
// and refuses before spending gas what the pool would refuse (spent nullifier, stale proof, a
// statement of another campaign); a refusal only the chain sees (a paused campaign) comes back
// with the pool's code and the status from the one table. With `batch`, claims that arrive together
// go out in one claimRewardBatch transaction (gas per claim printed).

import {
  type Deployment,
  pauseCampaign,
  readCampaignStatement,
  readTokenBalance,
  unpauseCampaign,
} from '@decdp/sdk/chain';
import type { MerchantStore } from '@decdp/sdk/merchant';
import { createChainClaimRelay, ERROR_STATUS } from '@decdp/sdk/merchant';
import {
  createMerchantService,
  createOperatorToken,
  type MerchantServiceOptions,
  openSqliteStore,
} from '@decdp/sdk/merchant/node';
import type { SignedRequest } from '@decdp/sdk/protocol';
import { makeHolder, merchantSigner } from '@decdp/sdk/testing';
import { type CampaignClaim, proveCampaignClaim, proveRequest } from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { type CredentialArtifacts, loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { type JsonRpcProvider, type NonceManager, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Campaign, REWARD, REWARD_PREDICATE, type RewardChain, startRewardChain } from './rewardChain.ts';

let chain: RewardChain;
let provider: JsonRpcProvider;
let relayer: NonceManager;
let deployment: Deployment;
let campaign: Campaign;
let issuer: RewardChain['holder'];
let artifacts: CredentialArtifacts;
let store: MerchantStore;
let app: ReturnType<typeof createMerchantService>;
let signed: SignedRequest;
const predicate = REWARD_PREDICATE;
const json = { 'content-type': 'application/json' };
const chainNow = () => chain.chainNow();
const newCampaign = (budget?: bigint) => chain.newCampaign({ budget, durationSeconds: 30 * 86_400 });

/** A new person (one nullifier per campaign) whose credentials were issued a minute before `now`. */
async function person(now: number) {
  return makeHolder({ holderSecret: BigInt(Wallet.createRandom().privateKey) >> 8n, now: now - 60 });
}

/** What the wallet does: a fresh proof of the campaign predicate, the statement checked on the pool. */
async function claimFor(params: {
  holder: Awaited<ReturnType<typeof makeHolder>>;
  recipient: string;
  now: number;
  request?: SignedRequest;
}): Promise<CampaignClaim> {
  const request = params.request ?? signed;
  const pool = deployment.pool;
  return proveCampaignClaim({
    signedRequest: request,
    credentials: params.holder.credentials,
    holderSecret: params.holder.holderSecret,
    recipient: params.recipient,
    artifacts,
    now: params.now,
    isCampaignStatement: async (statementHash) => {
      const campaignId = BigInt(request.request.reward?.campaignId ?? 0);
      return (await readCampaignStatement({ runner: provider, pool, campaignId, statementHash })) !== null;
    },
  });
}

const postClaim = (body: unknown, headers: Record<string, string> = json) =>
  app.request('/claims', { method: 'POST', body: JSON.stringify(body), headers });

async function refusal(response: Response): Promise<[number, string]> {
  const body = (await response.json()) as { error?: { code: string } };
  return [response.status, body.error?.code ?? 'none'];
}

/** The merchant service under test: the demo merchant, this test's store, no rate limit. */
function merchantService(options: Pick<MerchantServiceOptions, 'rewards' | 'claims'>) {
  return createMerchantService({
    signer: merchantSigner(),
    name: 'Bike Shop',
    publicUrl: 'http://localhost:9/',
    store,
    verificationKey: artifacts.verificationKey,
    trustedIssuers: [issuer.issuer.keyHash],
    allowedOrigins: [],
    rateLimit: false,
    ...options,
  });
}

beforeAll(async () => {
  chain = await startRewardChain();
  ({ provider, relayer, deployment, holder: issuer } = chain);
  artifacts = await loadNodeArtifacts();
  campaign = await newCampaign();
  store = openSqliteStore({ path: ':memory:' });
  app = merchantService({
    rewards: {
      campaign: chain.rewardOf(campaign),
      predicate,
      // The answer's own relay fails (as when the pool was unreachable): the person claims later.
      relayClaim: async () => {
        throw new Error('relay down');
      },
    },
    claims: createChainClaimRelay({ signer: relayer, pool: deployment.pool }),
  });
  const { token } = await createOperatorToken({ store, name: 'tests', scopes: ['requests:write'] });
  const created = await app.request('/requests', {
    method: 'POST',
    headers: { ...json, authorization: `Bearer ${token}` },
    body: JSON.stringify({
      predicates: [predicate],
      purpose: { code: 'r', text: 'Adults get 5 DCDP' },
      retentionDays: 30,
      reward: true,
    }),
  });
  expect(created.status).toBe(201);
  signed = (await created.json()) as SignedRequest;
}, 120_000);
afterAll(async () => {
  await releaseProverThreads();
  await store?.close();
  await chain?.stop();
});

describe('POST /claims on anvil', () => {
  it('pays a claim made after the answer window to the recipient in the proof, once', async () => {
    const now = await chainNow();
    const holder = await person(now);
    const recipient = Wallet.createRandom().address;
    const bundle = await proveRequest({
      signedRequest: signed,
      credentials: holder.credentials,
      holderSecret: holder.holderSecret,
      recipient,
      artifacts,
      now,
    });
    const answer = await app.request(`/requests/${signed.request.id}/answers`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(bundle),
    });
    expect(answer.status).toBe(201);
    expect(await answer.json()).toMatchObject({ reward: null, rewardError: { code: 'INTERNAL' } });

    // Eleven minutes later the answer is stale for the merchant; a fresh claim proof is not.
    await provider.send('evm_increaseTime', [11 * 60]);
    await provider.send('evm_mine', []);
    const later = await chainNow();
    const claim = await claimFor({ holder, recipient, now: later });
    expect(claim.publicSignals[1]).toBe(bundle.proofs[0]?.publicSignals[1]); // the answer's nullifier
    const paid = await postClaim(claim, { ...json, 'idempotency-key': 'claim-anvil-1' });
    expect(paid.status).toBe(201);
    const body = (await paid.json()) as { txHash: string; blockNumber: number; recipient: string; amount: string };
    expect(body.recipient).toBe(recipient.toLowerCase());
    expect(body.amount).toBe(REWARD.toString());
    const receipt = await provider.getTransactionReceipt(body.txHash);
    expect(receipt?.blockNumber).toBe(body.blockNumber);
    expect(receipt?.status).toBe(1);
    expect(await readTokenBalance({ runner: provider, token: deployment.token, owner: recipient })).toBe(REWARD);

    const replay = await postClaim(claim, { ...json, 'idempotency-key': 'claim-anvil-1' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(body);
    // Without the key, the spent nullifier is seen before any gas is spent.
    const nonce = await provider.getTransactionCount(await relayer.getAddress());
    expect(await refusal(await postClaim(claim))).toEqual([409, 'NULLIFIER_REUSED']);
    expect(await provider.getTransactionCount(await relayer.getAddress())).toBe(nonce);
    expect(await readTokenBalance({ runner: provider, token: deployment.token, owner: recipient })).toBe(REWARD);
  });

  it('refuses off-chain a stale proof and a statement of another campaign, spending no gas', async () => {
    const now = await chainNow();
    const nonce = await provider.getTransactionCount(await relayer.getAddress());
    const stale = await claimFor({
      holder: await person(now - 2 * 3600),
      recipient: Wallet.createRandom().address,
      now: now - 2 * 3600,
    });
    expect(await refusal(await postClaim(stale))).toEqual([422, 'PROOF_MISMATCH']);

    const other = await newCampaign();
    const otherRequest = await chain.rewardedRequest({ campaign: other, purpose: 'Another campaign', now });
    const foreign = await claimFor({
      holder: await person(now),
      recipient: Wallet.createRandom().address,
      now,
      request: otherRequest,
    });
    // Sent as a claim of this merchant's campaign: the statement is the other campaign's.
    const response = await postClaim({ ...foreign, campaignId: campaign.campaignId.toString() });
    expect(await refusal(response)).toEqual([422, 'PROOF_MISMATCH']);
    // The other campaign is not this merchant's to relay.
    expect(await refusal(await postClaim(foreign))).toEqual([404, 'NOT_FOUND']);
    // Only the second campaign's creation was sent (2 transactions: approve, create).
    expect(await provider.getTransactionCount(await relayer.getAddress())).toBe(nonce + 2);
  });

  it('answers a refusal only the chain sees with the pool code and the table status', async () => {
    await pauseCampaign({ signer: relayer, pool: deployment.pool, campaignId: campaign.campaignId });
    const now = await chainNow();
    const recipient = Wallet.createRandom().address;
    const claim = await claimFor({ holder: await person(now), recipient, now });
    const paused = await postClaim(claim);
    expect(await refusal(paused)).toEqual([ERROR_STATUS.CAMPAIGN_PAUSED, 'CAMPAIGN_PAUSED']);
    await unpauseCampaign({ signer: relayer, pool: deployment.pool, campaignId: campaign.campaignId });
    const paid = await postClaim(claim);
    expect(paid.status).toBe(201);
    expect(await readTokenBalance({ runner: provider, token: deployment.token, owner: recipient })).toBe(REWARD);
  });

  it('batches claims that arrive together into one transaction; a claim the pool skips fails alone', async () => {
    // A campaign with budget for two claims, relayed in batches.
    const small = await newCampaign(2n * REWARD);
    const batched = merchantService({
      rewards: { campaign: chain.rewardOf(small), predicate, relayClaim: async () => '0x' },
      claims: createChainClaimRelay({ signer: relayer, pool: deployment.pool, batch: { windowMs: 300 } }),
    });
    const now = await chainNow();
    const request = await chain.rewardedRequest({ campaign: small, purpose: 'Small campaign', now });
    const recipients = Array.from({ length: 3 }, () => Wallet.createRandom().address);
    const claims = await Promise.all(
      recipients.map(async (recipient) => claimFor({ holder: await person(now), recipient, now, request })),
    );
    // For comparison: one claim relayed alone (the main campaign, its own transaction).
    const alone = await postClaim(
      await claimFor({ holder: await person(now), recipient: Wallet.createRandom().address, now }),
    );
    expect(alone.status).toBe(201);
    const aloneTx = ((await alone.json()) as { txHash: string }).txHash;
    const singleGas = (await provider.getTransactionReceipt(aloneTx))?.gasUsed ?? 0n;

    const started = performance.now();
    const responses = await Promise.all(
      claims.map((claim) => batched.request('/claims', { method: 'POST', body: JSON.stringify(claim), headers: json })),
    );
    const elapsed = performance.now() - started;
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as {
      txHash?: string;
      error?: { code: string };
    }[];
    // Two paid in one transaction; the one the pool skipped (budget spent) is refused alone.
    const statuses = responses.map((response) => response.status);
    expect([...statuses].sort()).toEqual([201, 201, 409]);
    const skipped = statuses.indexOf(409);
    expect(bodies[skipped]?.error?.code).toBe('BUDGET_EXHAUSTED');
    const paid = bodies.filter((_, index) => index !== skipped);
    expect(paid[0]?.txHash).toBe(paid[1]?.txHash);
    const balances = await Promise.all(
      recipients.map((owner) => readTokenBalance({ runner: provider, token: deployment.token, owner })),
    );
    expect(balances).toEqual(recipients.map((_, index) => (index === skipped ? 0n : REWARD)));
    const batchGas = (await provider.getTransactionReceipt(paid[0]?.txHash ?? ''))?.gasUsed ?? 0n;
    console.info(
      `[claims] one claim alone: ${singleGas} gas; a batch of 3 (2 paid, 1 skipped): ${batchGas} gas; answered in ${Math.round(elapsed)} ms (window 300 ms)`,
    );
    expect(batchGas).toBeLessThan(2n * singleGas);
  });
});
