// The consent receipt the wallet keeps after an answer (protocol/consentReceipt.ts).
import {
  type ConsentReceipt,
  describePredicate,
  type ProofBundle,
  parseConsentReceipt,
  proofBundleHash,
  type SignedRequest,
} from '@decdp/sdk/protocol';
import type { AnswerResult } from '../shared/merchantService.ts';

export function buildConsentReceipt(params: {
  signedRequest: SignedRequest;
  bundle: ProofBundle;
  answer: AnswerResult;
}): ConsentReceipt {
  const { request } = params.signedRequest;
  const { record, reward } = params.answer;
  return parseConsentReceipt({
    version: 1,
    // Deterministic: answering the same request again (a duplicate) overwrites, never piles up.
    id: `${request.merchant.address.slice(2, 10).toLowerCase()}-${request.id}-${record.id}`,
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
