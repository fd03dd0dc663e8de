// The transparent offer model's values (docs/offers.md). Offers are chosen from context the
// merchant already has — the page, the search keywords, the predicates the person chose to prove,
// the mask they wear — and from nothing else. `ContextSlot` has no field for anything more, and
// `OnlyOfferContext` turns an extra field into a type error, so a hidden profile cannot be passed.

/** What the merchant already knows about an impression, and the only thing an offer may use. */
export type OfferContext = {
  /** The merchant's own page or screen holding the offer slot, e.g. `/bikes/helmets`. */
  page?: string;
  /** Keywords typed into the merchant's own search box. */
  keywords?: readonly string[];
  /** Predicates the person chose to prove to this merchant, in the light record's words ("age ≥ 18"). */
  provenPredicates?: readonly string[];
  /** The mask (shared persona, a Semaphore group) the person wears, by id. */
  maskId?: string;
};

/** The fields an offer context may hold; anything else is refused (type and run time). */
export const OFFER_CONTEXT_FIELDS = ['id', 'impressions', 'page', 'keywords', 'provenPredicates', 'maskId'] as const;

/** One context the merchant serves offers in, and how many impressions it expects in the period. */
export type ContextSlot = OfferContext & {
  /** The merchant's name for this context, e.g. `bikes-helmet-search`. */
  id: string;
  /** Impressions expected in the planning period (h_c). */
  impressions: number;
};

/**
 * `Slot` when it holds only context-slot fields; any other field (an age, a profile, a history)
 * becomes `never`, so the call does not type-check.
 *
 * @example
 * allocateOffers({ contexts: [{ id: 'home', impressions: 100, age: 34 }], ... }) // type error: age
 */
export type OnlyOfferContext<Slot> = Slot & { [Field in Exclude<keyof Slot, keyof ContextSlot>]: never };

/** A paid placement: at least `share` of `contextId`'s impressions go to the offer. */
export type RentalFloor = { contextId: string; share: number };

export type Offer = {
  id: string;
  /** What the person sees; repeated in the explanation. */
  title?: string;
  /** Most displays the offer may get in the period, over all contexts (k_o). */
  quota: number;
  /** Paid placements (ADWIZ "rental"). */
  rentals?: readonly RentalFloor[];
  /** Contexts where the offer must never show (ADWIZ's inhibition, c = −1). */
  blockedContexts?: readonly string[];
};

/** Beta(alpha, beta) prior on every offer × context click-through rate. */
export type CtrPrior = { alpha: number; beta: number };

/** Displays and clicks seen so far for one offer in one context. */
export type CtrCell = { impressions: number; clicks: number };

/**
 * Click evidence per offer × context, JSON-friendly: `cells[offerId][contextId]`. Made by
 * `createCtrEstimates`, updated by `updateCtrEstimates`; an absent cell means no evidence yet.
 */
export type CtrEstimates = {
  prior: CtrPrior;
  cells: Readonly<Record<string, Readonly<Record<string, CtrCell>>>>;
};

/** The estimate the LP used for one offer in one context: the Beta posterior mean. */
export type CtrEstimate = {
  /** (clicks + alpha) / (impressions + alpha + beta). */
  ctr: number;
  clicks: number;
  impressions: number;
  prior: CtrPrior;
};

/** The 95 % interval around a CTR estimate: low ≤ ctr ≤ high (ctrInterval). */
export type CtrInterval = { low: number; high: number; level: 0.95 };

/** Which constraint put an offer in front of the person. */
export type OfferReason = 'highest expected clicks' | 'exploration floor' | 'rental floor';

/** What the wallet shows under "why this offer". JSON-serializable. */
export type OfferExplanation = {
  offerId: string;
  offerTitle?: string;
  contextId: string;
  /** Exactly the context used, and nothing more. */
  context: OfferContext;
  estimate: CtrEstimate;
  /** How uncertain `estimate.ctr` is. */
  ctrInterval: CtrInterval;
  reason: OfferReason;
  /** This context's planned impressions of the offer, split by what required them. */
  breakdown: { rentalFloor: number; explorationFloor: number; highestExpectedClicks: number };
  /** The offer's planned share of the context's impressions, 0..1. */
  share: number;
  /** Plain words for the wallet. */
  text: string;
};

/** One offer's planned impressions in one context (x_oc > 0). */
export type PlannedOffer = {
  offerId: string;
  contextId: string;
  /** Planned impressions x_oc (fractional: an LP solution, served by `pickOffer` as shares). */
  impressions: number;
  share: number;
  floors: { exploration: number; rental: number };
  expectedClicks: number;
  explanation: OfferExplanation;
};

export type ContextPlan = {
  contextId: string;
  impressions: number;
  /** Planned impressions with an offer; below `impressions` only when quotas run out. */
  filled: number;
  /** Offers with planned impressions, most impressions first. */
  offers: PlannedOffer[];
};

export type OfferAllocation = {
  contexts: ContextPlan[];
  /** Σ ctr·x over the plan, with the estimates used. */
  expectedClicks: number;
  lp: { variables: number; constraints: number; solveMs: number; explorationShare: number };
};
