// The merchant's campaign routes as the page calls them (operator token, campaigns:write), and the
// durable count of confirmed revocations (GET /records/revocations). Amounts in tokens.
import type { CampaignView } from '@decdp/sdk/merchant/node';
import type { RequestPredicate } from '@decdp/sdk/protocol';
import { callMerchantService } from '../../shared/merchantService.ts';

/** GET /campaigns: the service's own type (a type only; nothing Node-only reaches the page). */
export type { CampaignView };

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
