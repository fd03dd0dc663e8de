// A real anvil with the contracts deployed, the demo issuer registered and the relayer funded:
// the chain every on-chain integration test starts from, with campaigns for "age ≥ 18".

import {
  createCampaign,
  type Deployment,
  deployContracts,
  mined,
  mintRewardToken,
  registerIssuer,
} from '@decdp/sdk/chain';
import { createRequest } from '@decdp/sdk/merchant';
import type { AttributeRequest, SignedRequest } from '@decdp/sdk/protocol';
import { resolvePredicate } from '@decdp/sdk/protocol';
import { MERCHANT_PRIVATE_KEY, makeHolder, merchantSigner } from '@decdp/sdk/testing';
import { type BaseContract, JsonRpcProvider, NonceManager, parseUnits, Wallet } from 'ethers';
import { type Anvil, startAnvil } from '../../scripts/system/startAnvil.ts';

export type Campaign = { campaignId: bigint; scope: bigint };
export type RequestReward = NonNullable<AttributeRequest['reward']>;

export const REWARD_PREDICATE = { attribute: 'age', op: 'gte' as const, value: 18 };
export const REWARD = parseUnits('5');

export type RewardChain = {
  anvil: Anvil;
  provider: JsonRpcProvider;
  /** The merchant's key: deploys, funds campaigns, relays claims. */
  relayer: NonceManager;
  deployment: Deployment;
  /** The demo holder, whose issuer is registered. */
  holder: Awaited<ReturnType<typeof makeHolder>>;
  /** The latest block's timestamp. */
  chainNow(): Promise<number>;
  /** A campaign for REWARD_PREDICATE paying REWARD, open from a minute ago for `durationSeconds`. */
  newCampaign(options?: { budget?: bigint; end?: number; durationSeconds?: number }): Promise<Campaign>;
  /** The `reward` of a request that pays REWARD from `campaign`. */
  rewardOf(campaign: Campaign): RequestReward;
  /** A request for REWARD_PREDICATE, signed by the demo merchant, that pays from `campaign`. */
  rewardedRequest(params: { campaign: Campaign; purpose: string; now: number }): Promise<SignedRequest>;
  stop(): Promise<void>;
};

export async function startRewardChain(): Promise<RewardChain> {
  const anvil = await startAnvil();
  const provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { staticNetwork: true, pollingInterval: 50 });
  const stop = async () => {
    provider.destroy();
    await anvil.stop();
  };
  const relayer = new NonceManager(new Wallet(MERCHANT_PRIVATE_KEY, provider));
  let deployment: Deployment;
  let holder: Awaited<ReturnType<typeof makeHolder>>;
  try {
    deployment = await deployContracts({ signer: relayer });
    holder = await makeHolder();
    await registerIssuer({
      signer: relayer,
      registry: deployment.registry,
      issuerKeyHash: holder.issuer.keyHash,
      publicKey: holder.issuer.publicKey,
      name: 'Demo Bank',
    });
    await mintRewardToken({
      signer: relayer,
      token: deployment.token,
      to: await relayer.getAddress(),
      amount: parseUnits('1000'),
    });
  } catch (error) {
    // A set-up that fails half-way stops the chain it started.
    await stop();
    throw error;
  }
  const chainNow = async () => (await provider.getBlock('latest'))?.timestamp ?? Math.floor(Date.now() / 1000);
  const rewardOf = (campaign: Campaign): RequestReward => ({
    chainId: deployment.chainId,
    pool: deployment.pool,
    campaignId: campaign.campaignId.toString(),
    scope: campaign.scope.toString(),
    token: deployment.token,
    amount: REWARD.toString(),
  });
  return {
    anvil,
    provider,
    relayer,
    deployment,
    holder,
    chainNow,
    async newCampaign(options = {}) {
      const now = await chainNow();
      return createCampaign({
        signer: relayer,
        pool: deployment.pool,
        predicate: await resolvePredicate(REWARD_PREDICATE, 'predicate'),
        issuerKeyHashes: [holder.issuer.keyHash],
        rewardPerClaim: REWARD,
        budget: options.budget ?? parseUnits('50'),
        start: now - 60,
        end: options.end ?? now + (options.durationSeconds ?? 3600),
      });
    },
    rewardOf,
    rewardedRequest({ campaign, purpose, now }) {
      return createRequest({
        signer: merchantSigner(),
        // Nothing listens there: the tests hand answers and claims over themselves.
        merchant: { name: 'Bike Shop', requestEndpoint: 'http://localhost:9/requests' },
        predicates: [REWARD_PREDICATE],
        purpose: { code: 'reward', text: purpose },
        retentionDays: 30,
        reward: rewardOf(campaign),
        now,
      });
    },
    stop,
  };
}

/** A contract once its deployment is mined (ethers' waitForDeployment can miss the block, as tx.wait() can: see `mined`). */
export async function deployed<Deployed extends BaseContract>(deploying: Promise<Deployed>): Promise<Deployed> {
  const contract = await deploying;
  const sent = contract.deploymentTransaction();
  if (sent) await mined(sent);
  return contract;
}
