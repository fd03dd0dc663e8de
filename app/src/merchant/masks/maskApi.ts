// The merchant service's mask routes as the Masks screen calls them (docs/merchant.md § The
// merchant page), with the operator's bearer token: the masks with their profiles, the requests
// sent to a mask's members with their answers and payouts, and paying the unpaid answers.
import type { MaskPayoutResult, MaskRequestBody, MaskRequestView, MaskView } from '@decdp/sdk/protocol';
import { callMerchantService } from '../../shared/merchantService.ts';

/** The service's own shapes (docs/masks.md; types only, nothing Node-only reaches the page). */
export type { MaskRequestBody, MaskRequestView, MaskView };
export type MaskPayout = MaskPayoutResult;

export async function listMasks(base: string, operatorToken: string): Promise<MaskView[]> {
  return (await callMerchantService<{ masks: MaskView[] }>(base, 'operator/masks', { operatorToken })).masks;
}

export async function listMaskRequests(base: string, operatorToken: string): Promise<MaskRequestView[]> {
  return (await callMerchantService<{ requests: MaskRequestView[] }>(base, 'operator/mask-requests', { operatorToken }))
    .requests;
}

export function sendMaskRequest(base: string, body: MaskRequestBody, operatorToken: string): Promise<MaskRequestView> {
  return callMerchantService<MaskRequestView>(base, 'operator/mask-requests', { method: 'POST', body, operatorToken });
}

/** Pays every unpaid answer of the request: token transfers, which cannot be undone. */
export function payMaskAnswers(base: string, requestId: string, operatorToken: string): Promise<MaskPayout> {
  return callMerchantService<MaskPayout>(base, `operator/mask-requests/${encodeURIComponent(requestId)}/payouts`, {
    method: 'POST',
    body: {},
    operatorToken,
  });
}
