// Before answering a rewarded request: does its reward exist as the request says? The request
// names the campaign's nullifier scope (`reward.scope`), and the proof binds the person's nullifier
// for that scope. A merchant that named another campaign's scope (or a mask's admission scope)
// would learn the nullifier the person uses there and could link the two, so the wallet compares
// the reward with the campaign on its own chain and pool before it proves anything.
import { type ContractRunner, getAddress } from 'ethers';
import { readCampaign } from '../chain/campaigns.ts';
import { InvalidInputError } from '../errors/index.ts';
import type { SignedRequest } from '../protocol/request.ts';

/**
 * Throws InvalidInputError (field `request.reward.<name>`) unless the reward is on the wallet's
 * chain and pool and its campaign exists there with that scope and token. No reward: nothing to check.
 * @example await checkRequestReward({ signedRequest, runner: provider, chainId: config.chainId, pool: config.contracts.pool });
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
