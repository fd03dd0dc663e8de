// The pod document /decdp/masks/<maskId>.json for a chain mask (docs/masks.md § The pod document):
// the person's own record of wearing it, of each period's contribution and of each request it
// answered, so the wallet refuses a second contribution in a period before proving and shows an
// answered request as answered after a reload. No secret is in it.
import {
  MAX_KEPT_MASK_ANSWERS,
  type MaskAnswerRecord,
  type MaskDefinition,
  type MaskMembership,
  type MaskSignal,
  newMaskMembership,
  type SignedMaskRequest,
} from '@decdp/sdk/masks';

export type MaskMembershipEntry = { url: string; value: MaskMembership };

export function membershipOnJoin(params: { holderSecret: bigint; mask: MaskDefinition }): MaskMembership {
  return newMaskMembership({ ...params, nowSeconds: Math.floor(Date.now() / 1000) });
}

export function membershipAfterContribution(params: {
  membership: MaskMembership;
  epoch: number;
  signal: MaskSignal;
}): MaskMembership {
  return {
    ...params.membership,
    contributions: [
      ...params.membership.contributions,
      { epoch: params.epoch, contributedAt: new Date().toISOString(), signal: params.signal },
    ],
  };
}

/** How long an answered request stays in the pod after it expired: the person's own history. */
const KEEP_EXPIRED_ANSWER_SECONDS = 30 * 86_400;

/**
 * The membership document with one more answered request (the board accepted it): the wallet shows
 * it answered after a reload and never offers to answer it again. Records of requests expired more
 * than 30 days ago are dropped, and at most MAX_KEPT_MASK_ANSWERS are kept.
 */
export function membershipAfterAnswer(params: {
  membership: MaskMembership;
  signedRequest: SignedMaskRequest;
  recipient: string | null;
  nowSeconds: number;
}): MaskMembership {
  const { request } = params.signedRequest;
  const record: MaskAnswerRecord = {
    requestId: request.id,
    merchant: { name: request.merchant.name, address: request.merchant.address },
    purpose: request.purpose,
    ...(request.offers ? { offers: request.offers } : {}),
    expiresAt: request.expiresAt,
    answeredAt: new Date(params.nowSeconds * 1000).toISOString(),
    recipient: params.recipient,
  };
  const kept = (params.membership.answers ?? []).filter(
    (entry) => entry.requestId !== request.id && entry.expiresAt + KEEP_EXPIRED_ANSWER_SECONDS > params.nowSeconds,
  );
  return { ...params.membership, answers: [...kept, record].slice(-MAX_KEPT_MASK_ANSWERS) };
}

/** What answering told the shop, in the wallet's words. */
export function answerProvedInWords(params: { maskName: string; record: MaskAnswerRecord }): string {
  const { maskName, record } = params;
  return record.recipient
    ? `You proved to ${record.merchant.name} that you wear “${maskName}” (not which member you are) and gave it your reward address for this shop only.`
    : `You proved to ${record.merchant.name} that you wear “${maskName}” (not which member you are); nothing else.`;
}
