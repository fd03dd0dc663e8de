// Serving one impression from a plan: draw an offer by its planned share of the context, and say
// which constraint that very impression came from (a rental floor, an exploration floor, or the
// click-maximizing remainder).

import { floorShareOf } from './allocateOffers.ts';
import { UnknownContextError } from './errors.ts';
import { explanationText } from './explainOffer.ts';
import type { OfferAllocation, OfferExplanation, OfferReason, PlannedOffer } from './types.ts';

export type PickOfferParameters = {
  allocation: OfferAllocation;
  contextId: string;
  /** Uniform in [0, 1); pass a seeded one for reproducible serving. Default Math.random. */
  random?: () => number;
};

/** The offer to show, or null when the plan leaves this impression empty (quotas ran out). */
export type OfferPick = { offerId: string; explanation: OfferExplanation } | null;

/**
 * @example
 * const pick = pickOffer({ allocation: plan, contextId: 'search-helmet' });
 * if (pick) show(pick.offerId, pick.explanation.text);
 */
export function pickOffer(parameters: PickOfferParameters): OfferPick {
  const { allocation, contextId } = parameters;
  const plan = allocation.contexts.find((context) => context.contextId === contextId);
  if (!plan) throw new UnknownContextError(contextId, { field: 'contextId' });
  const total = Math.max(plan.impressions, plan.filled);
  let point = (parameters.random ?? Math.random)() * total;
  for (const offer of plan.offers) {
    const { rentalFloor, explorationFloor, highestExpectedClicks } = offer.explanation.breakdown;
    const segments: [OfferReason, number][] = [
      ['rental floor', rentalFloor],
      ['exploration floor', explorationFloor],
      ['highest expected clicks', highestExpectedClicks],
    ];
    for (const [reason, size] of segments) {
      if (point < size) return { offerId: offer.offerId, explanation: withReason(offer, reason, plan.impressions) };
      point -= size;
    }
  }
  return null;
}

function withReason(offer: PlannedOffer, reason: OfferReason, impressions: number): OfferExplanation {
  const explanation = offer.explanation;
  if (explanation.reason === reason) return explanation;
  return {
    ...explanation,
    reason,
    text: explanationText({
      offerTitle: explanation.offerTitle ?? `Offer “${explanation.offerId}”`,
      context: explanation.context,
      estimate: explanation.estimate,
      reason,
      share: explanation.share,
      floorShare: floorShareOf(reason, offer.floors, { impressions }),
    }),
  };
}
