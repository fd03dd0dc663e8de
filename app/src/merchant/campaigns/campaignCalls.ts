// The merchant's campaign routes as the page calls them (operator token, campaigns:write), and the
// durable count of confirmed revocations (GET /records/revocations). Amounts in tokens.
import type { RequestPredicate } from '@decdp/sdk/protocol';
import { callMerchantService } from '../../shared/merchantService.ts';

/** GET /campaigns (CampaignView in @decdp/sdk/merchant/node). */
export type CampaignView = {
  campaignId: string;
  pays: string;
  predicate: RequestPredicate;
  status: 'paying' | 'paused' | 'not started' | 'ended' | 'closed';
  rewardPerAnswer: string;
  remaining: string;
  paid: string;
  answersPaid: number;
  start: number;
  end: number;
  closedAt: number | null;
  token: { address: string; symbol: string; decimals: number };
  configured: boolean;
};

export type CampaignAction = 'top-up' | 'pause' | 'resume' | 'close';

export function listCampaigns(base: string, operatorToken: string): Promise<CampaignView[]> {
  return callMerchantService<CampaignView[]>(base, 'campaigns', { operatorToken });
}

export function createCampaign(
  base: string,
  body: { predicate: RequestPredicate; rewardPerAnswer: string; budget: string; days: number },
  operatorToken: string,
): Promise<CampaignView> {
  return callMerchantService<CampaignView>(base, 'campaigns', { method: 'POST', body, operatorToken });
}

export function actOnCampaign(
  base: string,
  params: { campaignId: string; action: CampaignAction; amount?: string },
  operatorToken: string,
): Promise<CampaignView & { txHash: string | null; withdrawn?: string | null }> {
  return callMerchantService(base, `campaigns/${encodeURIComponent(params.campaignId)}/${params.action}`, {
    method: 'POST',
    body: params.action === 'top-up' ? { amount: params.amount } : {},
    operatorToken,
  });
}

/** Confirmed revocations that deleted a record, kept by the service's store (durable). */
export async function readRevocationCount(base: string, operatorToken: string): Promise<number> {
  return (await callMerchantService<{ confirmed: number }>(base, 'records/revocations', { operatorToken })).confirmed;
}
