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
export { type OfferPick, type PickOfferParameters, pickOffer } from './pickOffer.ts';
export { seededRandom } from './seededRandom.ts';
export {
  makeOfferWorld,
  type OfferPolicy,
  type PolicyResult,
  type SimulateOffersParameters,
  type SimulationResult,
  simulateOffers,
} from './simulateOffers.ts';
export { loadHighsSolver } from './solveTransportLp.ts';
export * from './types.ts';
export {
  type ClickFeedback,
  type CreateCtrEstimatesParameters,
  createCtrEstimates,
  DEFAULT_CTR_PRIOR,
  estimateCtr,
  type UpdateCtrEstimatesParameters,
  updateCtrEstimates,
} from './updateCtrEstimates.ts';
