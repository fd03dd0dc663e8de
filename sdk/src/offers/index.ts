/** @decdp/sdk/offers: the transparent offer model — ADWIZ's LP on context alone, with explanations. */
export { type AllocateOffersParameters, allocateOffers, DEFAULT_EXPLORATION_SHARE } from './allocateOffers.ts';
export {
  ContextNotAllowedError,
  type OfferConstraint,
  OfferSolverError,
  OffersInfeasibleError,
  UnknownContextError,
  UnknownOfferError,
} from './errors.ts';
export { describeContext } from './explainOffer.ts';
export {
  INTEREST_KINDS,
  type Interest,
  type InterestKind,
  matchOfferContext,
  offerInterests,
  parseInterest,
  withoutInterests,
} from './offerInterests.ts';
export { type OfferPick, type PickOfferParameters, pickOffer } from './pickOffer.ts';
export { seededRandom } from './seededRandom.ts';
export {
  ADWIZ_SEEDS,
  ADWIZ_SETUP,
  makeAdwizWorld,
  makeOfferWorld,
  type OfferPolicy,
  type OfferWorld,
  type OfferWorldKind,
  type PolicyResult,
  type SimulateOffersParameters,
  type SimulationResult,
  simulateOffers,
} from './simulateOffers.ts';
export { createTransportLpSession, loadHighsSolver, type TransportLpSession } from './solveTransportLp.ts';
export * from './types.ts';
export {
  type ClickFeedback,
  type CreateCtrEstimatesParameters,
  createCtrEstimates,
  ctrInterval,
  DEFAULT_CTR_PRIOR,
  estimateCtr,
  type UpdateCtrEstimatesParameters,
  updateCtrEstimates,
} from './updateCtrEstimates.ts';
