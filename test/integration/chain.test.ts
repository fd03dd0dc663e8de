// Real anvil, real contracts, real proofs: a relayer claims for a consumer, who gets paid once;
// a replay and a redirected reward fail with the contract's own error names.
import { JsonRpcProvider, NonceManager, parseUnits, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Anvil, startAnvil } from '../../scripts/system/startAnvil.ts';
import {
  claimReward,
  createCampaign,
  type Deployment,
  deployContracts,
  mintRewardToken,
  readTokenBalance,
  registerIssuer,
} from '../../sdk/src/chain/index.ts';
import { ChainError } from '../../sdk/src/errors/index.ts';
import { createRequest } from '../../sdk/src/merchant/createRequest.ts';
import { resolvePredicate } from '../../sdk/src/protocol/predicate.ts';
import { SIGNAL_INDEX } from '../../sdk/src/protocol/publicSignals.ts';
import { MERCHANT_PRIVATE_KEY, makeHolder, merchantSigner } from '../../sdk/src/testing/demo.ts';
import { proveRequest } from '../../sdk/src/wallet/proveRequest.ts';
import { releaseProverThreads } from '../../sdk/src/zk/groth16.ts';
import { loadNodeArtifacts } from '../../sdk/src/zk/loadNodeArtifacts.ts';

let anvil: Anvil;
let provider: JsonRpcProvider;
let relayer: NonceManager;
let deployment: Deployment;
let campaign: { campaignId: bigint; scope: bigint };
let holder: Awaited<ReturnType<typeof makeHolder>>;
const consumer = Wallet.createRandom().address;
const predicate = { attribute: 'age', op: 'gte' as const, value: 18 };

beforeAll(async () => {
  anvil = await startAnvil();
  provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { staticNetwork: true, pollingInterval: 50 });
  relayer = new NonceManager(new Wallet(MERCHANT_PRIVATE_KEY, provider));
  deployment = await deployContracts({ signer: relayer });
  holder = await makeHolder();
  await registerIssuer({
    signer: relayer,
    registry: deployment.registry,
    issuerKeyHash: holder.issuer.keyHash,
    name: 'Demo Bank',
  });
  await mintRewardToken({
    signer: relayer,
    token: deployment.token,
    to: await relayer.getAddress(),
    amount: parseUnits('100'),
  });
  const now = Math.floor(Date.now() / 1000);
  campaign = await createCampaign({
    signer: relayer,
    pool: deployment.pool,
    token: deployment.token,
    predicate: await resolvePredicate(predicate, 'predicate'),
    issuerKeyHash: holder.issuer.keyHash,
    rewardPerClaim: parseUnits('5'),
    budget: parseUnits('50'),
    start: now - 60,
    end: now + 3600,
  });
});
afterAll(async () => {
  await releaseProverThreads();
  provider?.destroy();
  await anvil?.stop();
});

/** A proof from a fresh holder: each holder has one nullifier per campaign. */
async function proveForCampaign() {
  const person = await makeHolder({ holderSecret: BigInt(Wallet.createRandom().privateKey) >> 8n });
  const signedRequest = await createRequest({
    signer: merchantSigner(),
    merchant: { name: 'Bike Shop', requestEndpoint: 'http://localhost:1/requests' },
    predicates: [predicate],
    purpose: { code: 'reward', text: 'Adults get 5 DCDP' },
    retentionDays: 30,
    reward: {
      chainId: deployment.chainId,
      pool: deployment.pool,
      campaignId: campaign.campaignId.toString(),
      scope: campaign.scope.toString(),
      token: deployment.token,
      amount: parseUnits('5').toString(),
    },
  });
  const bundle = await proveRequest({
    signedRequest,
    credentials: person.credentials,
    holderSecret: person.holderSecret,
    recipient: consumer,
    artifacts: await loadNodeArtifacts(),
  });
  const entry = bundle.proofs[0];
  if (!entry) throw new Error('no proof');
  return entry;
}

async function errorNameOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    expect(error).toBeInstanceOf(ChainError);
    return (error as ChainError).errorName;
  }
}

describe('RewardPool on anvil with real proofs', () => {
  it('pays the bound recipient once, whoever relays', async () => {
    const entry = await proveForCampaign();
    const claim = () =>
      claimReward({ signer: relayer, pool: deployment.pool, campaignId: campaign.campaignId, ...entry });
    const result = await claim();
    expect(result.recipient.toLowerCase()).toBe(consumer.toLowerCase());
    expect(await readTokenBalance({ runner: provider, token: deployment.token, owner: consumer })).toBe(
      parseUnits('5'),
    );
    expect(result.gasUsed).toBeGreaterThan(200_000n);

    expect(await errorNameOf(claim())).toBe('NullifierUsed');
    expect(await readTokenBalance({ runner: provider, token: deployment.token, owner: consumer })).toBe(
      parseUnits('5'),
    );
  });

  it('refuses a front-run that redirects the reward', async () => {
    const entry = await proveForCampaign();
    const attacker = Wallet.createRandom().address;
    const signals = [...entry.publicSignals];
    signals[SIGNAL_INDEX.recipient] = BigInt(attacker).toString();
    const name = await errorNameOf(
      claimReward({
        signer: relayer,
        pool: deployment.pool,
        campaignId: campaign.campaignId,
        proof: entry.proof,
        publicSignals: signals,
      }),
    );
    expect(name).toBe('InvalidProof');
    expect(await readTokenBalance({ runner: provider, token: deployment.token, owner: attacker })).toBe(0n);
  });

  it('refuses malformed proof bytes and another campaign', async () => {
    const entry = await proveForCampaign();
    const broken = { ...entry.proof, pi_a: ['1', '2', '1'] };
    expect(
      await errorNameOf(
        claimReward({
          signer: relayer,
          pool: deployment.pool,
          campaignId: campaign.campaignId,
          proof: broken,
          publicSignals: entry.publicSignals,
        }),
      ),
    ).toBe('InvalidProof');
    expect(await errorNameOf(claimReward({ signer: relayer, pool: deployment.pool, campaignId: 999n, ...entry }))).toBe(
      'CampaignNotFound',
    );
  });
});
