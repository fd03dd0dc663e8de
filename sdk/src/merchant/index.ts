/** @decdp/sdk/merchant: requests out, proofs in, light records kept. */

export {
  type VerifiedBundle,
  type VerifyProofBundleParameters,
  verifyProofBundle,
} from '../proof/verifyProofBundle.ts';
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
export type { IdempotencyEntry, LightRecord, MerchantStore, NewLightRecord } from '../store/merchantStore.ts';
export { openPostgresStore } from '../store/openPostgresStore.ts';
export { openSqliteStore } from '../store/openSqliteStore.ts';
export { openStore } from '../store/openStore.ts';
export { schedulePurge } from '../store/schedulePurge.ts';
export { type ClaimRelay, createChainClaimRelay, type RelayedClaim } from './claimRelay.ts';
export { type CreateRequestParameters, createRequest } from './createRequest.ts';
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
export { type HandleNewRequestParameters, handleNewRequest, newRequestBodySchema } from './handleNewRequest.ts';
export { type HandleRevocationParameters, handleRevocation } from './handleRevocation.ts';
export {
  type AnswerVerifier,
  createAnswerVerifier,
  createVerifierThreads,
  type ProofVerifier,
} from './service/answerVerifier.ts';
export { createMerchantService, type MerchantServiceOptions } from './service/createMerchantService.ts';
export { ERROR_STATUS, errorBody, httpStatusOf } from './service/httpStatus.ts';
export { createMetricsRegistry, type MetricsRegistry } from './service/metrics.ts';
export { serveMerchantService } from './service/serveMerchantService.ts';
