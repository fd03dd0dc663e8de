// Before offering "Approve and prove": can this wallet answer the request at all (a credential
// that satisfies every predicate), and can its reward still be paid to this person (not received
// already, campaign paying now)? Nothing leaves the device: credentials are checked here, the
// campaign and the person's reward nullifier are read from the wallet's own chain node.
import {
  type AttributeCredential,
  type ConsentReceipt,
  resolvePredicate,
  type SignedRequest,
} from '@decdp/sdk/protocol';
import { pickCredential, type RewardOutlook, readRewardOutlook } from '@decdp/sdk/wallet';
import type { AppConfig } from '../../shared/config.ts';
import { errorInWords } from '../../shared/errors.ts';
import { getProvider } from '../../shared/tokenBalance.ts';

export type RequestCheck = {
  /** Why the credentials cannot answer, in words; null when they can. */
  unsatisfied: string | null;
  /** The reward's outlook for this person; null when the request pays none (or it could not be read). */
  reward: RewardOutlook | null;
};

/** Null when every predicate has a credential that satisfies it, else the first reason in words. */
export async function whyCredentialsFail(
  signed: SignedRequest,
  credentials: readonly AttributeCredential[],
  now: number,
): Promise<string | null> {
  try {
    for (const [index, requested] of signed.request.predicates.entries()) {
      const field = `request.predicates[${index}]`;
      pickCredential(credentials, await resolvePredicate(requested, field), now, field);
    }
    return null;
  } catch (error) {
    return errorInWords(error).message;
  }
}

/**
 * The reward's outlook: "claimed" at once when an answer for the same campaign is already in the
 * pod (the merchant would refuse a second one), else what the chain says.
 */
export async function rewardOutlookOf(params: {
  signed: SignedRequest;
  config: AppConfig;
  holderSecret: bigint;
  /** The person's receipts, each with the signed request it answered (when still at hand). */
  answered: readonly { receipt: ConsentReceipt; signed: SignedRequest | undefined }[];
}): Promise<RewardOutlook | null> {
  const reward = params.signed.request.reward;
  if (!reward) return null;
  const earlier = params.answered.find(
    ({ receipt, signed }) =>
      receipt.requestId !== params.signed.request.id && signed?.request.reward?.scope === reward.scope,
  );
  if (earlier) {
    return {
      state: 'claimed',
      message: `You already answered this campaign on ${new Date(earlier.receipt.createdAt).toLocaleDateString()}: one reward per person.`,
    };
  }
  return readRewardOutlook({
    signedRequest: params.signed,
    runner: getProvider(params.config.rpcUrl, params.config.chainId),
    pool: params.config.contracts.pool,
    holderSecret: params.holderSecret,
  });
}
