// The consent receipt the wallet keeps after an answer (protocol/consentReceipt.ts).
// Shared by the wallet page and the wallet agent.
import { type ConsentReceipt, consentReceiptIdOf, parseConsentReceipt } from '../protocol/consentReceipt.ts';
import { describePredicate } from '../protocol/predicate.ts';
import { type ProofBundle, proofBundleHash } from '../protocol/proofBundle.ts';
import type { SignedRequest } from '../protocol/request.ts';

/** What the merchant answered to a proof (POST /requests/:id/answers), as far as the receipt needs it. */
export type RecordedAnswer = {
  record: { id: number; pseudonym: string; createdAt: number };
  reward: { txHash: string; amount: string } | null;
};

/** @since 0.2.0 */
export function buildConsentReceipt(params: {
  signedRequest: SignedRequest;
  bundle: ProofBundle;
  answer: RecordedAnswer;
}): ConsentReceipt {
  const { request } = params.signedRequest;
  const { record, reward } = params.answer;
  return parseConsentReceipt({
    version: 1,
    // Deterministic: answering the same request again (a duplicate) overwrites, never piles up.
    id: consentReceiptIdOf({ merchantAddress: request.merchant.address, requestId: request.id, recordId: record.id }),
    requestId: request.id,
    merchant: { ...request.merchant },
    predicates: request.predicates.map(describePredicate),
    purpose: { ...request.purpose },
    retentionDays: request.retentionDays,
    proofHash: proofBundleHash(params.bundle),
    pseudonym: record.pseudonym,
    createdAt: new Date(record.createdAt * 1000).toISOString(),
    recordId: record.id,
    reward: request.reward
      ? { amount: reward?.amount ?? request.reward.amount, token: request.reward.token, txHash: reward?.txHash ?? null }
      : null,
    status: 'active',
    revokedAt: null,
  });
}
