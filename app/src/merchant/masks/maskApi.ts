// The merchant service's mask routes as the Masks screen calls them (docs/merchant.md § The
// merchant page), with the operator's bearer token: the masks with their profiles, the requests
// sent to a mask's members with their answers and payouts, and paying the unpaid answers.
import type { MaskProfileCount } from '@decdp/sdk/masks';
import { callMerchantService } from '../../shared/merchantService.ts';

/** A mask as the merchant may see it: its size against k, and its profile only when k allows one. */
export type MaskView = {
  maskId: string;
  name: string;
  description: string;
  tags: string[];
  members: number;
  k: number;
  /** At least k members: a request to its members is accepted. */
  canAsk: boolean;
  /** The last closed period's counts, or null (then `profileNote` says why, in words). */
  profile: {
    epoch: number;
    from?: number;
    to?: number;
    contributors?: number;
    interests?: MaskProfileCount[];
    actions?: MaskProfileCount[];
  } | null;
  profileNote: string;
};

/** A request sent to a mask's members, with what its answers became. Amounts in tokens. */
export type MaskRequestView = {
  id: string;
  maskId: string;
  maskName: string;
  purpose: string;
  reward: { amount: string; token: string } | null;
  issuedAt: number;
  expiresAt: number;
  status: 'open' | 'expired';
  answers: number;
  paid: number;
  unpaid: number;
  /** Payouts sent whose outcome the service did not record: never sent again (check them on the chain). */
  uncertain: number;
  paidTokens: string;
};

export type SendMaskRequestBody = {
  maskId: string;
  purpose: string;
  reward?: { amount: string };
  hours?: number;
};

export type MaskPayout = { request: MaskRequestView; sent: { recipient: string; txHash: string }[] };

export async function listMasks(base: string, operatorToken: string): Promise<MaskView[]> {
  return (await callMerchantService<{ masks: MaskView[] }>(base, 'operator/masks', { operatorToken })).masks;
}

export async function listMaskRequests(base: string, operatorToken: string): Promise<MaskRequestView[]> {
  return (await callMerchantService<{ requests: MaskRequestView[] }>(base, 'operator/mask-requests', { operatorToken }))
    .requests;
}

export function sendMaskRequest(
  base: string,
  body: SendMaskRequestBody,
  operatorToken: string,
): Promise<MaskRequestView> {
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
