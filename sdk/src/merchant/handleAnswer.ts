// The merchant's side of an answer (POST /requests/:id/answers): verify the bundle against the
// merchant's own request, keep the light record (the store refuses a spent nullifier), and relay
// the reward when the request names the merchant's campaign. A failed relay does not undo the
// answer: it is verified and recorded; the person claims later with a fresh proof (POST /claims).

import { errorBody } from '../errors/errorResponse.ts';
import { InvalidInputError } from '../errors/index.ts';
import type { VerifiedBundle } from '../proof/verifyProofBundle.ts';
import { canonicalJson } from '../protocol/canonicalJson.ts';
import { type ProofBundle, parseProofBundle } from '../protocol/proofBundle.ts';
import {
  type AttributeRequest,
  assertRequestFresh,
  type RequestPredicate,
  type SignedRequest,
} from '../protocol/request.ts';
import type { LightRecord, MerchantStore } from '../store/merchantStore.ts';

export type RewardCampaign = NonNullable<AttributeRequest['reward']>;

/** The merchant's reward campaign: its on-chain predicate and how a proof of it becomes a payout. */
export type AnswerRewards = {
  campaign: RewardCampaign;
  /** Every rewarded request includes it; its proof is relayed as the claim. */
  predicate: RequestPredicate;
  /** Relays the predicate's proof as a claim; returns the transaction hash. */
  relayClaim: (params: { proof: ProofBundle['proofs'][number]; campaign: RewardCampaign }) => Promise<string>;
};

export type AnswerResponse = {
  record: LightRecord;
  duplicate: boolean;
  reward: { txHash: string; amount: string } | null;
  /** The answer is recorded but relaying the reward failed; claim it with a fresh proof (POST /claims). */
  rewardError?: { code: string; message: string };
};

export type HandleAnswerParameters = {
  /** The request as the merchant signed it (from its own store, never from the wallet). */
  signedRequest: SignedRequest;
  /** Untrusted JSON as the wallet sent it; parsed here. */
  body: unknown;
  /** verifyProofBundle with the merchant's key and issuers (createAnswerVerifier). */
  verify: (params: { signedRequest: SignedRequest; bundle: ProofBundle; now: number }) => Promise<VerifiedBundle>;
  store: MerchantStore;
  rewards?: AnswerRewards;
  /** Unix seconds. */
  now: number;
  /** Told when a relay fails (the answer stands). */
  onRewardError?: (error: { code: string; recordId: number }) => void;
};

/**
 * @example
 * const answer = await handleAnswer({ signedRequest, body: await c.req.json(), verify: verifier.verify, store, now });
 * @since 0.2.0
 */
export async function handleAnswer(params: HandleAnswerParameters): Promise<AnswerResponse> {
  const { signedRequest, store } = params;
  const bundle = parseProofBundle(params.body);
  // Past expiresAt the request is closed, even for a proof made in time: no record, no payout.
  assertRequestFresh(signedRequest.request, params.now);
  const verified = await params.verify({ signedRequest, bundle, now: params.now });
  const { record, duplicate } = await store.save({
    pseudonym: verified.pseudonym,
    requestId: verified.requestId,
    predicates: verified.predicates,
    proofHash: verified.proofHash,
    issuerKeyHashes: verified.issuerKeyHashes,
    nullifier: verified.nullifier,
    nullifierScope: verified.nullifierScope,
    createdAt: verified.verifiedAt,
    expiresAt: verified.verifiedAt + signedRequest.request.retentionDays * 86_400,
    // The person's receipt of this answer, by id; and the proofs, for an auditor, as long as the record.
    consentReceipt: { merchantAddress: signedRequest.request.merchant.address },
    proofBundle: bundle,
  });
  const answer: AnswerResponse = { record, duplicate, reward: null };
  const campaign = signedRequest.request.reward;
  const rewards = params.rewards;
  if (campaign && rewards) {
    const wanted = canonicalJson(rewards.predicate);
    const index = signedRequest.request.predicates.findIndex((predicate) => canonicalJson(predicate) === wanted);
    const proof = bundle.proofs.find((entry) => entry.predicateIndex === index);
    try {
      if (!proof) throw new InvalidInputError('The answer has no proof for the campaign predicate.');
      // A duplicate answer whose relay failed before is relayed again; the chain refuses a second payout.
      const txHash = record.rewardTx ?? (await rewards.relayClaim({ proof, campaign }));
      if (!record.rewardTx) await store.setRewardTx({ id: record.id, txHash });
      record.rewardTx = txHash;
      answer.reward = { txHash, amount: campaign.amount };
    } catch (error) {
      const body = errorBody(error).error;
      answer.rewardError = { code: body.code, message: body.message };
      params.onRewardError?.({ code: body.code, recordId: record.id });
    }
  }
  return answer;
}

/**
 * An answer as recorded earlier (an idempotent replay): the record and its reward, if paid.
 * @since 0.2.0
 */
export async function answerOfRecord(params: {
  record: LightRecord;
  duplicate: boolean;
  store: MerchantStore;
}): Promise<AnswerResponse> {
  const { record } = params;
  const amount = (await params.store.getRequest(record.requestId))?.request.reward?.amount;
  return {
    record,
    duplicate: params.duplicate,
    reward: record.rewardTx && amount ? { txHash: record.rewardTx, amount } : null,
  };
}
