// Before answering a rewarded request: does its reward exist as the request says? The request
// names the campaign's nullifier scope (`reward.scope`), and the proof binds the person's nullifier
// for that scope. A merchant that named another campaign's scope (or a mask's admission scope)
// would learn the nullifier the person uses there and could link the two, so the wallet compares
// the reward with the campaign on its own chain and pool before it proves anything.
import { type ContractRunner, getAddress } from 'ethers';
import { readCampaign } from '../chain/campaigns.ts';
import { connectRewardPool } from '../chain/contracts.generated.ts';
import { InvalidInputError } from '../errors/index.ts';
import { nullifierOf } from '../protocol/publicSignals.ts';
import type { SignedRequest } from '../protocol/request.ts';

/**
 * Throws InvalidInputError (field `request.reward.<name>`) unless the reward is on the wallet's
 * chain and pool and its campaign exists there with that scope and token. No reward: nothing to check.
 * @example await checkRequestReward({ signedRequest, runner: provider, chainId: config.chainId, pool: config.contracts.pool });
 * @since 0.2.0
 */
export async function checkRequestReward(params: {
  signedRequest: SignedRequest;
  /** Reads the pool (a provider of the wallet's own chain). */
  runner: ContractRunner;
  /** The wallet's chain and pool: a request naming others is refused, not followed. */
  chainId: number;
  pool: string;
}): Promise<void> {
  const reward = params.signedRequest.request.reward;
  if (!reward) return;
  const refuse = (name: string, message: string): never => {
    throw new InvalidInputError(message, {
      field: `request.reward.${name}`,
      hint: 'Do not answer: the merchant’s request does not match the reward campaign on-chain.',
    });
  };
  if (reward.chainId !== params.chainId)
    refuse('chainId', `The reward is on chain ${reward.chainId}, not this wallet's.`);
  if (getAddress(reward.pool) !== getAddress(params.pool)) refuse('pool', 'The reward names another reward pool.');
  const campaign = await readCampaign({
    runner: params.runner,
    pool: params.pool,
    campaignId: BigInt(reward.campaignId),
  });
  if (campaign.scope !== BigInt(reward.scope)) {
    refuse(
      'scope',
      `The reward's scope is not campaign ${reward.campaignId}'s: the proof would reveal another nullifier.`,
    );
  }
  if (getAddress(campaign.token) !== getAddress(reward.token)) {
    refuse('token', `Campaign ${reward.campaignId} pays in another token than the request says.`);
  }
}

/** Whether the reward a request offers can still be paid to this person, and if not why, in words. */
export type RewardOutlook =
  | { state: 'payable' }
  | { state: 'claimed' | 'paused' | 'exhausted' | 'ended' | 'not-started'; message: string };

/**
 * Before offering Approve on a rewarded request: is the campaign paying now (not paused, started,
 * not ended, budget left for one more reward), and has this person's nullifier for its scope been
 * paid already (one reward per person per campaign)? The nullifier is read from the wallet's own
 * chain node, the one that serves the campaign and the balance; it goes on-chain with any claim.
 * @example const outlook = await readRewardOutlook({ signedRequest, runner: provider, pool, holderSecret });
 * @since 0.2.0
 */
export async function readRewardOutlook(params: {
  signedRequest: SignedRequest;
  runner: ContractRunner;
  pool: string;
  holderSecret: bigint;
  /** Unix seconds; default now. */
  now?: number;
}): Promise<RewardOutlook | null> {
  const reward = params.signedRequest.request.reward;
  if (!reward) return null;
  const campaignId = BigInt(reward.campaignId);
  const campaign = await readCampaign({ runner: params.runner, pool: params.pool, campaignId });
  const nullifier = await nullifierOf({ holderSecret: params.holderSecret, nullifierScope: BigInt(reward.scope) });
  if (await connectRewardPool(params.pool, params.runner).nullifierUsed(nullifier)) {
    return { state: 'claimed', message: 'You already received this campaign’s reward: one reward per person.' };
  }
  const now = params.now ?? Math.floor(Date.now() / 1000);
  if (campaign.paused) {
    return {
      state: 'paused',
      message: 'The campaign is paused: the reward cannot be paid now (you may claim it later).',
    };
  }
  if (now < campaign.start) return { state: 'not-started', message: 'The campaign has not started: no reward yet.' };
  if (now >= campaign.end) return { state: 'ended', message: 'The campaign has ended: no reward will be paid.' };
  if (campaign.remaining < campaign.rewardPerClaim) {
    return { state: 'exhausted', message: 'The campaign’s budget is used up: no reward will be paid.' };
  }
  return { state: 'payable' };
}
