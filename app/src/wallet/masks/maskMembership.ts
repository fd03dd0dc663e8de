// The pod document /decdp/masks/<maskId>.json for a chain mask (docs/masks.md § The pod document):
// the person's own record of wearing it and of each period's contribution, so the wallet refuses
// a second contribution in a period before proving. No secret is in it.
import { type MaskDefinition, type MaskMembership, type MaskSignal, newMaskMembership } from '@decdp/sdk/masks';

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
