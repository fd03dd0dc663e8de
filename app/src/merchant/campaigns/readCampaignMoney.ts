// The merchant's money, from the chain (the truth a revocation cannot change): the campaign's
// budget left, its reward per answer, and every reward it paid (the pool's Claimed events).
import { poolInterface, readCampaign } from '@decdp/sdk/chain';
import type { AppConfig } from '../../shared/config.ts';
import { getProvider, readTokenBalance } from '../../shared/tokenBalance.ts';

export type CampaignMoney = {
  campaignId: string;
  rewardPerAnswer: bigint;
  remaining: bigint;
  paused: boolean;
  start: number;
  end: number;
  /** Rewards paid, each with its block. */
  payouts: { amount: bigint; blockNumber: number }[];
  paid: bigint;
  /** The reward token's symbol and decimals: the units the wallet shows too. */
  symbol: string;
  decimals: number;
};

export async function readCampaignMoney(config: AppConfig, campaignId: string): Promise<CampaignMoney> {
  const provider = getProvider(config.rpcUrl, config.chainId);
  const pool = config.contracts.pool;
  const campaign = await readCampaign({ runner: provider, pool, campaignId: BigInt(campaignId) });
  const logs = await provider.getLogs({
    address: pool,
    topics: poolInterface.encodeFilterTopics('Claimed', [BigInt(campaignId)]),
    fromBlock: 0,
  });
  const token = await readTokenBalance({
    rpcUrl: config.rpcUrl,
    chainId: config.chainId,
    token: campaign.token,
    owner: pool,
  });
  const payouts = logs.map((log) => ({
    amount: BigInt(poolInterface.parseLog(log)?.args.amount ?? 0n),
    blockNumber: log.blockNumber,
  }));
  return {
    campaignId,
    rewardPerAnswer: campaign.rewardPerClaim,
    remaining: campaign.remaining,
    paused: campaign.paused,
    start: campaign.start,
    end: campaign.end,
    payouts,
    paid: payouts.reduce((sum, payout) => sum + payout.amount, 0n),
    symbol: token.symbol,
    decimals: token.decimals,
  };
}
