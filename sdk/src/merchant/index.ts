/**
 * @decdp/sdk/merchant: requests out, proofs in, light records kept. Browser-safe; the stores
 * (node:sqlite, pg) and the HTTP service are in `@decdp/sdk/merchant/node`.
 */

export { errorBody, httpStatusOf } from '../errors/errorResponse.ts';
export { ERROR_STATUS } from '../errors/httpStatus.ts';
export {
  type VerifiedBundle,
  type VerifyProofBundleParameters,
  verifyProofBundle,
} from '../proof/verifyProofBundle.ts';
export { requestQrCode } from '../protocol/requestQrCode.ts';
export {
  type DeletionConfirmation,
  deletionConfirmationDigest,
  parseRevocationBody,
  type RevocationBody,
  type RevocationMessage,
  revocationHash,
  type SignedDeletionConfirmation,
  verifyDeletionConfirmation,
} from '../protocol/revocation.ts';
export {
  type IdempotencyEntry,
  type LightRecord,
  type MerchantStore,
  type NewLightRecord,
  OPERATOR_SCOPES,
  type OperatorScope,
  type OperatorToken,
} from '../store/merchantStore.ts';
export { type ClaimRelay, createChainClaimRelay, type RelayedClaim } from './claimRelay.ts';
export {
  type ConnectedInbox,
  connectedInboxId,
  findConnectedInbox,
  listConnectedInboxes,
} from './connectedInboxes.ts';
export { type CreateRequestParameters, createRequest } from './createRequest.ts';
export { deliverRequest } from './deliverRequest.ts';
export { type DeliveryReport, deliverToInboxes } from './deliverToInboxes.ts';
export { forgetInbox } from './forgetInbox.ts';
export {
  type AnswerResponse,
  type AnswerRewards,
  answerOfRecord,
  type HandleAnswerParameters,
  handleAnswer,
  type RewardCampaign,
} from './handleAnswer.ts';
export {
  type ClaimBody,
  type ClaimResponse,
  claimBodySchema,
  type HandleClaimParameters,
  handleClaim,
} from './handleClaim.ts';
export { handleInboxConnection, inboxConnectionSchema } from './handleInboxConnection.ts';
export { type HandleNewRequestParameters, handleNewRequest, newRequestBodySchema } from './handleNewRequest.ts';
export { type HandleRevocationParameters, handleRevocation } from './handleRevocation.ts';
// Offers: the wire shapes here; the desk and its routes run in the service (./node).
export type {
  OfferDefinition,
  OfferDeskView,
  ResolveReason,
  ServedOffer,
} from './offers/createOfferDesk.ts';
export { OfferNotShownError } from './offers/errors.ts';
