// "Claim reward": the merchant recorded an answer but could not relay its reward claim. Sending
// the same answer again makes the merchant relay the claim (it pays the gas; the person needs no
// ETH). On success the receipt gets the transaction hash and the balance is read again.
import type { ConsentReceipt } from '@decdp/sdk/protocol';
import type { AppConfig } from '../shared/config.ts';
import { RemoteError } from '../shared/errors.ts';
import { answerRequest } from '../shared/merchantService.ts';
import { waitForTransaction } from '../shared/tokenBalance.ts';
import { type PodFetch, saveReceipt } from './pod.ts';
import { queueReceipt } from './receiptOutbox.ts';
import { CLAIM_WINDOW_SECONDS, canStillClaim, dropUnclaimed, type UnclaimedReward } from './unclaimedRewards.ts';

export async function claimReward(params: {
  config: AppConfig;
  podUrl: string;
  webId: string;
  fetch: PodFetch;
  receipt: ConsentReceipt;
  unclaimed: UnclaimedReward;
  now?: number;
}): Promise<{ receipt: ConsentReceipt; txHash: string }> {
  const { config, unclaimed } = params;
  const now = params.now ?? Math.floor(Date.now() / 1000);
  if (!canStillClaim(unclaimed, now)) {
    throw new RemoteError({
      code: 'CLAIM_WINDOW_PASSED',
      message: `This reward can no longer be claimed: the merchant accepts an answer for ${CLAIM_WINDOW_SECONDS / 60} minutes after it was proved.`,
      hint: 'Ask the merchant to pay it; your consent receipt shows the answer was recorded.',
    });
  }
  const answer = await answerRequest(config.merchantService, unclaimed.requestId, unclaimed.bundle);
  if (!answer.reward) {
    throw new RemoteError({
      code: answer.rewardError?.code ?? 'REWARD_NOT_PAID',
      message: `The merchant still could not pay the reward${answer.rewardError ? `: ${answer.rewardError.message}` : '.'}`,
      hint: 'Try again in a minute.',
    });
  }
  await waitForTransaction({ rpcUrl: config.rpcUrl, chainId: config.chainId, txHash: answer.reward.txHash });
  const reward = params.receipt.reward ?? { amount: answer.reward.amount, token: config.contracts.token, txHash: null };
  const receipt: ConsentReceipt = { ...params.receipt, reward: { ...reward, txHash: answer.reward.txHash } };
  try {
    await saveReceipt({ podUrl: params.podUrl, receipt, fetch: params.fetch });
  } catch {
    queueReceipt(localStorage, params.webId, receipt);
  }
  dropUnclaimed(localStorage, params.webId, receipt.id);
  return { receipt, txHash: answer.reward.txHash };
}
